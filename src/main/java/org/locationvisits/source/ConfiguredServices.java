package org.locationvisits.source;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.calendar.CalendarSource;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.common.Sleeper;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.SiteList;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/** The task's services as its settings describe them; S3 is asked for only when a setting needs it. */
public final class ConfiguredServices implements SourceServices {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredServices.class);

    private final SourceConfig config;
    private final ShopperTrakClient api;
    private final Supplier<S3Client> s3;
    private final RecordGeneration generation;
    private final Optional<Warehouse> warehouse;
    private final LocationCalendar calendar;
    private final Optional<DataLakeArchive> dataLake;

    /**
     * @param generation the generation the runner's encoder writes, or null to resolve the configured schema
     * @param s3         gives the S3 client for the all-sites list, the calendar document and the data lake
     */
    public ConfiguredServices(SourceConfig config, Sleeper sleeper, Supplier<S3Client> s3,
                              RecordGeneration generation) {
        this.config = config;
        this.api = new ShopperTrakClient(config.shopperTrak(), sleeper);
        this.s3 = memoize(s3);
        this.generation = generation != null ? generation : RecordGeneration.of(
                LocationVisitsSchemas.bundledFor(config.schemaUrl()).orElseGet(() ->
                        new SchemaFetcher(new OkHttpClient(),
                                config.shopperTrak().limits().callTimeout()).fetch(config.schemaUrl())));
        this.warehouse = config.warehouse().map(Warehouse::new);
        this.calendar = loadCalendar();
        this.dataLake = config.dataLakeBucket().map(bucket -> new DataLakeArchive(this.s3.get(), bucket,
                config.dataLakePath()));
        if (warehouse.isEmpty()) {
            log.info("No warehouse configured (REDSHIFT_DB_HOST): recovery plans from the task's own memory");
        }
    }

    @Override
    public ShopperTrakApi shopperTrak() {
        return api;
    }

    @Override
    public RecordGeneration generation() {
        return generation;
    }

    @Override
    public LocationCalendar calendar() {
        return calendar;
    }

    @Override
    public Optional<RecoveryLedger> ledger() {
        return warehouse.map(w -> w);
    }

    @Override
    public List<String> allSites() {
        if (!config.sites().isEmpty()) {
            return config.sites();
        }
        return config.allSitesList().map(list -> SiteList.load(s3.get(), list.bucket(), list.key()).siteIds())
                .orElse(List.of());
    }

    @Override
    public Optional<DataLakeArchive> dataLake() {
        return dataLake;
    }

    @Override
    public void close() {
        api.close();
        warehouse.ifPresent(Warehouse::close);
    }

    private LocationCalendar loadCalendar() {
        LocationCalendar loaded;
        String from;
        if (warehouse.isPresent()) {
            loaded = warehouse.get().calendar();
            from = "the warehouse";
        } else if (config.locationCalendar().isPresent()) {
            loaded = CalendarSource.load(config.locationCalendar().get(), s3);
            from = config.locationCalendar().get();
        } else {
            if (generation == RecordGeneration.CURRENT) {
                log.info("No warehouse and no LOCATION_CALENDAR: branch hours are unknown, so unhealthy empty "
                        + "increments are marked missing; no closures are known");
            }
            return LocationCalendar.empty();
        }
        log.info("Location calendar from {}: hours of {} branch(es), {} full-day closure(s)", from,
                loaded.branchesWithHours(), loaded.closureCount());
        return loaded;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
