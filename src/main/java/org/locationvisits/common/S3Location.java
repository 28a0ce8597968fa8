package org.locationvisits.common;

/** An S3 object's bucket and key, shown as {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
