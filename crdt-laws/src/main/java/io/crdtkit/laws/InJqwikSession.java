package io.crdtkit.laws;

import java.util.function.Supplier;
import net.jqwik.api.sessions.JqwikSession;

/** Runs code that draws from jqwik generators, inside a jqwik session unless one (or a property) is running. */
final class InJqwikSession {

  private InJqwikSession() {}

  static <T> T run(Supplier<T> work) {
    if (JqwikSession.isActive()) {
      return work.get();
    }
    JqwikSession.start();
    try {
      return work.get();
    } finally {
      JqwikSession.finish();
    }
  }
}
