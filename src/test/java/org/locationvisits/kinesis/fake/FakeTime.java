package org.locationvisits.kinesis.fake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.locationvisits.common.Sleeper;

/** A clock that moves only when someone sleeps on it: pacing and backoff run instantly and repeatably. */
public final class FakeTime implements Sleeper, LongSupplier {
    private final AtomicLong nanos;
    private final AtomicLong slept = new AtomicLong();

    /** A clock at a whole second, so one-second windows of the fake start with the test. */
    public FakeTime() {
        this(Duration.ZERO);
    }

    /** A clock {@code pastSecond} after a whole second, for pacing that must not rely on aligned windows. */
    public FakeTime(Duration pastSecond) {
        nanos = new AtomicLong(Duration.ofDays(1).plus(pastSecond).toNanos());
    }

    @Override
    public void sleep(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        slept.addAndGet(duration.toNanos());
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public Duration slept() {
        return Duration.ofNanos(slept.get());
    }
}
