package org.locationvisits.warehouse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A warehouse that refuses connections: one line naming the warehouse, the query and what to check. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WarehouseStoppedTest {
    @Test
    void aRefusedConnectionNamesTheDatabaseTheQueryAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: connections are refused
        }
        try (Warehouse warehouse = new Warehouse(new WarehouseSettings("127.0.0.1", port, "qa", "poller",
                "pw-not-shown", "disable"))) {
            assertThatThrownBy(() -> warehouse.unhealthySiteDays(LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-03-02")))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageStartingWith("Warehouse could not ")
                    .hasMessageContaining("127.0.0.1").hasMessageContaining("qa")
                    .hasMessageContaining("Check that the warehouse is reachable")
                    .hasMessageNotContaining("pw-not-shown");
        }
    }
}
