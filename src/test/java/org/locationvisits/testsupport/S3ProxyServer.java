package org.locationvisits.testsupport;

import java.io.InputStream;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy 4.1.0 in-process on 127.0.0.1: a real S3 that honours {@code If-Match} / {@code If-None-Match}
 * atomically (s3rver ignores them). It can also lose the reply of a PUT it has stored: the object is
 * written, then the client gets a 500 and its SDK sends the same request again, as after a lost reply.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "s3proxy-id";
    public static final String SECRET_ACCESS_KEY = "s3proxy-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final AtomicInteger repliesToLose = new AtomicInteger();
    private final AtomicInteger storedPuts = new AtomicInteger();

    private S3ProxyServer() {
        BlobStore backend = BlobStores.create("transient", new Properties());
        this.store = new ForwardingBlobStore(backend) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                PutObjectResponse stored = super.putBlob(request, content);
                storedPuts.incrementAndGet();
                if (repliesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw S3Exceptions.fromStatusCode(500);
                }
                return stored;
            }
        };
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .ignoreUnknownHeaders(true)
                .build();
    }

    public static S3ProxyServer start(String... buckets) {
        S3ProxyServer server = new S3ProxyServer();
        try {
            server.proxy.start();
            while (!"STARTED".equals(server.proxy.getState())) {
                Thread.onSpinWait();
            }
            for (String bucket : buckets) {
                server.store.createContainer(bucket);
            }
            return server;
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The next {@code count} PUTs are stored, but their replies are lost (the client sees a 500). */
    public void loseRepliesOfNextPuts(int count) {
        repliesToLose.set(count);
    }

    /** PUTs that changed an object so far (a refused conditional PUT stores nothing). */
    public int storedPuts() {
        return storedPuts.get();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
