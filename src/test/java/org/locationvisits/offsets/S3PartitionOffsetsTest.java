package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3PartitionOffsetsTest {
    /** The README names the object beside the state object; operators look for it there. */
    @Test
    void theRecoveryObjectSitsBesideTheStateObject() {
        assertThat(S3PartitionOffsets.siblingKey("location_visits_poller_state.json"))
                .isEqualTo("location_visits_poller_state.recovery.json");
        assertThat(S3PartitionOffsets.siblingKey("state/poller")).isEqualTo("state/poller.recovery.json");
    }
}
