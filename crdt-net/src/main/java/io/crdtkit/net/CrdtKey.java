package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A typed key: a name and the type of its value, like Pekko's {@code ORSetKey[String]("cart")}. Get its handle with
 * {@link CrdtNode#replicated(CrdtKey)}, which creates the key on first use; the other members that know its type
 * create it when its first state or delta reaches them.
 *
 * <pre>{@code
 * static final CrdtKey<ORSet<String>> CART = CrdtKey.of("cart", SET_OF_STRINGS);
 * node.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
 * }</pre>
 *
 * @param <S>  the CRDT type
 * @param name the key's name: 1 to {@link CrdtNode#MAX_KEY_BYTES} bytes in UTF-8
 * @param type the key's type
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record CrdtKey<S extends Crdt<S>>(String name, CrdtKeyType<S> type) {

  /**
   * Checks the name.
   *
   * @param name the key's name: 1 to {@link CrdtNode#MAX_KEY_BYTES} bytes in UTF-8; not null
   * @param type the key's type; not null
   * @throws IllegalArgumentException if the name is empty or too long
   * @throws NullPointerException     if an argument is null
   */
  public CrdtKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    requireValidName(name);
  }

  /**
   * A typed key.
   *
   * @param <S>  the CRDT type
   * @param name the key's name: 1 to {@link CrdtNode#MAX_KEY_BYTES} bytes in UTF-8; not null
   * @param type the key's type; not null
   * @return the key
   * @throws IllegalArgumentException if the name is empty or too long
   * @throws NullPointerException     if an argument is null
   */
  public static <S extends Crdt<S>> CrdtKey<S> of(String name, CrdtKeyType<S> type) {
    return new CrdtKey<>(name, type);
  }

  static void requireValidName(String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > CrdtNode.MAX_KEY_BYTES) {
      throw new IllegalArgumentException("a key must have 1 to " + CrdtNode.MAX_KEY_BYTES + " UTF-8 bytes, got "
          + bytes);
    }
  }
}
