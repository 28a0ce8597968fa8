package org.locationvisits.datalake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads what {@link DataLakeArchive} stored: the answers of a day, oldest first, and their bytes as ShopperTrak
 * sent them. Keys that are not the archive's are passed over.
 */
public final class DataLakeReader {
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM/dd/");
    private static final DateTimeFormatter FETCH_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX = ".xml.gz";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public DataLakeReader(S3Client s3, String bucket, String pathPrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = DataLakeArchive.normalise(pathPrefix);
    }

    /** Every archived answer of {@code day}: allsites and site answers, oldest first. */
    public List<ArchivedAnswer> answers(LocalDate day) {
        String folder = prefix + DAY_FOLDER.format(day);
        List<ArchivedAnswer> found = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents()) {
                ArchivedAnswer answer = parse(day, object.key().substring(folder.length()), object.key());
                if (answer != null) {
                    found.add(answer);
                }
            }
        } catch (SdkException e) {
            throw failure("list", "s3://" + bucket + "/" + folder, "s3:ListBucket on bucket '" + bucket + "'", e);
        }
        found.sort(Comparator.comparing(ArchivedAnswer::fetchedAt));
        return found;
    }

    /** The answer's bytes as ShopperTrak sent them (gunzipped while read); the caller closes the stream. */
    public InputStream open(ArchivedAnswer answer) {
        InputStream object;
        try {
            object = s3.getObject(b -> b.bucket(bucket).key(answer.key()));
        } catch (SdkException e) {
            throw failure("read", "s3://" + bucket + "/" + answer.key(), "s3:GetObject on it", e);
        }
        try {
            return new GZIPInputStream(object, 1 << 16);
        } catch (IOException e) {
            try {
                object.close();
            } catch (IOException ignored) {
                // reported below
            }
            throw new UncheckedIOException("s3://" + bucket + "/" + answer.key() + " is not gzip data", e);
        }
    }

    /** One line: the service and object, the operation, what S3 said and what to check. */
    private static IllegalStateException failure(String action, String where, String permission, SdkException e) {
        return new IllegalStateException("S3 data lake " + where + ": " + action + " failed ("
                + DataLakeArchive.describe(e) + "). Check that the S3 endpoint is reachable (AWS_ENDPOINT_URL_S3), "
                + "the credentials and " + permission + ".", e);
    }

    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** {@code allsites_<time>.xml.gz} or {@code site_<encoded id>_<time>.xml.gz}; null for anything else. */
    static ArchivedAnswer parse(LocalDate day, String name, String key) {
        if (!name.endsWith(SUFFIX) || name.contains("/")) {
            return null;
        }
        String stem = name.substring(0, name.length() - SUFFIX.length());
        int lastUnderscore = stem.lastIndexOf('_');
        if (lastUnderscore < 0) {
            return null;
        }
        Instant fetchedAt;
        try {
            fetchedAt = Instant.from(FETCH_TIME.parse(stem.substring(lastUnderscore + 1)));
        } catch (DateTimeParseException e) {
            return null;
        }
        String head = stem.substring(0, lastUnderscore);
        if (head.equals("allsites")) {
            return new ArchivedAnswer(day, null, fetchedAt, key);
        }
        if (head.startsWith("site_") && head.length() > 5) {
            return new ArchivedAnswer(day, DataLakeArchive.decodeSiteId(head.substring(5)), fetchedAt, key);
        }
        return null;
    }
}
