package io.crdtkit.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A JVM for {@link StoreProcessTest}. {@code write DIR MODE THREADS}: appends in a tight loop from THREADS threads
 * and prints {@code ack KEY VALUE} once an append's stage has completed (never before). {@code open DIR}: tries to
 * open the store and prints {@code opened} or {@code locked MESSAGE}.
 */
public final class StoreChild {

  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("open")) {
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        System.out.println("opened " + store.directory());
      } catch (StoreLockedException e) {
        System.out.println("locked " + e.getMessage());
      }
      return;
    }
    Durability mode = Durability.valueOf(args[2]);
    int threads = Integer.parseInt(args[3]);
    ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults().withDurability(mode));
    store.saveIdentity(new StoredIdentity("child", System.currentTimeMillis()));
    System.out.println("started");
    for (int t = 0; t < threads; t++) {
      String key = "k" + t;
      Thread writer = new Thread(() -> {
        for (long i = 0; ; i++) {
          String value = key + "-" + i;
          store.append(key, value.getBytes(StandardCharsets.UTF_8))
              .thenRun(() -> System.out.println("ack " + key + " " + value));
        }
      }, "writer-" + t);
      writer.start();
    }
  }
}
