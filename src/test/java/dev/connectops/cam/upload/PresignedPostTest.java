package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresignedPostTest {

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "k");
        fields.put("x-amz-security-token", "TOKEN-1");
        fields.put("policy", "POLICY-1");
        fields.put("x-amz-credential", "CRED-1");
        fields.put("x-amz-signature", "SIG-1");
        fields.put("x-amz-date", "20261203T180000Z");
        return fields;
    }

    @Test
    void secretValuesAreThePolicySignatureCredentialAndToken() {
        PresignedPost post = new PresignedPost(URI.create("https://b.s3.amazonaws.com/"), fields());

        assertEquals(List.of("POLICY-1", "SIG-1", "CRED-1", "TOKEN-1"), post.secretValues());
        assertEquals("POLICY-1", post.policy());
    }

    @Test
    void missingOrEmptySecretsAreSkipped() {
        PresignedPost post = new PresignedPost(URI.create("https://b/"), Map.of("key", "k", "policy", ""));

        assertEquals(List.of(), post.secretValues());
        assertNull(new PresignedPost(URI.create("https://b/"), Map.of()).policy());
    }

    @Test
    void toStringListsFieldNamesInOrderButNoValues() {
        PresignedPost post = new PresignedPost(URI.create("https://b.s3.amazonaws.com/"), fields());

        assertEquals("PresignedPost[url=https://b.s3.amazonaws.com/, fields=[key, x-amz-security-token, policy,"
                + " x-amz-credential, x-amz-signature, x-amz-date]]", post.toString());
    }

    @Test
    void fieldsAreACopyThatCannotChange() {
        Map<String, String> source = fields();
        PresignedPost post = new PresignedPost(URI.create("https://b/"), source);
        source.put("extra", "x");

        assertEquals(6, post.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> post.fields().put("extra", "x"));
    }
}
