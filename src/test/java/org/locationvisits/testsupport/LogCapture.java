package org.locationvisits.testsupport;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/** Captures every log event of the JVM while open, with stack traces, to search what an operator would see. */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Level previous;

    private LogCapture() {
        previous = root.getLevel();
        appender.start();
        root.addAppender(appender);
        // Capture everything, DEBUG included: a secret must not leak at any level.
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("org.locationvisits")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        List<ILoggingEvent> events = List.copyOf(appender.list);
        return events.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    /** The lines at WARN or ERROR, what operators alarm on, each as "LEVEL message". */
    public List<String> warningsAndErrors() {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).collect(Collectors.toList());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
        ((Logger) LoggerFactory.getLogger("org.locationvisits")).setLevel(ch.qos.logback.classic.Level.INFO);
    }
}
