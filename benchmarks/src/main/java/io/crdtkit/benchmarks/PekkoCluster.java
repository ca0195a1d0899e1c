package io.crdtkit.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.jspecify.annotations.Nullable;
import scala.concurrent.Await;

/**
 * Three Pekko actor systems in this JVM forming one cluster over Artery TCP on 127.0.0.1 (ports chosen by the
 * systems), each with its Distributed Data {@link Replicator}. Writes are {@code Replicator.Update} with
 * {@code WriteLocal}; what the other members see comes from {@code Replicator.Subscribe}. Pekko's default settings
 * unless a gossip interval and a subscriber notification interval are given.
 */
final class PekkoCluster implements EndToEndCluster {

  /** Updates a writer may have told its Replicator and not yet seen acknowledged. */
  static final int WINDOW = 1_000;

  private final String description;
  private final List<ActorSystem> systems = new ArrayList<>();

  private PekkoCluster(String description) {
    this.description = description;
  }

  /**
   * Starts the three systems and waits until each sees all three Up.
   *
   * @param gossipInterval            {@code pekko.cluster.distributed-data.gossip-interval}, or null for the
   *                                  default (2 s); deltas go out every fifth of it, but never more often than every
   *                                  200 ms (Pekko's floor)
   * @param notifySubscribersInterval {@code notify-subscribers-interval}, or null for the default (500 ms)
   */
  static PekkoCluster start(@Nullable Duration gossipInterval, @Nullable Duration notifySubscribersInterval) {
    PekkoCluster cluster = new PekkoCluster("Pekko " + version() + ", Artery TCP on 127.0.0.1, "
        + (gossipInterval == null && notifySubscribersInterval == null
            ? "default settings (gossip-interval 2 s, so deltas every 400 ms; notify-subscribers-interval 500 ms)"
            : "gossip-interval " + gossipInterval.toMillis() + " ms (deltas every "
                + Math.max(200, gossipInterval.toMillis() / 5) + " ms), notify-subscribers-interval "
                + notifySubscribersInterval.toMillis() + " ms"));
    try {
      Config config = config(gossipInterval, notifySubscribersInterval);
      for (int member = 0; member < MEMBERS; member++) {
        cluster.systems.add(ActorSystem.create("e2e", config));
      }
      Address seed = Cluster.get(cluster.systems.get(0)).selfAddress();
      cluster.systems.forEach(system -> Cluster.get(system).join(seed));
      Deadlines.await("three Pekko members Up", CrdtkitCluster.START_DEADLINE, cluster::allUp);
      // Replicators learn of the members from cluster events, after the members are Up.
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static Config config(@Nullable Duration gossipInterval, @Nullable Duration notifySubscribersInterval) {
    StringBuilder text = new StringBuilder("""
        pekko.actor.provider = cluster
        pekko.remote.artery.transport = tcp
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        pekko.loglevel = ERROR
        pekko.stdout-loglevel = ERROR
        pekko.log-dead-letters = off
        pekko.log-dead-letters-during-shutdown = off
        pekko.cluster.jmx.enabled = off
        pekko.cluster.log-info = off
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        pekko.coordinated-shutdown.terminate-actor-system = on
        """);
    if (gossipInterval != null) {
      text.append("pekko.cluster.distributed-data.gossip-interval = ").append(gossipInterval.toMillis())
          .append(" ms\n");
    }
    if (notifySubscribersInterval != null) {
      text.append("pekko.cluster.distributed-data.notify-subscribers-interval = ")
          .append(notifySubscribersInterval.toMillis()).append(" ms\n");
    }
    return ConfigFactory.parseString(text.toString()).withFallback(ConfigFactory.load());
  }

  private boolean allUp() {
    for (ActorSystem system : systems) {
      int up = 0;
      for (Member member : Cluster.get(system).state().getMembers()) {
        if (member.status().equals(MemberStatus.up())) {
          up++;
        }
      }
      if (up != MEMBERS) {
        return false;
      }
    }
    return true;
  }

  static String version() {
    Package pekko = ActorSystem.class.getPackage();
    return pekko.getImplementationVersion() == null ? "1.2.1" : pekko.getImplementationVersion();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Keys open(List<String> names, Observer observer) {
    List<Key<ORSet<String>>> keys = names.stream().<Key<ORSet<String>>>map(ORSetKey::create).toList();
    List<ActorRef> subscribers = new ArrayList<>();
    List<ActorRef> ackers = new ArrayList<>();
    List<Semaphore> windows = new ArrayList<>();
    AtomicReference<String> failure = new AtomicReference<>();
    for (int member = 0; member < MEMBERS; member++) {
      ActorSystem system = systems.get(member);
      ActorRef replicator = DistributedData.get(system).replicator();
      int m = member;
      ActorRef subscriber = system.actorOf(Props.create(Subscriber.class,
          () -> new Subscriber(keys, (key, set) -> observer.changed(m, key, set::contains))));
      for (Key<ORSet<String>> key : keys) {
        replicator.tell(new Replicator.Subscribe<>(key, subscriber), ActorRef.noSender());
      }
      subscribers.add(subscriber);
      Semaphore window = new Semaphore(WINDOW);
      windows.add(window);
      ackers.add(system.actorOf(Props.create(Acknowledgements.class, () -> new Acknowledgements(window, failure))));
    }
    return new Keys() {
      @Override
      public void add(int member, int key, String element) throws InterruptedException {
        windows.get(member).acquire();
        SelfUniqueAddress self = DistributedData.get(systems.get(member)).selfUniqueAddress();
        DistributedData.get(systems.get(member)).replicator().tell(
            new Replicator.Update<>(keys.get(key), ORSet.<String>create(), Replicator.writeLocal(),
                set -> set.add(self, element)), ackers.get(member));
      }

      @Override
      public void drain(int member, Duration deadline) throws InterruptedException {
        Semaphore window = windows.get(member);
        if (!window.tryAcquire(WINDOW, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("Pekko's Replicator did not acknowledge every update within " + deadline);
        }
        window.release(WINDOW);
        if (failure.get() != null) {
          throw new IllegalStateException("a Pekko update failed: " + failure.get());
        }
      }

      @Override
      public void close() {
        for (int member = 0; member < MEMBERS; member++) {
          ActorRef replicator = DistributedData.get(systems.get(member)).replicator();
          for (Key<ORSet<String>> key : keys) {
            replicator.tell(new Replicator.Unsubscribe<>(key, subscribers.get(member)), ActorRef.noSender());
          }
          systems.get(member).stop(subscribers.get(member));
          systems.get(member).stop(ackers.get(member));
        }
        // Frees the trial's sets on every member, so that trials do not pile up state.
        ActorRef replicator = DistributedData.get(systems.get(0)).replicator();
        keys.forEach(key -> replicator.tell(new Replicator.Delete<>(key, Replicator.writeLocal()),
            ActorRef.noSender()));
      }
    };
  }

  @Override
  public void close() {
    List<scala.concurrent.Future<?>> terminations = new ArrayList<>();
    systems.forEach(system -> terminations.add(system.terminate()));
    for (scala.concurrent.Future<?> termination : terminations) {
      try {
        Await.result(termination, scala.concurrent.duration.Duration.create(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted stopping Pekko's actor systems", e);
      } catch (Exception e) {
        throw new IllegalStateException("a Pekko actor system did not stop within 30 s", e);
      }
    }
    systems.clear();
  }

  /** What a subscriber is told: key {@code key} (its index) is now {@code set}. */
  @FunctionalInterface
  interface Change {
    void changed(int key, ORSet<String> set);
  }

  /** Hands the Replicator's change notifications of one member to the observer. */
  static final class Subscriber extends AbstractActor {

    private final List<Key<ORSet<String>>> keys;
    private final Change change;

    Subscriber(List<Key<ORSet<String>>> keys, Change change) {
      this.keys = keys;
      this.change = change;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Receive createReceive() {
      return receiveBuilder().match(Replicator.Changed.class, changed -> {
        int key = keys.indexOf(changed.key());
        change.changed(key, (ORSet<String>) changed.dataValue());
      }).build();
    }
  }

  /** Frees a writer's window as its Replicator acknowledges its updates. */
  static final class Acknowledgements extends AbstractActor {

    private final Semaphore window;
    private final AtomicReference<String> failure;

    Acknowledgements(Semaphore window, AtomicReference<String> failure) {
      this.window = window;
      this.failure = failure;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Replicator.UpdateSuccess.class, success -> window.release())
          .match(Replicator.UpdateResponse.class, response -> {
            failure.compareAndSet(null, response.toString());
            window.release();
          })
          .build();
    }
  }
}
