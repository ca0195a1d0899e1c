package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.jackson.CrdtCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Keys at runtime (issue 17, NET.md "Keys"): the key types registered on this node, and the keys created from them,
 * here ({@link CrdtNode#replicated}) or because an entry of an unknown key of a known type arrived. An entry whose
 * type is not registered here is refused alone ({@link RefusalCause#UNKNOWN_TYPE}), logged once per key and type.
 * Thread-safe: keys are created on callers' threads and on the protocol thread.
 */
final class RuntimeKeys {

  private static final Logger log = LoggerFactory.getLogger(RuntimeKeys.class);

  /** Creates a key's entry in the node's registry, or returns the one already there (any type). */
  interface Creator {
    <S extends Crdt<S>> KeyEntry<?> createIfAbsent(String name, S initial, CrdtCodec<S> codec,
        @Nullable CrdtCodec<S> halved);
  }

  private final Map<String, CrdtKeyType<?>> types = new ConcurrentHashMap<>();
  /** Keys registered by name: registering one again is a mistake, getting one created at runtime is not. */
  private final Set<String> registeredByName = ConcurrentHashMap.newKeySet();
  /** Every key's type as this node holds it, for listeners; keys registered by name included. */
  private final Map<String, CrdtKeyType<?>> keyTypes = new ConcurrentHashMap<>();
  /** The types of keys registered by name: such a key, deleted and collected, is created again on receipt. */
  private final Map<String, CrdtKeyType<?>> namedTypes = new ConcurrentHashMap<>();
  /** Subscriptions of keys whose tombstone was collected: the key's next entry takes them over. */
  private final Map<String, List<ChangeListener<?>>> dormantListeners = new ConcurrentHashMap<>();
  private final Set<String> loggedUnknown = ConcurrentHashMap.newKeySet();
  private final List<KeyListener> listeners = new CopyOnWriteArrayList<>();
  private final ObjectMapper mapper;
  private final ObjectMapper halvedMapper;
  private final Creator creator;
  private final Refusals refusals;
  private final Executor protocol;
  private final String self;

  RuntimeKeys(ObjectMapper mapper, ObjectMapper halvedMapper, Creator creator, Refusals refusals, Executor protocol,
      String self) {
    this.mapper = mapper;
    this.halvedMapper = halvedMapper;
    this.creator = creator;
    this.refusals = refusals;
    this.protocol = protocol;
    this.self = self;
  }

  /** Registers {@code type}; again with an equal type is a no-op, with another bottom under its id an error. */
  void registerType(CrdtKeyType<?> type) {
    CrdtKeyType<?> before = types.putIfAbsent(type.id(), type);
    if (before != null && !before.equals(type)) {
      throw new IllegalArgumentException("key type " + type.id() + " is already registered on this node with"
          + " another bottom (" + before.bottom() + ", not " + type.bottom() + "): every key of a type starts from"
          + " the same value");
    }
  }

  /** The key's handle, creating the key here if it is not yet (and registering its type). */
  <S extends Crdt<S>> KeyEntry<S> replicated(CrdtKey<S> key) {
    registerType(key.type());
    CrdtKeyType<S> type = key.type();
    KeyEntry<?> entry = creator.createIfAbsent(key.name(), type.bottom(), type.codec(mapper),
        type.codec(halvedMapper));
    KeyEntry<S> typed = checkType(entry, type);
    if (keyTypes.putIfAbsent(key.name(), type) == null) {
      notifyCreated(key, true);
    }
    return typed;
  }

  /**
   * A key registered by name: created, or taken over from a key created at runtime if that has the same type (its
   * state merged with {@code initial}). Registering a key by name twice stays a mistake.
   */
  <S extends Crdt<S>> KeyEntry<S> register(String name, S initial, CrdtCodec<S> codec, @Nullable CrdtCodec<S> halved) {
    if (!registeredByName.add(name)) {
      throw new IllegalArgumentException("key '" + name + "' is already registered on this node");
    }
    try {
      CrdtKeyType<S> type = CrdtKeyType.ofCodec(codec, initial);
      KeyEntry<S> entry = checkType(creator.createIfAbsent(name, initial, codec, halved), type);
      namedTypes.put(name, type);
      entry.merge(initial);
      if (keyTypes.putIfAbsent(name, type) == null) {
        notifyCreated(CrdtKey.of(name, type), true);
      }
      return entry;
    } catch (RuntimeException e) {
      registeredByName.remove(name);
      throw e;
    }
  }

  /**
   * Protocol thread: an entry of {@code name}, a key this node does not hold, arrived from {@code from}. The key is
   * created from its type's bottom if the type is registered here, and listeners are told once the frame is merged;
   * otherwise the entry is refused alone. Null when refused.
   */
  @Nullable KeyEntry<?> createOnReceipt(Address from, String name, String typeId) {
    CrdtKeyType<?> type = typeId.isEmpty() ? null : types.get(typeId);
    CrdtKeyType<?> named = namedTypes.get(name);
    if (type == null && named != null && named.id().equals(typeId)) {
      type = named;
    }
    if (type == null) {
      refuse(from, name, typeId);
      return null;
    }
    return createOnReceipt(name, type);
  }

  /**
   * A key restored from a durable node's directory, of type {@code typeId}: created now if its type is registered
   * here (listeners told, as local), else when it is registered by name or its type is.
   */
  void restore(String name, String typeId) {
    CrdtKeyType<?> type = types.get(typeId);
    if (type != null) {
      createOnReceipt(name, type);
    }
  }

  private <S extends Crdt<S>> KeyEntry<?> createOnReceipt(String name, CrdtKeyType<S> type) {
    KeyEntry<?> entry = creator.createIfAbsent(name, type.bottom(), type.codec(mapper), type.codec(halvedMapper));
    // Created meanwhile here as another type: the caller refuses the entry (TYPE_MISMATCH), nobody is told.
    if (entry.type.equals(type.id()) && keyTypes.putIfAbsent(name, type) == null) {
      // Queued behind the frame being handled on the protocol thread: listeners see what arrived, merged.
      CrdtKey<S> key = CrdtKey.of(name, type);
      protocol.execute(() -> {
        if (keyTypes.get(name) == type) {         // not collected again meanwhile (a tombstone, Tombstones)
          notifyCreated(key, false);
        }
      });
    }
    return entry;
  }

  private void refuse(Address from, String name, String typeId) {
    if (typeId.isEmpty()) {
      // A member of an earlier release sends no type: nothing to create the key from.
      refusals.refuse(RefusalCause.UNKNOWN_KEY, from, "an entry of key '" + name + "', not registered here");
      return;
    }
    refusals.countOnly(RefusalCause.UNKNOWN_TYPE);
    if (loggedUnknown.add(name + " " + typeId)) {
      log.warn("{}: refused entries of key '{}' from {}: its type {} is not registered here (UNKNOWN_TYPE;"
          + " register it with CrdtNode.registerType to replicate the key; the key's further entries are counted in"
          + " the stats, not logged)", self, name, from, typeId);
    }
  }

  /**
   * The key of {@code collected}, an entry whose tombstone was collected, created again here: a handle of the key
   * updates this entry from now on.
   */
  <S extends Crdt<S>> KeyEntry<S> reopen(KeyEntry<S> collected) {
    CrdtKeyType<S> type = CrdtKeyType.ofCodec(collected.codec(), collected.initial());
    KeyEntry<S> entry = checkType(creator.createIfAbsent(collected.name, collected.initial(), collected.codec(),
        collected.limits().halved()), type);
    if (keyTypes.putIfAbsent(collected.name, type) == null) {
      notifyCreated(CrdtKey.of(collected.name, type), true);
    }
    return entry;
  }

  /** A new entry of a key: it takes over the subscriptions of the key's collected entry, if any. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void adoptListeners(KeyEntry<?> entry) {
    List<ChangeListener<?>> dormant = dormantListeners.remove(entry.name);
    if (dormant != null) {
      dormant.forEach(listener -> ((KeyEntry) entry).subscribe((ChangeListener) listener));
    }
  }

  /** {@code entry}'s tombstone was collected: the key is gone here, and its subscriptions wait for its next entry. */
  void collected(KeyEntry<?> entry) {
    keyTypes.remove(entry.name);
    List<? extends ChangeListener<?>> listeners = entry.listeners();
    if (!listeners.isEmpty()) {
      dormantListeners.put(entry.name, List.copyOf(listeners));
    }
  }

  /** A subscription closed while its key was collected: its listener no longer waits for the key's next entry. */
  void unsubscribeDormant(String name, ChangeListener<?> listener) {
    dormantListeners.computeIfPresent(name, (key, listeners) -> {
      List<ChangeListener<?>> left = new java.util.ArrayList<>(listeners);
      left.remove(listener);
      return left.isEmpty() ? null : List.copyOf(left);
    });
  }

  /** The key was deleted, here ({@code local}) or by another member: the key listeners are told. */
  void deleted(String name, boolean local) {
    CrdtKeyType<?> type = keyTypes.get(name);
    if (type == null) {
      return;
    }
    CrdtKey<?> key = CrdtKey.of(name, type);
    for (KeyListener listener : listeners) {
      try {
        listener.deleted(key, local);
      } catch (RuntimeException e) {
        log.warn("{}: a key listener failed on the delete of key '{}'; ignored", self, name, e);
      }
    }
  }

  void onKeys(KeyListener listener) {
    listeners.add(listener);
  }

  /**
   * {@code entry} as a key of {@code type}: the ids name the full Java type, so equal ids mean equal types.
   *
   * @throws IllegalArgumentException naming both types if the key is held here as another type
   */
  @SuppressWarnings("unchecked")
  private static <S extends Crdt<S>> KeyEntry<S> checkType(KeyEntry<?> entry, CrdtKeyType<S> type) {
    if (!entry.type.equals(type.id())) {
      throw new IllegalArgumentException("key '" + entry.name + "' is held on this node as " + entry.type + ", not "
          + type.id() + " (a key has one type on every member)");
    }
    return (KeyEntry<S>) entry;
  }

  private void notifyCreated(CrdtKey<?> key, boolean local) {
    for (KeyListener listener : listeners) {
      try {
        listener.created(key, local);
      } catch (RuntimeException e) {
        log.warn("{}: a key listener failed on key '{}'; ignored", self, key.name(), e);
      }
    }
  }
}
