package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class ParseWarningsTest {

    @Test
    void countsPerKindAndKeepsTheFirstSample() {
        ParseWarnings warnings = new ParseWarnings();
        warnings.add(ParseWarnings.BAD_COUNT, "first");
        warnings.add(ParseWarnings.BAD_COUNT, "second");
        warnings.add(ParseWarnings.BAD_ORBIT, "orbit");

        assertThat(warnings.total()).isEqualTo(3);
        assertThat(warnings.counts()).containsExactly(
                java.util.Map.entry(ParseWarnings.BAD_COUNT, 2), java.util.Map.entry(ParseWarnings.BAD_ORBIT, 1));
        assertThat(warnings.sample(ParseWarnings.BAD_COUNT)).isEqualTo("first");
    }

    @Test
    void logsOneLinePerKind() {
        ParseWarnings warnings = new ParseWarnings();
        for (int i = 0; i < 100; i++) {
            warnings.add(ParseWarnings.BAD_COUNT, "sample " + i);
        }
        warnings.add(ParseWarnings.BAD_CODE, "code");
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("warnings-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);

        warnings.log(log, LocalDate.of(2024, 3, 25));

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(0).getFormattedMessage()).contains("100").contains(ParseWarnings.BAD_COUNT)
                .contains("sample 0").contains("2024-03-25");
    }
}
