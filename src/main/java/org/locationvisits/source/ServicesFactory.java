package org.locationvisits.source;

import org.locationvisits.common.Sleeper;

/** Builds a task's services from its settings at each start; {@code sleeper} waits unless the task stops. */
@FunctionalInterface
public interface ServicesFactory {
    SourceServices create(SourceConfig config, Sleeper sleeper);
}
