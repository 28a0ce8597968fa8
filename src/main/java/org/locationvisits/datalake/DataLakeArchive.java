package org.locationvisits.datalake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.locationvisits.shoppertrak.RawAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Copies ShopperTrak answers, as received and gzip-compressed, to the data-lake bucket. One object
 * per answer: {@code <pathPrefix>YYYY/MM/DD/<endpoint>[_<site>]_<fetch time>.xml.gz}, the date being
 * the polled day, e.g. {@code shoppertrak/2024/03/25/site_arts%20%26%20letters_20240326T061500.123Z.xml.gz}.
 *
 * <p>The copy is a by-product: a failed copy is logged once and reported as {@code false}, never
 * thrown, so it can never cost the day its rows.
 */
public final class DataLakeArchive {
    private static final Logger log = LoggerFactory.getLogger(DataLakeArchive.class);
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM/dd/");
    private static final DateTimeFormatter FETCH_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final S3Client s3;
    private final String bucket;
    private final String pathPrefix;

    /**
     * @param pathPrefix folder for the copies; may be empty, lack the trailing '/' or start with '/'
     *                   ({@code raw}, {@code /raw/} and {@code raw/} are the same)
     */
    public DataLakeArchive(S3Client s3, String bucket, String pathPrefix) {
        this.s3 = Objects.requireNonNull(s3, "S3 client");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("The data-lake bucket name is required");
        }
        this.bucket = bucket.trim();
        this.pathPrefix = normalise(pathPrefix);
    }

    static String normalise(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /**
     * Stores one answer of the polled {@code day}. Gzip-compressed XML is stored as
     * {@code Content-Type: application/xml} with {@code Content-Encoding: gzip}, so tools that honour
     * the encoding see the XML and the bytes in the bucket stay the {@code .xml.gz} file.
     *
     * @return whether the copy is in the bucket; on false one WARN line says why
     */
    public boolean store(LocalDate day, RawAnswer raw) {
        if (day == null || raw == null || raw.gzipped() == null || raw.fetchedAt() == null) {
            log.warn("Data-lake copy skipped: no answer to store for {}", day);
            return false;
        }
        String key = objectKey(day, raw);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/xml").contentEncoding("gzip"),
                    RequestBody.fromBytes(raw.gzipped()));
            log.debug("Data-lake copy of ShopperTrak {} for {} stored at s3://{}/{}", raw.endpoint(), day, bucket, key);
            return true;
        } catch (RuntimeException e) {
            log.warn("S3 data lake s3://{}/{}: write failed ({}) for the ShopperTrak {} answer of {}; the day's rows"
                    + " are not affected. Check that the S3 endpoint is reachable, the credentials and s3:PutObject"
                    + " on s3://{}/{}", bucket, key, describe(e), raw.endpoint(), day, bucket, pathPrefix);
            return false;
        }
    }

    /** Where {@link #store} puts an answer. */
    public String objectKey(LocalDate day, RawAnswer raw) {
        StringBuilder key = new StringBuilder(pathPrefix).append(DAY_FOLDER.format(day)).append(raw.endpoint());
        if (raw.siteId() != null) {
            key.append('_').append(encodeSiteId(raw.siteId()));
        }
        return key.append('_').append(FETCH_TIME.format(raw.fetchedAt())).append(".xml.gz").toString();
    }

    /**
     * A site ID as a key part: every byte of its UTF-8 form except letters, digits and '-' becomes
     * {@code %XX}, so spaces, quotes, '&', '.', '/' and the '_' separator never reach the key as is.
     */
    public static String encodeSiteId(String siteId) {
        StringBuilder out = new StringBuilder(siteId.length() + 8);
        for (byte b : siteId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** The site ID back from {@link #encodeSiteId}. */
    public static String decodeSiteId(String encoded) {
        // encodeSiteId never writes '+', so URLDecoder's '+'-as-space rule cannot apply.
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** What went wrong, without request details: the error code of S3, else the exception's own words. */
    static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return "S3 " + aws.statusCode() + " " + aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
