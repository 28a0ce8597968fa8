package org.locationvisits.bench;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.ParseOutcome;
import org.locationvisits.shoppertrak.TrafficParser;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;

/**
 * parse → row → Avro bytes, single thread, on an allsites day of {@code sites} sites × 4 entrances × 96
 * increments read from a file. Prints rows/s (best and median of the measured rounds) and peak heap.
 * Run through {@code scripts/benchmark parse}; heap is meaningful only with a fixed -Xmx.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        LocalDate day = LocalDate.parse("2024-03-25");
        Path file = Files.createTempFile("allsites-" + sites + "-", ".xml");
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                new SimulatedTraffic(sites, 42, 4).writeAllSites(day, ApiVersion.V1, out);
            }
            run(file, day, sites, rounds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void run(Path file, LocalDate day, int sites, int rounds) throws Exception {
        TrafficParser parser = new TrafficParser();
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        long[] bytes = new long[1];
        long[] nanos = new long[rounds];
        int rows = 0;
        for (int warmup = 0; warmup < 3; warmup++) {
            rows = once(parser, encoder, file, day, bytes);
        }
        resetPeaks();
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            rows = once(parser, encoder, file, day, bytes);
            nanos[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("parse+encode: %d sites, %d rows/day, %.1f MB XML, %d Avro bytes/day%n", sites, rows,
                Files.size(file) / 1e6, bytes[0] / (rounds + 3));
        System.out.printf("  best   %,.0f rows/s%n", rows / (nanos[0] / 1e9));
        System.out.printf("  median %,.0f rows/s%n", rows / (nanos[rounds / 2] / 1e9));
        System.out.printf("  peak heap used %.1f MB (max heap %.0f MB)%n", peakHeap() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static int once(TrafficParser parser, LocationVisitsEncoder encoder, Path file, LocalDate day,
                            long[] bytes) throws Exception {
        String pollDate = "2024-03-26";
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ParseOutcome outcome = parser.parse(in, day, row ->
                    bytes[0] += encoder.encode(LocationVisit.of(row, false, pollDate)).length);
            return ((ParseOutcome.Parsed) outcome).rows();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
