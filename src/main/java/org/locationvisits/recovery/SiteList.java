package org.locationvisits.recovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every site that should report each day, from the S3 object the Python poller also reads: a JSON array
 * of site ID strings. Recovery compares it with the site-days the warehouse holds.
 *
 * @param location {@code s3://bucket/key}, for messages
 * @param siteIds  trimmed, without duplicates, in the object's order
 */
public record SiteList(String location, List<String> siteIds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SiteList {
        siteIds = List.copyOf(siteIds);
    }

    /** @throws IllegalStateException naming s3://bucket/key when the object is missing, unreadable or not a list of sites */
    public static SiteList load(S3Client s3, String bucket, String key) {
        String location = "s3://" + bucket + "/" + key;
        String body;
        try {
            body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            throw new IllegalStateException("S3 all-sites list " + location + ": read failed: it does not exist."
                    + " Check ALL_SITES_S3_BUCKET and ALL_SITES_S3_RESOURCE", e);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new IllegalStateException("S3 all-sites list " + location + ": read failed: S3 answered "
                    + e.statusCode() + " " + code + ". Check the credentials and s3:GetObject on " + location, e);
        } catch (SdkException e) {
            throw new IllegalStateException("S3 all-sites list " + location + ": read failed: S3 is unreachable ("
                    + e.getMessage() + "). Check that the S3 endpoint is reachable (network, AWS_ENDPOINT_URL_S3),"
                    + " the credentials and s3:GetObject on " + location, e);
        }
        return new SiteList(location, parse(body, location));
    }

    private static List<String> parse(String body, String location) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The all-sites list " + location + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalStateException("The all-sites list " + location
                    + " must be a JSON array of site IDs, e.g. [\"aa lib\", \"bb lib\"]");
        }
        Set<String> sites = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isTextual() || entry.textValue().isBlank()) {
                throw new IllegalStateException("The all-sites list " + location + ": entry " + i + " (" + entry
                        + ") must be a site ID string");
            }
            sites.add(entry.textValue().strip());
        }
        if (sites.isEmpty()) {
            throw new IllegalStateException("The all-sites list " + location + " lists no sites");
        }
        return new ArrayList<>(sites);
    }

    public int size() {
        return siteIds.size();
    }
}
