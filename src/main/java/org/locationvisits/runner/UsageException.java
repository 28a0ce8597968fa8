package org.locationvisits.runner;

/** Bad command-line arguments. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
