package io.crdtkit.net;

import java.lang.reflect.Field;
import java.util.Locale;
import org.jgroups.JChannel;
import org.jgroups.logging.Log;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of a node's TCP connections, with a peer's crash read as what it is: an expected event. When a peer is
 * killed, JGroups' TCP transport logs the broken connection as an ERROR ("failed sending graceful close ...: Broken
 * pipe") on every survivor; the node itself says it in one line when the peer leaves the view (Membership). So the
 * connection errors that only say the peer is gone (broken pipe, connection reset or refused, end of stream) go to
 * DEBUG; every other message goes on as it was. Only this node's transport is changed, not JGroups' logging.
 */
final class PeerCrashLog implements Log {

  private static final Logger log = LoggerFactory.getLogger(PeerCrashLog.class);
  private static final String[] PEER_GONE = {"broken pipe", "connection reset", "connection refused",
      "graceful close", "socket closed", "end of stream", "eofexception"};

  private final Log delegate;

  private PeerCrashLog(Log delegate) {
    this.delegate = delegate;
  }

  /**
   * Wraps the log of the channel's TCP transport server, if it has one. JGroups offers no setter for it (and its
   * SLF4J logs cannot change level), so the server's field is reached by reflection; if a JGroups release renames
   * it, the log stays JGroups' own.
   */
  static void installOn(JChannel channel) {
    Protocol transport = channel.getProtocolStack().getTransport();
    if (!(transport instanceof TCP)) {
      return;
    }
    try {
      Field field = TCP.class.getDeclaredField("srv");
      field.setAccessible(true);
      Object server = field.get(transport);
      if (server instanceof org.jgroups.blocks.cs.BaseServer base && !(base.log() instanceof PeerCrashLog)) {
        base.log(new PeerCrashLog(base.log()));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("the TCP transport's log is JGroups' own: {}", e.toString());
    }
  }

  private static boolean peerGone(String message, Object... args) {
    StringBuilder text = new StringBuilder(message);
    for (Object arg : args) {
      text.append(' ').append(arg);
      if (arg instanceof Throwable thrown) {
        text.append(' ').append(thrown.getClass().getSimpleName());
      }
    }
    String lower = text.toString().toLowerCase(Locale.ROOT);
    for (String sign : PEER_GONE) {
      if (lower.contains(sign)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isFatalEnabled() {
    return delegate.isFatalEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return delegate.isErrorEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return delegate.isWarnEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate.isInfoEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public void fatal(String message) {
    delegate.fatal(message);
  }

  @Override
  public void fatal(String format, Object... args) {
    delegate.fatal(format, args);
  }

  @Override
  public void fatal(String message, Throwable cause) {
    delegate.fatal(message, cause);
  }

  @Override
  public void error(String message) {
    if (peerGone(message)) {
      delegate.debug(message);
    } else {
      delegate.error(message);
    }
  }

  @Override
  public void error(String format, Object... args) {
    if (peerGone(format, args)) {
      delegate.debug(format, args);
    } else {
      delegate.error(format, args);
    }
  }

  @Override
  public void error(String message, Throwable cause) {
    if (peerGone(message, cause)) {
      delegate.debug(message + ": " + cause);
    } else {
      delegate.error(message, cause);
    }
  }

  @Override
  public void warn(String message) {
    if (peerGone(message)) {
      delegate.debug(message);
    } else {
      delegate.warn(message);
    }
  }

  @Override
  public void warn(String format, Object... args) {
    if (peerGone(format, args)) {
      delegate.debug(format, args);
    } else {
      delegate.warn(format, args);
    }
  }

  @Override
  public void warn(String message, Throwable cause) {
    if (peerGone(message, cause)) {
      delegate.debug(message + ": " + cause);
    } else {
      delegate.warn(message, cause);
    }
  }

  @Override
  public void info(String message) {
    delegate.info(message);
  }

  @Override
  public void info(String format, Object... args) {
    delegate.info(format, args);
  }

  @Override
  public void debug(String message) {
    delegate.debug(message);
  }

  @Override
  public void debug(String format, Object... args) {
    delegate.debug(format, args);
  }

  @Override
  public void debug(String message, Throwable cause) {
    delegate.debug(message, cause);
  }

  @Override
  public void trace(Object message) {
    delegate.trace(message);
  }

  @Override
  public void trace(String message) {
    delegate.trace(message);
  }

  @Override
  public void trace(String format, Object... args) {
    delegate.trace(format, args);
  }

  @Override
  public void trace(String message, Throwable cause) {
    delegate.trace(message, cause);
  }

  @Override
  public void setLevel(String level) {
    delegate.setLevel(level);
  }

  @Override
  public String getLevel() {
    return delegate.getLevel();
  }
}
