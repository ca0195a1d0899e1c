package io.crdtkit.laws;

import java.util.function.Supplier;
import net.jqwik.api.JqwikException;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Runs code that draws from jqwik generators, inside a jqwik session unless one is running or the code runs inside
 * jqwik's own lifecycle (a jqwik test, such as those of {@link CrdtLawProperties}), where generators work as they
 * are and a session may not be started.
 */
final class InJqwikSession {

  private InJqwikSession() {}

  static <T> T run(Supplier<T> work) {
    if (JqwikSession.isActive()) {
      return work.get();
    }
    try {
      JqwikSession.start();
    } catch (JqwikException insideJqwiksLifecycle) {
      return work.get();
    }
    try {
      return work.get();
    } finally {
      JqwikSession.finish();
    }
  }
}
