package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.Replicated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The cluster page's stacks (cluster.adoc): encryption run in one JVM, the Kubernetes preset and manifests read. */
class ClusterStacksTest {

  private static final Path MANIFESTS = Path.of("src/docs/asciidoc/kubernetes/carts.yaml");

  @Test
  void membersWithTheSameKeyFormAnEncryptedCluster() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey key = generator.generateKey();
    String cluster = "encrypted-" + UUID.randomUUID();
    // tag::encrypted[]
    JGroupsStack stack = JGroupsStack.inJvm().encrypted(key);   // AES/GCM over every message, headers included
    // end::encrypted[]
    try (CrdtNode a = CrdtNode.builder(cluster).stack(stack).start();
         CrdtNode b = CrdtNode.builder(cluster).stack(stack).start()) {
      Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);
      onA.update((counter, self) -> counter.deltaIncrement(self, 2));
      await().atMost(Duration.ofSeconds(30)).until(() -> onB.value().value() == 2);
      assertThat(stack.toString()).contains("encrypted");
    }
  }

  @Test
  void theKubernetesPresetReadsItsKeyFromTheSecret() {
    Map<String, String> env = Map.of("CRDT_AES_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    // tag::kubernetes[]
    SecretKey key = new SecretKeySpec(Base64.getDecoder().decode(env.get("CRDT_AES_KEY")), "AES");
    JGroupsStack stack = JGroupsStack.kubernetes("carts-ping.shop.svc.cluster.local").encrypted(key);
    // end::kubernetes[]
    assertThat(stack.toString())
        .isEqualTo("Kubernetes (dns.DNS_PING carts-ping.shop.svc.cluster.local), encrypted (AES/GCM/NoPadding)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theManifestsAgreeWithThePresetAndTheCode() throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Files.readString(MANIFESTS))) {
      documents.add((Map<String, Object>) document);
    }
    assertThat(documents).extracting(d -> d.get("kind"))
        .containsExactly("Service", "Secret", "StatefulSet", "NetworkPolicy");
    Map<String, Object> service = documents.get(0);
    Map<String, Object> serviceSpec = (Map<String, Object>) service.get("spec");
    Map<String, Object> metadata = (Map<String, Object>) service.get("metadata");
    // the DNS name the Java code queries is the headless service's
    assertThat(metadata.get("name") + "." + metadata.get("namespace") + ".svc.cluster.local")
        .isEqualTo("carts-ping.shop.svc.cluster.local");
    assertThat(serviceSpec).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    String manifests = Files.readString(MANIFESTS);
    // kubernetes.xml: TCP on 7800, FD_SOCK2 on 7800 + 100; the env var the Java code reads, from the Secret's key
    assertThat(manifests).contains("containerPort: 7800", "containerPort: 7900", "{port: 7800, protocol: TCP}",
        "{port: 7900, protocol: TCP}", "name: CRDT_AES_KEY", "secretKeyRef: {name: carts-crdt, key: aes-key}");
    assertThat(((Map<String, Object>) documents.get(1).get("stringData"))).containsKey("aes-key");
  }
}
