package org.locationvisits.avro;

/**
 * The LocationVisits schema cannot be obtained or does not fit our records. Unchecked because
 * it is a start-up (configuration) error: the message says what is wrong and what to change.
 */
public class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
