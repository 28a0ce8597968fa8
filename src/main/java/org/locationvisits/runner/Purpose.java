package org.locationvisits.runner;

import java.util.Set;

/** What a command needs of the configuration, so e.g. {@code offsets show} never asks for ShopperTrak secrets. */
public enum Purpose {
    /** The main job: everything. */
    RUN(Set.of()),
    /** {@code fetch}: ShopperTrak only; S3 and Kinesis are not used. */
    FETCH(Set.of("S3_BUCKET", "S3_RESOURCE", "KINESIS_STREAM_ARN")),
    /** {@code offsets}: the S3 state only. */
    OFFSETS(Set.of("SHOPPERTRAK_USERNAME", "SHOPPERTRAK_PASSWORD", "KINESIS_STREAM_ARN", "REDSHIFT_DB_HOST",
            "REDSHIFT_DB_USER", "REDSHIFT_DB_PASSWORD")),
    /** {@code replay}: the data lake, the schema, the calendar and Kinesis; never ShopperTrak nor the S3 state. */
    REPLAY(Set.of("SHOPPERTRAK_USERNAME", "SHOPPERTRAK_PASSWORD", "S3_BUCKET", "S3_RESOURCE")),
    /** {@code replay --dry-run}: as {@link #REPLAY}, without Kinesis. */
    REPLAY_DRY_RUN(Set.of("SHOPPERTRAK_USERNAME", "SHOPPERTRAK_PASSWORD", "S3_BUCKET", "S3_RESOURCE",
            "KINESIS_STREAM_ARN")),
    /** {@code report}: the data-lake archive, and the calendar and all-sites list when set; never ShopperTrak. */
    REPORT(Set.of("SHOPPERTRAK_USERNAME", "SHOPPERTRAK_PASSWORD", "S3_BUCKET", "S3_RESOURCE", "KINESIS_STREAM_ARN"));

    private final Set<String> unused;

    Purpose(Set<String> unused) {
        this.unused = unused;
    }

    /** Variables this purpose never reads: not required, and not decrypted. */
    boolean uses(String variable) {
        return !unused.contains(variable);
    }
}
