package org.locationvisits.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.devstack.S3rver;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Calendar documents from a file and from a real s3rver process. */
class CalendarSourceTest {
    private static final String BUCKET = "calendars";
    private static final String DOCUMENT = "hours: [{location_id: aa, weekday: Monday, regular_open: \"09:00\","
            + " regular_close: \"18:00\"}]\nclosures: [{location_id: null, closure_date: \"2026-07-04\"}]\n";
    private static final Supplier<S3Client> NO_S3 = () -> {
        throw new AssertionError("a file setting must not ask for an S3 client");
    };
    private static S3rver s3rver;
    private static S3Client s3;

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = s3rver.client();
    }

    @AfterAll
    static void stopS3rver() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    private static void assertLoaded(LocationCalendar calendar) {
        assertThat(calendar.hours("aa", DayOfWeek.MONDAY)).isPresent();
        assertThat(calendar.closedAllDay("bb lib", LocalDate.parse("2026-07-04"))).isTrue();
    }

    @Test
    void loadsAFilePathWithoutAskingForS3(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("calendar.yaml"), DOCUMENT);

        assertLoaded(CalendarSource.load(file.toString(), NO_S3));
    }

    @Test
    void loadsAnS3Location() {
        s3.putObject(b -> b.bucket(BUCKET).key("nested/calendar.yaml"), RequestBody.fromString(DOCUMENT));

        assertLoaded(CalendarSource.load("s3://" + BUCKET + "/nested/calendar.yaml", () -> s3));
    }

    @Test
    void namesTheMissingFileOrObject(@TempDir Path dir) {
        String missingFile = dir.resolve("none.yaml").toString();
        assertThatThrownBy(() -> CalendarSource.load(missingFile, NO_S3)).isInstanceOf(CalendarException.class)
                .hasMessage("Calendar document " + missingFile + " does not exist");
        assertThatThrownBy(() -> CalendarSource.load("s3://" + BUCKET + "/none.yaml", () -> s3))
                .isInstanceOf(CalendarException.class)
                .hasMessage("Calendar document s3://" + BUCKET + "/none.yaml does not exist");
    }

    @Test
    void parseErrorsNameTheS3Location() {
        s3.putObject(b -> b.bucket(BUCKET).key("bad.yaml"), RequestBody.fromString("hours: [{weekday: Monday}]"));

        assertThatThrownBy(() -> CalendarSource.load("s3://" + BUCKET + "/bad.yaml", () -> s3))
                .hasMessageStartingWith("Calendar document s3://" + BUCKET + "/bad.yaml: hours[0]");
    }

    @Test
    void refusesAnS3SettingWithoutKey() {
        assertThatThrownBy(() -> CalendarSource.load("s3://" + BUCKET, () -> s3))
                .hasMessageContaining("must be s3://bucket/key");
    }
}
