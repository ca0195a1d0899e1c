package io.crdtkit.jackson;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Damage that keeps the syntax valid and breaks the meaning: a number turned negative, zero, huge or fractional,
 * a value of the wrong kind, an item dropped, repeated or moved, a field removed, added or given a future version.
 * These reach the codec's semantic checks and the core's invariants, which byte damage rarely gets past the
 * parser to.
 */
final class TreeMutations {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeMutations() {}

  /** A damaged deep copy of {@code document}. */
  static JsonNode mutate(JsonNode document, Random random) {
    JsonNode copy = document.deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(copy, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ArrayNode array) {
      mutateArray(array, random);
    } else {
      mutateObject((ObjectNode) target, random);
    }
    return copy;
  }

  private static void mutateArray(ArrayNode array, Random random) {
    if (array.isEmpty()) {
      array.add(strangeValue(random));
      return;
    }
    int index = random.nextInt(array.size());
    switch (random.nextInt(5)) {
      case 0 -> array.remove(index);
      case 1 -> array.insert(index, array.get(index).deepCopy());
      case 2 -> array.set(index, strangeValue(random));
      case 3 -> array.set(index, shifted(array.get(index), random));
      default -> {
        int other = random.nextInt(array.size());
        JsonNode moved = array.get(index);
        array.set(index, array.get(other));
        array.set(other, moved);
      }
    }
  }

  private static void mutateObject(ObjectNode object, Random random) {
    List<String> names = new ArrayList<>(object.propertyNames());
    if (names.isEmpty() || random.nextInt(6) == 0) {
      object.set(random.nextBoolean() ? "unknown" : "version", strangeValue(random));
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    switch (random.nextInt(4)) {
      case 0 -> object.remove(name);
      case 1 -> object.set(name, strangeValue(random));
      case 2 -> object.set(name, shifted(object.get(name), random));
      default -> object.set(name.equals("version") ? "version" : "type", NODES.stringNode(
          random.nextBoolean() ? "ORSet" : "GCounter"));
    }
  }

  /** A number moved to an edge: one off, negated, zero, past a long. Other values are replaced outright. */
  private static JsonNode shifted(JsonNode value, Random random) {
    if (!value.isIntegralNumber()) {
      return strangeValue(random);
    }
    long number = value.asLong();
    return switch (random.nextInt(5)) {
      case 0 -> NODES.numberNode(number + 1);
      case 1 -> NODES.numberNode(number - 1);
      case 2 -> NODES.numberNode(-number);
      case 3 -> NODES.numberNode(0L);
      default -> NODES.numberNode(BigInteger.valueOf(number).shiftLeft(64));
    };
  }

  private static JsonNode strangeValue(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(-1L);
      case 2 -> NODES.numberNode(Long.MAX_VALUE);
      case 3 -> NODES.numberNode(1.5);
      case 4 -> NODES.stringNode("\u0000 x");
      case 5 -> NODES.arrayNode();
      case 6 -> NODES.objectNode();
      case 7 -> NODES.booleanNode(true);
      case 8 -> NODES.numberNode(BigInteger.ONE.shiftLeft(70));
      default -> NODES.arrayNode().add(0).add(1).add(NODES.stringNode("Aa"));
    };
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isArray() || node.isObject()) {
      into.add(node);
    }
    if (node.isArray()) {
      node.forEach(child -> collectContainers(child, into));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collectContainers(field.getValue(), into);
      }
    }
  }
}
