package org.locationvisits.kinesis.fake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.locationvisits.common.Sleeper;

/** A clock that moves only when someone sleeps on it: pacing and backoff run instantly and repeatably. */
public final class FakeTime implements Sleeper, LongSupplier {
    private final AtomicLong nanos = new AtomicLong(Duration.ofDays(1).toNanos());
    private final AtomicLong slept = new AtomicLong();

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
