package org.locationvisits.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3Proxy 4.1.0 in-process on 127.0.0.1: a real S3 that honours {@code If-Match} / {@code If-None-Match}
 * atomically (s3rver ignores them). It can also lose the reply of a PUT it has stored: the object is
 * written, then the client gets a 500 and its SDK sends the same request again, as after a lost reply.
 * It can grant one key only, as an IAM policy with GetObject/PutObject on that key alone does (every other
 * object request and every listing answers 403 AccessDenied over HTTP), and it can let a rival runner write an
 * object right after a client read it.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "s3proxy-id";
    public static final String SECRET_ACCESS_KEY = "s3proxy-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final AtomicInteger repliesToLose = new AtomicInteger();
    private final AtomicInteger storedPuts = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> grantedKey = new AtomicReference<>();
    private final AtomicReference<Rival> rival = new AtomicReference<>();

    private record Rival(String bucket, String key, String body) { }

    private S3ProxyServer() {
        BlobStore backend = BlobStores.create("transient", new Properties());
        this.store = new ForwardingBlobStore(backend) {
            @Override
            public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                allow("GET", request.key());
                ResponseInputStream<GetObjectResponse> blob = super.getBlob(request);
                Rival next = rival.get();
                if (next == null || !next.key().equals(request.key()) || !rival.compareAndSet(next, null)) {
                    return blob;
                }
                // What this client gets is what it read; the rival's object lands before the client can write.
                byte[] read;
                try (blob) {
                    read = blob.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                super.putBlob(PutObjectRequest.builder().bucket(next.bucket()).key(next.key())
                        .contentType("application/json").build(),
                        new ByteArrayInputStream(next.body().getBytes(StandardCharsets.UTF_8)));
                return new ResponseInputStream<>(blob.response(), new ByteArrayInputStream(read));
            }

            @Override
            public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
                allow("HEAD", request.key());
                return super.blobMetadata(request);
            }

            @Override
            public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
                allow("DELETE", request.key());
                return super.removeBlob(request);
            }

            @Override
            public CopyObjectResponse copyBlob(CopyObjectRequest request) {
                allow("COPY", request.destinationKey());
                return super.copyBlob(request);
            }

            @Override
            public ListObjectsV2Response list(ListObjectsV2Request request) {
                allow("LIST", "");
                return super.list(request);
            }

            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                allow("PUT", request.key());
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

    private software.amazon.awssdk.services.s3.S3Client client;

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

    /** One S3 client of this stand-in, made on first use and closed with it. */
    public synchronized software.amazon.awssdk.services.s3.S3Client client() {
        if (client == null) {
            client = org.locationvisits.common.AwsClients.s3("us-east-1", endpoint(), ACCESS_KEY_ID,
                    SECRET_ACCESS_KEY);
        }
        return client;
    }

    /** The next {@code count} PUTs are stored, but their replies are lost (the client sees a 500). */
    public void loseRepliesOfNextPuts(int count) {
        repliesToLose.set(count);
    }

    /**
     * From now on only {@code key} may be read or written; any other key, or a listing, answers 403 AccessDenied,
     * so a missing {@code key} answers 404 as with s3:ListBucket granted.
     */
    public void grantOnly(String key) {
        grantedKey.set(key);
    }

    /** Object requests so far, e.g. {@code "GET state.json"}, {@code "PUT state.json"}, denied ones included. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Right after the next GET of {@code key} is served, another runner stores {@code body} there. */
    public void rivalWritesAfterNextGet(String bucket, String key, String body) {
        rival.set(new Rival(bucket, key, body));
    }

    private void allow(String action, String key) {
        requests.add(action + " " + key);
        String granted = grantedKey.get();
        if (granted != null && !granted.equals(key)) {
            throw S3Exception.builder().statusCode(403).message("Access Denied")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied")
                            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(403).build()).build())
                    .build();
        }
    }

    /** PUTs that changed an object so far (a refused conditional PUT stores nothing). */
    public int storedPuts() {
        return storedPuts.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
