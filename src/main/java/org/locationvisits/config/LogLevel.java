package org.locationvisits.config;

import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Applies LOG_LEVEL (the Python poller's names: debug, info, warning, error, critical) to our loggers. */
public final class LogLevel {
    private LogLevel() {
    }

    public static void apply(String name) {
        if (!(LoggerFactory.getLogger("org.locationvisits") instanceof Logger logger)) {
            return;
        }
        logger.setLevel(switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warning", "warn" -> Level.WARN;
            case "error", "critical" -> Level.ERROR;
            default -> Level.INFO;
        });
    }
}
