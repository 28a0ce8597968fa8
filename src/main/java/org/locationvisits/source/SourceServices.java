package org.locationvisits.source;

import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.recovery.RecoveryServices;

/**
 * What the task works with besides its settings: what recovery works with, and the record generation. Built once per
 * task start.
 */
public interface SourceServices extends RecoveryServices, AutoCloseable {
    /** The generation of records to emit, decided by the schema in use. */
    RecordGeneration generation();

    @Override
    default void close() {
        shopperTrak().close();
    }
}
