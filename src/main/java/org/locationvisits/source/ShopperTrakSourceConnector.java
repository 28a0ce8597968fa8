package org.locationvisits.source;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.locationvisits.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.ServiceProbe;

/**
 * Polls the ShopperTrak traffic API once a day for every site and writes LocationVisits records.
 * Always one task: one allsites request per day covers every site. Supports exactly-once delivery,
 * with each day's rows and that day's offset in one transaction.
 */
public class ShopperTrakSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(ShopperTrakSourceConnector.class);

    /** How long {@link #validate} waits for the ShopperTrak service to answer. */
    static final int PROBE_SECONDS = 10;

    private final Clock clock;
    private Map<String, String> props;

    public ShopperTrakSourceConnector() {
        this(Clock.systemUTC());
    }

    ShopperTrakSourceConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new SourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ShopperTrakSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks > 1) {
            log.warn("tasks.max is {}, but this connector always runs one task. {}", maxTasks,
                    SourceConfig.TASKS_MAX_NOTE);
        }
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.CONFIG_DEF;
    }

    /**
     * The values' own rules, then whether the ShopperTrak service answers at the configured base URL, without
     * spending a call ({@link ServiceProbe}: no credentials, no date, up to {@value #PROBE_SECONDS} s), so a URL the
     * worker cannot reach is refused when the connector is created, not found at its first poll. The credentials
     * and the daily quota are not checked here: that takes a data call ({@code check --call-api} of the main job).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config validated = super.validate(connectorConfigs);
        validated.configValues().stream()
                .filter(value -> value.name().equals(SourceConfig.BASE_URL_CONFIG) && value.errorMessages().isEmpty())
                .findFirst().ifPresent(value -> {
                    String baseUrl = value.value() == null ? null : value.value().toString();
                    if (baseUrl == null || baseUrl.isBlank()) {
                        return;
                    }
                    ServiceProbe.Reach reach = ServiceProbe.probe(baseUrl, SourceConfig.BASE_URL_CONFIG,
                            Duration.ofSeconds(PROBE_SECONDS));
                    if (!reach.reached()) {
                        value.addErrorMessage("ShopperTrak at " + reach.url() + " " + reach.message());
                    }
                });
        return validated;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), SourceConfig.ZONE).minusDays(1);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String problem = SourceOffsets.problemWith(entry.getKey(), entry.getValue(), yesterday);
            if (problem != null) {
                throw new ConnectException("Refused offset change: " + problem);
            }
        }
        return true;
    }
}
