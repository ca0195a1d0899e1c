package io.crdtkit.net;

/**
 * A frame received from the network could not be decoded: wrong format version, unknown kind, a count or length
 * that runs past the end, trailing bytes, or a state that its key's codec refused. The frame is dropped whole:
 * nothing in it is applied.
 */
class WireException extends RuntimeException {

  WireException(String message) {
    super(message);
  }

  WireException(String message, Throwable cause) {
    super(message, cause);
  }
}
