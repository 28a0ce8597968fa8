package org.locationvisits.endpoints;

import java.util.concurrent.atomic.AtomicLong;

import org.locationvisits.metrics.RunReporter;
import org.locationvisits.source.DayStats;

/**
 * Days and rows the main job delivered (accepted by Kinesis, offset stored) since it started: EMF's
 * DaysDelivered and RowsDelivered as Prometheus counters. It hears the runner as a {@link RunReporter} does.
 */
public final class DeliveredCounts implements RunReporter {
    private final AtomicLong days = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    @Override
    public void dayDelivered(DayStats stats) {
        days.incrementAndGet();
        rows.addAndGet(stats.rows());
    }

    public long days() {
        return days.get();
    }

    public long rows() {
        return rows.get();
    }
}
