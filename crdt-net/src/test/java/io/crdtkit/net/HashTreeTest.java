package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashTreeTest {

  @Test
  void aNodeHashIsTheSumOfItsKeysWhateverTheOrderOfUpdates() {
    HashTree one = new HashTree(3);
    HashTree other = new HashTree(3);
    long[] keys = {Hashes.ofKey("a"), Hashes.ofKey("b"), Hashes.ofKey("c")};
    for (long key : keys) {
      one.update(key, 0, HashTree.mix(key, 1), 1);
    }
    for (int i = keys.length - 1; i >= 0; i--) {
      other.update(keys[i], 0, HashTree.mix(keys[i], 7), 1);
      other.update(keys[i], HashTree.mix(keys[i], 7), HashTree.mix(keys[i], 1), 0);
    }
    assertThat(one.rootHash()).isEqualTo(other.rootHash());
    assertThat(one.size()).isEqualTo(3);
    for (int level = 0; level <= 3; level++) {
      for (long key : keys) {
        int index = HashTree.index(key, level);
        assertThat(one.hash(level, index)).isEqualTo(other.hash(level, index));
      }
    }
  }

  @Test
  void aNodeCoversTheKeyHashesThatStartWithItsIndex() {
    long key = 0xABCD_0000_0000_0000L;
    assertThat(HashTree.index(key, 0)).isZero();
    assertThat(HashTree.index(key, 1)).isEqualTo(0xA);
    assertThat(HashTree.index(key, 4)).isEqualTo(0xABCD);
    assertThat(HashTree.firstHash(2, 0xAB)).isEqualTo(0xAB00_0000_0000_0000L);
  }

  @Test
  void swappingTwoKeysStatesChangesTheHash() {
    long a = Hashes.ofKey("a");
    long b = Hashes.ofKey("b");
    assertThat(HashTree.mix(a, 1) + HashTree.mix(b, 2)).isNotEqualTo(HashTree.mix(a, 2) + HashTree.mix(b, 1));
  }
}
