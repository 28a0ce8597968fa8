package org.locationvisits.offsets;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code <state>.recovery.json} sibling an earlier version wrote: merged into what the next write of the state
 * object stores, never written again. Anything short of a readable document leaves recovery's memory empty: the offset
 * itself is in the state object, and a lost memory only means fewer site-days are re-queried.
 */
final class LegacySibling {
    private static final Logger log = LoggerFactory.getLogger(S3OffsetStore.class);

    private LegacySibling() {
    }

    static Map<Map<String, Object>, Map<String, Object>> read(S3Client s3, String bucket, String siblingKey,
                                                              S3OffsetMessages messages) {
        String sibling = "s3://" + bucket + "/" + siblingKey;
        try {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(siblingKey)).asByteArray();
            Map<Map<String, Object>, Map<String, Object>> legacy = OffsetDocument.parseLegacy(body);
            log.info(messages.legacyMerged(sibling, legacy.size()));
            return legacy;
        } catch (NoSuchKeyException e) {
            log.info(messages.legacyMissing(sibling));
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                log.info(messages.legacyDenied(sibling, S3OffsetMessages.errorCode(e)));
            } else if (S3OffsetStore.isMissingKey(e)) {
                log.info(messages.legacyMissing(sibling));
            } else {
                log.warn(messages.legacyUnusable(sibling, "S3 answered " + e.statusCode() + " "
                        + S3OffsetMessages.errorCode(e)));
            }
        } catch (SdkClientException e) {
            log.warn(messages.legacyUnusable(sibling, "S3 unreachable: " + e.getMessage()));
        } catch (IOException e) {
            log.warn(messages.legacyUnusable(sibling, "not a valid offsets document: " + e.getMessage()));
        }
        return Map.of();
    }
}
