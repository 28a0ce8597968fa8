package org.locationvisits.check;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data-lake bucket writable under its path, proved with {@link S3WriteProbe} on a key of that folder, so a
 * policy scoped to the folder is what is checked, and nothing is written. Where an endpoint ignores the probe's
 * precondition and stores it, the probe object is deleted again, or a FAIL names it to delete by hand.
 */
final class DataLakeCheck implements Check {
    static final String WHAT = "data lake write";
    static final String PROBE = "location-visits-check.probe";

    private final Optional<String> bucket;
    private final String path;
    private final Supplier<S3Client> s3;

    DataLakeCheck(Optional<String> bucket, String path, Supplier<S3Client> s3) {
        this.bucket = bucket;
        this.path = path;
        this.s3 = s3;
    }

    @Override
    public List<CheckResult> run() {
        if (bucket.isEmpty()) {
            return List.of(CheckResult.skip(WHAT, "-", "no DATA_LAKE_S3_BUCKET: recovered answers are not copied"));
        }
        String folder = path == null ? "" : path.strip().replaceAll("^/+", "");
        if (!folder.isEmpty() && !folder.endsWith("/")) {
            folder += "/";
        }
        return List.of(S3WriteProbe.throwaway(s3.get(), bucket.get().trim(), folder + PROBE).run(WHAT, false));
    }
}
