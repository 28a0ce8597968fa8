package org.locationvisits.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.locationvisits.common.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The npm {@code s3rver} stand-in for S3 on a free port with its data in a temporary folder, for
 * tests and the quick start. It ignores conditional writes ({@code If-Match}, {@code If-None-Match}),
 * so it cannot prove conflict detection.
 */
public final class S3rver implements AutoCloseable {
    /** s3rver only accepts this key pair (it checks signatures). */
    public static final String ACCESS_KEY_ID = "S3RVER";
    public static final String SECRET_ACCESS_KEY = "S3RVER";

    private final NodeProcess process;
    private final Path directory;
    private final URI endpoint;
    private S3Client client;

    private S3rver(NodeProcess process, Path directory, URI endpoint) {
        this.process = process;
        this.directory = directory;
        this.endpoint = endpoint;
    }

    public static S3rver start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("s3rver-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data folder for s3rver", e);
        }
        int port = NodeProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            NodeProcess process = NodeProcess.start("s3rver", NodeProcess.standInsDir(), "node_modules/s3rver/bin/s3rver.js",
                    List.of("-d", directory.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port), "--no-vhost-buckets"),
                    Map.of(), endpoint + "/", Duration.ofSeconds(30));
            return new S3rver(process, directory, endpoint);
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public void createBucket(String name) {
        client().createBucket(b -> b.bucket(name));
    }

    /**
     * A client of this server, made as the main job makes one for a custom endpoint (path-style, no aws-chunked
     * bodies); closed with the server.
     */
    public synchronized S3Client client() {
        if (client == null) {
            client = AwsClients.s3("us-east-1", endpoint, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        process.close();
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temp folder is harmless; failing close() would hide the real test result.
        }
    }
}
