package org.locationvisits.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Decrypts the base64 KMS ciphertexts that the YAML config holds for secrets. Messages name the
 * variable and the cause only: neither the ciphertext nor the plaintext may reach a log.
 */
public final class KmsDecryptor {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String HOW_TO_SET = "set it to the base64 CiphertextBlob of 'aws kms encrypt'";

    private final KmsClient kms;

    public KmsDecryptor(KmsClient kms) {
        this.kms = kms;
    }

    /** The UTF-8 plaintext of {@code base64Ciphertext}, the value configured for {@code variableName}. */
    public String decrypt(String variableName, String base64Ciphertext) {
        if (base64Ciphertext == null || base64Ciphertext.isBlank()) {
            throw new IllegalStateException("Could not decrypt " + variableName + ": it is empty; " + HOW_TO_SET + ".");
        }
        byte[] ciphertext;
        try {
            // Whitespace is dropped for the line breaks YAML block scalars and `base64` leave in; the MIME
            // decoder would also skip invalid characters and hand KMS a silently mangled blob.
            ciphertext = Base64.getDecoder().decode(WHITESPACE.matcher(base64Ciphertext).replaceAll(""));
        } catch (IllegalArgumentException e) {
            // No cause: the decoder's message quotes the offending characters of the ciphertext.
            throw new IllegalStateException("Could not decrypt " + variableName + ": its value is not valid base64; "
                    + HOW_TO_SET + ".");
        }
        try {
            SdkBytes plaintext = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ciphertext))).plaintext();
            return plaintext.asString(StandardCharsets.UTF_8);
        } catch (InvalidCiphertextException e) {
            throw failure(variableName, "KMS rejected the ciphertext (InvalidCiphertextException): it was not"
                    + " produced by 'aws kms encrypt' in this account and region, was cut off, or needs an"
                    + " encryption context", e);
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String cause = e.statusCode() == 403 || "AccessDeniedException".equals(code)
                    ? "access denied by KMS (" + code + "); grant the runner's role kms:Decrypt on the key"
                    : "KMS answered " + e.statusCode() + " " + code;
            throw failure(variableName, cause, e);
        } catch (SdkClientException e) {
            throw failure(variableName, "KMS is unreachable (" + e.getMessage()
                    + "); check the network, AWS_REGION and AWS_ENDPOINT_URL_KMS", e);
        }
    }

    /** SDK exceptions carry AWS's error message and request id, never the request body, so they may be the cause. */
    private static IllegalStateException failure(String variableName, String cause, Exception sdkError) {
        return new IllegalStateException("Could not decrypt " + variableName + ": " + cause + ".", sdkError);
    }
}
