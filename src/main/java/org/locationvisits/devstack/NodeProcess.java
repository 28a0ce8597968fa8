package org.locationvisits.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in (kinesis-local, s3rver) run as a Node.js child process, for tests, the quick start
 * and benchmarks only. The npm packages come from {@code test-stand-ins/package-lock.json}.
 */
public final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code node <script> args...} in {@code standInsDir} and waits until {@code readyUrl}
     * answers any HTTP status.
     */
    public static NodeProcess start(String name, Path standInsDir, String script, List<String> args,
                                    Map<String, String> env, String readyUrl, Duration timeout) {
        Path scriptPath = standInsDir.resolve(script);
        if (!Files.exists(scriptPath)) {
            throw new IllegalStateException(name + " is not installed at " + scriptPath
                    + "; run 'npm ci' in " + standInsDir + " (the Maven build does this)");
        }
        try {
            Path log = Files.createTempFile(name + "-", ".log");
            List<String> command = new java.util.ArrayList<>(List.of("node", scriptPath.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(standInsDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            NodeProcess node = new NodeProcess(name, builder.start(), log);
            node.awaitReady(readyUrl, timeout);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (is node on PATH?)", e);
        }
    }

    /** The folder holding {@code node_modules} of the stand-ins: system property, else ./test-stand-ins. */
    public static Path standInsDir() {
        String configured = System.getProperty("standIns.dir", System.getenv("STAND_INS_DIR"));
        return new File(configured != null ? configured : "test-stand-ins").getAbsoluteFile().toPath();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String readyUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(readyUrl).toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(1000);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                sleepQuietly(100);
            }
        }
        close();
        throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + log);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
