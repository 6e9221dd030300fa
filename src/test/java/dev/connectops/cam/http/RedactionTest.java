package dev.connectops.cam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void everyOccurrenceOfEverySecretIsMasked() {
        Redaction redaction = new Redaction(List.of("s3cr3tSignature", "tokenValue123"));

        String out = redaction.apply("sig=s3cr3tSignature token=tokenValue123 again s3cr3tSignature.");

        assertEquals("sig=**** token=**** again ****.", out);
    }

    @Test
    void secretsEchoedPercentEncodedAreMaskedToo() {
        String credential = "ASIAEXAMPLE/20261204/us-east-1/s3/aws4_request";
        String policy = "eyJleHBpcmF0aW9uIjoi+/=";
        Redaction redaction = new Redaction(List.of(credential, policy));

        String out = redaction.apply("x-amz-credential=ASIAEXAMPLE%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&"
                + "policy=eyJleHBpcmF0aW9uIjoi%2B%2F%3D lower ASIAEXAMPLE%2f20261204%2fus-east-1%2fs3%2faws4_request");

        assertEquals("x-amz-credential=****&policy=**** lower ****", out);
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        assertEquals("Policy expired.", new Redaction(List.of("abcdef")).apply("Policy expired."));
    }

    @Test
    void nullAndVeryShortSecretsAreIgnoredSoOrdinaryTextIsNotShredded() {
        Redaction redaction = new Redaction(Arrays.asList(null, "", "a", "abc", "longsecret"));

        assertEquals("a abc **** cab", redaction.apply("a abc longsecret cab"));
    }

    @Test
    void nullTextStaysNull() {
        assertNull(new Redaction(List.of("secret")).apply(null));
    }

    @Test
    void namedJsonFieldsAreMaskedEvenWhenTheBodyIsCutOffInsideAValue() {
        Redaction redaction = new Redaction(List.of()).maskingJsonFields(List.of("policy", "x-amz-signature"));

        String out = redaction.apply("{\"key\":\"a/b\",\"policy\" : \"eyJ\\\"x\",\"x-amz-signature\":\"9739388");

        assertEquals("{\"key\":\"a/b\",\"policy\" : \"****\",\"x-amz-signature\":\"****", out);
    }

    @Test
    void maskingJsonFieldsKeepsTheKnownSecrets() {
        Redaction redaction = new Redaction(List.of("longsecret")).maskingJsonFields(List.of("policy"));

        assertEquals("**** {\"policy\":\"****\"} policy", redaction.apply("longsecret {\"policy\":\"abc\"} policy"));
    }
}
