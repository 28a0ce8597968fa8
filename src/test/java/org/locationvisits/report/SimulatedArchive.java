package org.locationvisits.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.locationvisits.common.AwsClients;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;

import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A data-lake archive on a real s3rver, filled the way the main job fills it: answers fetched from the in-process
 * simulator (late corrections on) with raw answers kept, stored by {@link DataLakeArchive}. Public for the
 * {@code report} command's test in {@code cli}.
 */
public final class SimulatedArchive implements AutoCloseable {
    public static final String BUCKET = "lake";
    public static final String PREFIX = "shoppertrak/raw/";

    public final S3rver s3rver;
    public final S3Client s3;
    public final ShopperTrakSimulator simulator;
    final DataLakeArchive archive;

    private SimulatedArchive(S3rver s3rver, ShopperTrakSimulator simulator) {
        this.s3rver = s3rver;
        this.simulator = simulator;
        this.s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
        this.archive = new DataLakeArchive(s3, BUCKET, PREFIX);
    }

    public static SimulatedArchive start(int sites, List<String> missingFromAllSites) throws IOException {
        S3rver s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).lateCorrections(true)
                .missingSites(missingFromAllSites).start();
        return new SimulatedArchive(s3rver, simulator);
    }

    SimulatedTraffic traffic() {
        return simulator.traffic();
    }

    /** The day's allsites answer, fetched and archived at {@code at}. */
    public void allSites(LocalDate day, Instant at) {
        store(day, at, null);
    }

    /** A {@code site/{id}} answer of the day (a recovery request), fetched and archived at {@code at}. */
    void site(LocalDate day, String site, Instant at) {
        store(day, at, site);
    }

    private void store(LocalDate day, Instant at, String site) {
        try (ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                simulator.username(), simulator.password()).withRawAnswers(true), d -> { }, new OkHttpClient(),
                Clock.fixed(at, ZoneOffset.UTC))) {
            DayResult result = site == null ? client.allSites(day) : client.site(day, site);
            assertThat(result).isInstanceOf(DayResult.Rows.class);
            assertThat(archive.store(day, ((DayResult.Rows) result).raw())).isTrue();
        }
    }

    DataLakeReader reader() {
        return new DataLakeReader(s3, BUCKET, PREFIX);
    }

    @Override
    public void close() {
        s3.close();
        simulator.close();
        s3rver.close();
    }
}
