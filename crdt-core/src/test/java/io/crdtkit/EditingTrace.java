package io.crdtkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An editing trace from {@code src/test/resources/traces/} (see the README there for the source and the CC BY 4.0
 * attribution): its transactions, and the text they must produce. crdt-core has no JSON library, so a minimal
 * reader for this fixed format (objects, arrays, strings, numbers) is here.
 */
record EditingTrace(String endContent, List<Txn> txns) {

  /** Delete {@code deleteCount} characters at {@code position}, then insert {@code text} there. */
  record Patch(int position, int deleteCount, String text) {

    /** {@code doc} with this patch applied by {@code replica}: the range delete, then the insert as one run. */
    Sequence<Character> applyTo(Sequence<Character> doc, io.crdtkit.clock.ReplicaId replica) {
      Sequence<Character> edited = deleteCount > 0 ? doc.delete(replica, position, deleteCount) : doc;
      return text.isEmpty() ? edited : Sequences.insertString(edited, replica, position, text);
    }
  }

  /**
   * Patches made by {@code agent} on the document as it was after the transactions {@code parents} (indexes of
   * earlier ones; none in a sequential trace, where each follows the one before).
   */
  record Txn(List<Integer> parents, int agent, List<Patch> patches) {

    /** This transaction's document: its parents' documents (indexes into {@code after}) merged, then its edits. */
    Sequence<Character> replay(List<Sequence<Character>> after) {
      Sequence<Character> doc = Sequence.empty();
      for (int parent : parents) {
        doc = doc.merge(after.get(parent));
      }
      io.crdtkit.clock.ReplicaId replica = io.crdtkit.clock.ReplicaId.of("agent-" + agent);
      for (Patch patch : patches) {
        doc = patch.applyTo(doc, replica);
      }
      return doc;
    }
  }

  /** Every patch, in order: the whole edit of a sequential trace. */
  List<Patch> patches() {
    List<Patch> all = new ArrayList<>();
    txns.forEach(txn -> all.addAll(txn.patches()));
    return all;
  }

  @SuppressWarnings("unchecked")
  static EditingTrace load(String name) {
    String resource = "/traces/" + name + ".json.gz";
    try (InputStream in = EditingTrace.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no trace " + resource + " on the test classpath");
      }
      String json = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> root = (Map<String, Object>) new Reader(json).value();
      List<Txn> txns = new ArrayList<>();
      for (Object t : (List<Object>) root.get("txns")) {
        Map<String, Object> txn = (Map<String, Object>) t;
        List<Patch> patches = new ArrayList<>();
        for (Object p : (List<Object>) txn.get("patches")) {
          List<Object> patch = (List<Object>) p;
          patches.add(new Patch(((Number) patch.get(0)).intValue(), ((Number) patch.get(1)).intValue(),
              (String) patch.get(2)));
        }
        List<Integer> parents = new ArrayList<>();
        for (Object parent : (List<Object>) txn.getOrDefault("parents", List.of())) {
          parents.add(((Number) parent).intValue());
        }
        txns.add(new Txn(parents, ((Number) txn.getOrDefault("agent", 0)).intValue(), patches));
      }
      return new EditingTrace((String) root.get("endContent"), txns);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    Object value() {
      skipSpace();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> object = new LinkedHashMap<>();
        i++;
        skipSpace();
        if (s.charAt(i) == '}') {
          i++;
          return object;
        }
        while (true) {
          skipSpace();
          String key = string();
          skipSpace();
          expect(':');
          object.put(key, value());
          skipSpace();
          if (s.charAt(i++) == '}') {
            return object;
          }
        }
      }
      if (c == '[') {
        List<Object> array = new ArrayList<>();
        i++;
        skipSpace();
        if (s.charAt(i) == ']') {
          i++;
          return array;
        }
        while (true) {
          array.add(value());
          skipSpace();
          if (s.charAt(i++) == ']') {
            return array;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
      }
      return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> out.append(e);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i + ", got '" + s.charAt(i) + "'");
      }
      i++;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
