package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.Tuple2;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * {@link HashTrie} against {@link java.util.HashMap} as a model: lookups, updates, iteration, canonical shape (equal
 * whatever the order of the updates) and the lockstep join, including keys whose hashes agree in a prefix or in all
 * 32 bits (collision nodes).
 */
class HashTrieProperties {

  /** A key whose hash is chosen, so that keys collide in the first levels or everywhere. */
  record Key(int hash, int id) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One update: put {@code value} (or remove, if null) under {@code key}. */
  record Update(Key key, @Nullable Integer value) {}

  @Provide
  Arbitrary<Key> keys() {
    Arbitrary<Integer> ids = Arbitraries.integers().between(0, 60);
    // The hash of TrieNode.hash(key) folds the high half in: pick hashes whose folded low bits agree often.
    Arbitrary<Integer> hashes = Arbitraries.oneOf(
        ids,                                                 // distinct in the first level
        ids.map(id -> id << 5),                             // equal first chunk
        ids.map(id -> (id % 4) << 30),                       // agree down to the last bitmap level
        Arbitraries.just(42),                               // a full collision
        Arbitraries.integers());
    return Combinators.combine(hashes, ids).as(Key::new);
  }

  @Provide
  Arbitrary<List<Update>> histories() {
    Arbitrary<Integer> values = Arbitraries.integers().between(0, 400).injectNull(0.25);
    return Combinators.combine(keys(), values).as(Update::new).list().ofMaxSize(120);
  }

  @Property
  void behavesAsAMapAndIsCanonical(@ForAll("histories") List<Update> history, @ForAll long shuffleSeed) {
    HashTrie<Key, Integer> trie = HashTrie.empty();
    Map<Key, Integer> model = new HashMap<>();
    for (Update update : history) {
      trie = apply(trie, update);
      apply(model, update);
      assertMatches(trie, model);
    }
    List<Map.Entry<Key, Integer>> entries = new ArrayList<>(model.entrySet());
    Collections.shuffle(entries, new Random(shuffleSeed));
    HashTrie<Key, Integer> rebuilt = HashTrie.empty();
    for (Map.Entry<Key, Integer> entry : entries) {
      rebuilt = rebuilt.put(entry.getKey(), entry.getValue());
    }
    assertThat(rebuilt).isEqualTo(trie);
    assertThat(rebuilt.hashCode()).isEqualTo(trie.hashCode()).isEqualTo(model.hashCode());
  }

  @Property
  void updatesThatChangeNothingReturnTheSameTrie(@ForAll("histories") List<Update> history, @ForAll("keys") Key key) {
    HashTrie<Key, Integer> trie = build(HashTrie.empty(), history);
    assertThat(trie.remove(new Key(key.hash(), 1000))).isSameAs(trie);
    Integer value = trie.get(key);
    if (value != null) {
      assertThat(trie.put(key, value)).isSameAs(trie);
    }
    assertThat(trie.update((k, v) -> v)).isSameAs(trie);
  }

  /**
   * Two replicas of a common trie, each updated apart, joined by a joiner that drops some keys: the result is the
   * model's join, and is the left side itself whenever it equals it.
   */
  @Property
  void joinsAsTheModelDoes(@ForAll("histories") List<Update> base, @ForAll("histories") List<Update> left,
      @ForAll("histories") List<Update> right, @ForAll boolean keepsOnlyMine) {
    HashTrie<Key, Integer> common = build(HashTrie.empty(), base);
    HashTrie<Key, Integer> mine = build(common, left);
    HashTrie<Key, Integer> theirs = build(common, right);
    Dropping joiner = new Dropping(keepsOnlyMine);

    HashTrie<Key, Integer> joined = mine.join(theirs, joiner);

    Map<Key, Integer> expected = joiner.model(toModel(mine), toModel(theirs));
    assertMatches(joined, expected);
    if (joined.equals(mine)) {
      assertThat(joined).isSameAs(mine);
    }
    assertThat(mine.join(mine, joiner)).isSameAs(mine);
  }

  /**
   * A joiner that keeps equal values, takes the larger of two, and drops a value divisible by 7 met on one side
   * (or, when {@code keepsOnlyMine}, only on their side).
   */
  private record Dropping(boolean keepsOnlyMine) implements HashTrie.Joiner<Key, Integer> {
    @Override
    public @Nullable Integer both(Key key, Integer mine, Integer theirs) {
      return theirs > mine ? theirs : mine;
    }

    @Override
    public @Nullable Integer onlyMine(Key key, Integer mine) {
      return keepsOnlyMine || mine % 7 != 0 ? mine : null;
    }

    @Override
    public @Nullable Integer onlyTheirs(Key key, Integer theirs) {
      return theirs % 7 != 0 ? theirs : null;
    }

    @Override
    public boolean keepsEqual() {
      return true;
    }

    Map<Key, Integer> model(Map<Key, Integer> mine, Map<Key, Integer> theirs) {
      Map<Key, Integer> joined = new HashMap<>();
      mine.forEach((key, value) -> {
        Integer kept = theirs.containsKey(key) ? both(key, value, theirs.get(key)) : onlyMine(key, value);
        if (kept != null) {
          joined.put(key, kept);
        }
      });
      theirs.forEach((key, value) -> {
        Integer kept = mine.containsKey(key) ? null : onlyTheirs(key, value);
        if (kept != null) {
          joined.put(key, kept);
        }
      });
      return joined;
    }
  }

  private static HashTrie<Key, Integer> build(HashTrie<Key, Integer> start, List<Update> history) {
    HashTrie<Key, Integer> trie = start;
    for (Update update : history) {
      trie = apply(trie, update);
    }
    return trie;
  }

  private static HashTrie<Key, Integer> apply(HashTrie<Key, Integer> trie, Update update) {
    return update.value() == null ? trie.remove(update.key()) : trie.put(update.key(), update.value());
  }

  private static void apply(Map<Key, Integer> model, Update update) {
    if (update.value() == null) {
      model.remove(update.key());
    } else {
      model.put(update.key(), update.value());
    }
  }

  private static Map<Key, Integer> toModel(HashTrie<Key, Integer> trie) {
    Map<Key, Integer> model = new HashMap<>();
    for (Tuple2<Key, Integer> entry : trie) {
      model.put(entry._1, entry._2);
    }
    return model;
  }

  private static void assertMatches(HashTrie<Key, Integer> trie, Map<Key, Integer> model) {
    assertThat(trie.size()).isEqualTo(model.size());
    assertThat(trie.isEmpty()).isEqualTo(model.isEmpty());
    Map<Key, Integer> iterated = new HashMap<>();
    for (Tuple2<Key, Integer> entry : trie) {
      assertThat(iterated.put(entry._1, entry._2)).as("key %s met twice", entry._1).isNull();
    }
    assertThat(iterated).isEqualTo(model);
    assertThat(trie.keys().toJavaSet()).isEqualTo(model.keySet());
    assertThat(trie.values().toJavaList()).containsExactlyInAnyOrderElementsOf(model.values());
    model.forEach((key, value) -> assertThat(trie.get(key)).isEqualTo(value));
    assertThat(trie.get(new Key(7, 1000))).isNull();
  }
}
