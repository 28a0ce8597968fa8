package org.locationvisits.shoppertrak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.locationvisits.common.Sleeper;

/** Records the waits it is asked for and never sleeps. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }
}
