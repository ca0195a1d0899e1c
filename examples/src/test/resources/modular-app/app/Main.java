package app;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.Replicated;
import io.vavr.collection.Set;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Encodes a set with a discovered Smile mapper, then replicates it between two members over encrypted TCP on
 * 127.0.0.1, on the two ports given as arguments.
 */
public final class Main {

  public static void main(String[] args) throws Exception {
    ReplicaId self = ReplicaId.of("app");
    ORSet<String> set = ORSet.<String>empty().add(self, "milk").add(self, "eggs");
    SmileMapper smile = SmileMapper.builder().findAndAddModules().build();
    ORSet<String> decoded = smile.readValue(smile.writeValueAsBytes(set), new TypeReference<ORSet<String>>() {});
    Set<String> value = decoded.value();
    System.out.println("decoded " + value.toSortedSet());

    List<Integer> ports = List.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    SecretKey key = new SecretKeySpec(new byte[16], "AES");
    try (CrdtNode a = CrdtNode.builder("modular").replica(ReplicaId.of("a"))
             .stack(JGroupsStack.tcp(ports.get(0), ports).encrypted(key)).start();
         CrdtNode b = CrdtNode.builder("modular").replica(ReplicaId.of("b"))
             .stack(JGroupsStack.tcp(ports.get(1), ports).encrypted(key)).start()) {
      Replicated<ORSet<String>> onA = a.register("cart", ORSet.empty(), new TypeReference<>() {});
      Replicated<ORSet<String>> onB = b.register("cart", ORSet.empty(), new TypeReference<>() {});
      CountDownLatch arrived = new CountDownLatch(1);
      onB.subscribe((state, local) -> {
        if (state.value().contains("tea")) {
          arrived.countDown();
        }
      });
      onA.update((state, replica) -> state.deltaAdd(replica, "tea"));
      if (!arrived.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("b never saw a's add; b holds " + onB.value().value());
      }
      System.out.println("replicated " + onB.value().value().toSortedSet());
    }
  }
}
