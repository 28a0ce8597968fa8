package org.locationvisits.common;

import java.time.Duration;

/** Waits for a while. Injected everywhere we wait, so tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
