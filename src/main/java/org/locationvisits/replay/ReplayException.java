package org.locationvisits.replay;

/** An archived answer that cannot be replayed; the message names its key. */
public final class ReplayException extends RuntimeException {
    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
