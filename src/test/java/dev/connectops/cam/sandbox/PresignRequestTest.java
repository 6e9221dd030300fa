package dev.connectops.cam.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresignRequestTest {

    @Test
    void acceptsTheDocumentedBody() throws Exception {
        PresignRequest request =
                PresignRequest.parse("{\"content_format\":\"JAR\",\"cloud\":\"AWS\",\"environment\":\"env-00000\"}");

        assertEquals(new PresignRequest("JAR", "AWS", "env-00000"), request);
        assertEquals("jar", request.extension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\""})
    void rejectsABodyThatIsNotAJsonObject(String body) {
        PresignRequest.Invalid invalid = assertThrows(PresignRequest.Invalid.class, () -> PresignRequest.parse(body));

        assertEquals(List.of(""), pointers(invalid));
    }

    @Test
    void namesEveryBadField() {
        PresignRequest.Invalid invalid = assertThrows(PresignRequest.Invalid.class,
                () -> PresignRequest.parse("{\"content_format\":\"TAR\",\"cloud\":\"GCP\"}"));

        assertEquals(List.of("/content_format", "/cloud", "/environment"), pointers(invalid));
        assertTrue(invalid.errors().stream().allMatch(e -> e.status() == 400 && e.code().equals("invalid_input")));
    }

    @Test
    void limitsTheEnvironmentTo255Characters() throws Exception {
        String longest = "env-" + "a".repeat(251);
        assertEquals(longest, PresignRequest.parse(body(longest)).environment());

        PresignRequest.Invalid invalid =
                assertThrows(PresignRequest.Invalid.class, () -> PresignRequest.parse(body(longest + "a")));
        assertEquals(List.of("/environment"), pointers(invalid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "env/../x", "env 1"})
    void keepsTheEnvironmentSafeForAnObjectKey(String environment) {
        assertThrows(PresignRequest.Invalid.class, () -> PresignRequest.parse(body(environment)));
    }

    private static String body(String environment) {
        return "{\"content_format\":\"ZIP\",\"cloud\":\"AWS\",\"environment\":\"" + environment + "\"}";
    }

    private static List<String> pointers(PresignRequest.Invalid invalid) {
        return invalid.errors().stream().map(ApiError::pointer).toList();
    }
}
