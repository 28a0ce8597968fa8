package org.locationvisits.shoppertrak;

import org.slf4j.Logger;

/**
 * Log lines about one day. Operators alarm on WARN and ERROR; a listed bad poll date (BAD_POLL_DATES) is
 * known to fail, so, as today's poller since v1.2.1, its warnings and errors are written at INFO.
 */
final class DayLog {
    private final Logger log;
    private final boolean listed;

    private DayLog(Logger log, boolean listed) {
        this.log = log;
        this.listed = listed;
    }

    /** Lines about a day; {@code listedBadPollDate} turns its WARN and ERROR lines into INFO. */
    static DayLog of(Logger log, boolean listedBadPollDate) {
        return new DayLog(log, listedBadPollDate);
    }

    void warn(String format, Object... args) {
        if (listed) {
            log.info(format, args);
        } else {
            log.warn(format, args);
        }
    }

    void error(String format, Object... args) {
        if (listed) {
            log.info(format, args);
        } else {
            log.error(format, args);
        }
    }
}
