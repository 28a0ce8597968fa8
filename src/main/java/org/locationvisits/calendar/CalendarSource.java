package org.locationvisits.calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Loads a {@link CalendarDocument} from the setting's file path or {@code s3://bucket/key}. */
public final class CalendarSource {
    private static final Logger log = LoggerFactory.getLogger(CalendarSource.class);
    private static final String S3_PREFIX = "s3://";

    private CalendarSource() {
    }

    /**
     * @param setting a file path or {@code s3://bucket/key}
     * @param s3      asked for a client only when the setting is an S3 location; the caller keeps ownership
     */
    public static LocationCalendar load(String setting, Supplier<S3Client> s3) {
        if (setting == null || setting.isBlank()) {
            throw new CalendarException("Calendar document location is empty; give a file path or s3://bucket/key");
        }
        String location = setting.strip();
        byte[] content = location.startsWith(S3_PREFIX) ? fromS3(location, s3) : fromFile(location);
        LocationCalendar calendar = CalendarDocument.parse(content, location);
        log.info("Read the branch calendar from {}: {} branches with hours, {} full-day closures", location,
                calendar.branchesWithHours(), calendar.closureCount());
        return calendar;
    }

    private static byte[] fromFile(String location) {
        try {
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new CalendarException("Calendar document " + location + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new CalendarException("Calendar document " + location + " could not be read: " + e, e);
        }
    }

    private static byte[] fromS3(String location, Supplier<S3Client> s3) {
        String path = location.substring(S3_PREFIX.length());
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new CalendarException("Calendar document location " + location + " must be s3://bucket/key");
        }
        String bucket = path.substring(0, slash);
        String key = path.substring(slash + 1);
        try {
            return s3.get().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new CalendarException("Calendar document " + location + " does not exist", e);
        } catch (S3Exception e) {
            throw new CalendarException("Calendar document " + location + " could not be read: S3 answered "
                    + e.statusCode() + " " + e.awsErrorDetails().errorCode(), e);
        } catch (SdkException e) {
            throw new CalendarException("Calendar document " + location + " could not be read: " + e.getMessage(), e);
        }
    }
}
