package dev.connectops.cam.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectArtifactRequestTest {

    private static String body(String displayName, String description, String location) {
        return "{\"spec\":{\"display_name\":\"" + displayName + "\",\"cloud\":\"AWS\",\"environment\":\"env-a1\","
                + (description == null ? "" : "\"description\":\"" + description + "\",")
                + "\"upload_source\":{\"location\":\"" + location + "\",\"upload_id\":\"u-1\"}}}";
    }

    @Test
    void documentedBodyIsRead() throws Exception {
        assertEquals(new ConnectArtifactRequest("smt", "AWS", "env-a1", "An SMT.", "u-1"),
                ConnectArtifactRequest.parse(body("smt", "An SMT.", "PRESIGNED_URL_LOCATION")));
    }

    @Test
    void descriptionIsOptional() throws Exception {
        assertEquals(null, ConnectArtifactRequest.parse(body("smt", null, "PRESIGNED_URL_LOCATION")).description());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON          | [1,2]                                                        | ''",
            "no spec           | {\"display_name\":\"smt\"}                                   | /spec",
            "no upload_source  | {\"spec\":{\"display_name\":\"x\",\"cloud\":\"AWS\",\"environment\":\"e\"}} | /spec/upload_source",
            "name not a string | {\"spec\":{\"display_name\":7,\"cloud\":\"AWS\",\"environment\":\"e\",\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\",\"upload_id\":\"u\"}}} | /spec/display_name"})
    void wrongShapeIs400NamingTheField(String name, String body, String pointer) {
        ConnectArtifactRequest.Invalid e = assertThrows(ConnectArtifactRequest.Invalid.class,
                () -> ConnectArtifactRequest.parse(body));

        assertEquals(400, e.status());
        assertEquals(pointer, e.errors().get(0).pointer());
        assertEquals("invalid_input", e.errors().get(0).code());
    }

    @Test
    void otherLocationIs400() {
        ConnectArtifactRequest.Invalid e = assertThrows(ConnectArtifactRequest.Invalid.class,
                () -> ConnectArtifactRequest.parse(body("smt", null, "S3")));

        assertEquals(400, e.status());
        assertEquals("/spec/upload_source/location", e.errors().get(0).pointer());
    }

    @Test
    void nameOf61AndDescriptionOf257Are422NamingBothFields() {
        ConnectArtifactRequest.Invalid e = assertThrows(ConnectArtifactRequest.Invalid.class,
                () -> ConnectArtifactRequest.parse(body("n".repeat(61), "d".repeat(257), "PRESIGNED_URL_LOCATION")));

        assertEquals(422, e.status());
        assertEquals(List.of("/spec/display_name", "/spec/description"),
                e.errors().stream().map(ApiError::pointer).toList());
        assertEquals("display_name must be 1 to 60 characters long, not 61.", e.errors().get(0).detail());
        assertEquals("invalid_configuration", e.errors().get(0).code());
    }

    @Test
    void emptyNameIs422() {
        ConnectArtifactRequest.Invalid e = assertThrows(ConnectArtifactRequest.Invalid.class,
                () -> ConnectArtifactRequest.parse(body("", null, "PRESIGNED_URL_LOCATION")));

        assertEquals(422, e.status());
    }

    @Test
    void otherCloudIs422() {
        ConnectArtifactRequest.Invalid e = assertThrows(ConnectArtifactRequest.Invalid.class,
                () -> ConnectArtifactRequest.parse(body("smt", null, "PRESIGNED_URL_LOCATION").replace("AWS", "GCP")));

        assertEquals(422, e.status());
        assertEquals("/spec/cloud", e.errors().get(0).pointer());
    }
}
