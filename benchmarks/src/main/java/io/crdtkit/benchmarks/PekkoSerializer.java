package io.crdtkit.benchmarks;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.protobuf.ReplicatedDataSerializer;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * Pekko's own wire format for its data types, {@link ReplicatedDataSerializer}: the protobuf serializer its
 * Replicator uses. It needs an actor system; a local one is enough (no remoting, no port), since the serializer
 * writes replica addresses as plain fields.
 */
final class PekkoSerializer implements AutoCloseable {

  private final ActorSystem system;
  private final ReplicatedDataSerializer serializer;

  PekkoSerializer() {
    system = ActorSystem.create("bench", ConfigFactory.parseString(
        "pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING\npekko.log-dead-letters = off"));
    serializer = new ReplicatedDataSerializer((ExtendedActorSystem) system);
  }

  /** What the Replicator sends: the protobuf, gzipped by the serializer when it is large. */
  byte[] wire(Object data) {
    return serializer.toBinary(data);
  }

  /** The protobuf of an ORSet before compression. */
  byte[] protobuf(ORSet<?> set) {
    return serializer.orsetToProto(set).toByteArray();
  }

  /** The protobuf of an LWWMap before compression. */
  byte[] protobuf(LWWMap<?, ?> map) {
    return serializer.lwwmapToProto(map).toByteArray();
  }

  @Override
  public void close() {
    try {
      Await.result(system.terminate(), Duration.create(30, "s"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("Pekko's actor system did not stop within 30 s", e);
    }
  }
}
