package dev.connectops.cam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The checks every successful upload IT makes: the record, the log line, the object S3Proxy stored,
 * the request the API stub received, and that no secret reached the build log.
 */
public final class UploadVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxRecord sandbox;
    private final Path buildLog;

    public UploadVerifier(String sandboxWorkDir, Object buildLog) throws IOException {
        this.sandbox = new SandboxRecord(sandboxWorkDir);
        this.buildLog = Path.of(buildLog.toString());
    }

    /**
     * Verifies one module's upload and returns its upload id.
     *
     * @param moduleDir the module's base directory (holds target/cam-upload.json)
     * @param archive the archive that must have been uploaded, relative to moduleDir
     * @param environment the environment the module uploads to
     * @param contentFormat JAR or ZIP
     */
    public String verifyUpload(Object moduleDir, String archive, String environment, String contentFormat)
            throws Exception {
        Path module = Path.of(moduleDir.toString());
        Path archiveFile = module.resolve(archive);
        String log = Files.readString(buildLog, StandardCharsets.UTF_8);
        JsonNode record = JSON.readTree(module.resolve("target/cam-upload.json").toFile());
        String uploadId = record.path("upload_id").asText();
        check(!uploadId.isEmpty(), "the record has an upload_id: " + record);
        check(environment.equals(record.path("environment").asText()), "record environment: " + record);
        check("AWS".equals(record.path("cloud").asText()), "record cloud: " + record);
        check(contentFormat.equals(record.path("content_format").asText()), "record content_format: " + record);
        check(archive.equals(record.path("file").asText()), "record file " + record.path("file") + " = " + archive);
        check(Files.size(archiveFile) == record.path("size_bytes").asLong(), "record size_bytes: " + record);
        check(digest("SHA-256", archiveFile).equals(record.path("sha256").asText()), "record sha256: " + record);
        check(digest("MD5", archiveFile).equals(record.path("md5").asText()), "record md5: " + record);
        check(!record.path("request_id").asText().isEmpty(), "record request_id: " + record);
        check(record.path("uploaded_at").asText().endsWith("Z"), "record uploaded_at in UTC: " + record);

        List<String> idLines = log.lines().filter(l -> l.contains("upload_id=" + uploadId)).toList();
        check(idLines.size() == 1, "one log line with upload_id=" + uploadId + ", found " + idLines);
        check(idLines.get(0).contains(archive) && idLines.get(0).contains(environment),
                "the upload_id line names the file and environment: " + idLines.get(0));

        Path stored = sandbox.storedObject(uploadId);
        check(digest("SHA-256", stored).equals(digest("SHA-256", archiveFile)),
                "the stored object " + stored + " has the archive's sha256");

        JsonNode call = null;
        for (JsonNode candidate : sandbox.presignCallsFor(environment)) {
            if (uploadId.equals(SandboxRecord.responseBody(candidate).path("upload_id").asText())) {
                call = candidate;
            }
        }
        check(call != null, "the API stub handed out upload_id " + uploadId + " for " + environment);
        JsonNode sent = SandboxRecord.requestBody(call);
        check(sent != null && sent.size() == 3 && contentFormat.equals(sent.path("content_format").asText())
                && "AWS".equals(sent.path("cloud").asText()) && environment.equals(sent.path("environment").asText()),
                "the presign body is {content_format, cloud, environment}: " + sent);
        String auth = call.path("request").path("headers").path("Authorization").asText();
        check(basic().equals(auth), "the presign request carried the sandbox Basic credentials");
        verifyNoSecrets(SandboxRecord.responseBody(call).path("upload_form_data"));
        return uploadId;
    }

    /**
     * Verifies the Connect Artifact created from a module's upload and returns its id: the record names it as
     * READY, the API stub received exactly the documented create body for the recorded upload_id and answered it
     * with that id, the artifact was polled until READY, and the log has the {@code artifact_id=} line.
     *
     * @param description the description expected in the create body
     */
    public String verifyArtifact(Object moduleDir, String environment, String name, String description)
            throws Exception {
        JsonNode record = JSON.readTree(Path.of(moduleDir.toString()).resolve("target/cam-upload.json").toFile());
        String artifactId = record.path("artifact_id").asText();
        check(!artifactId.isEmpty(), "the record has an artifact_id: " + record);
        check(name.equals(record.path("artifact_name").asText()), "record artifact_name: " + record);
        check("READY".equals(record.path("artifact_phase").asText()), "record artifact_phase READY: " + record);

        String scope = "?spec.cloud=AWS&environment=" + environment;
        JsonNode create = null;
        List<JsonNode> polls = new java.util.ArrayList<>();
        for (JsonNode call : sandbox.artifactCalls()) {
            JsonNode request = call.path("request");
            String url = request.path("url").asText();
            if ("POST".equals(request.path("method").asText()) && url.equals("/cam/v1/connect-artifacts" + scope)
                    && call.path("response").path("status").asInt() == 202
                    && artifactId.equals(SandboxRecord.responseBody(call).path("id").asText())) {
                create = call;
            } else if ("GET".equals(request.path("method").asText())
                    && url.equals("/cam/v1/connect-artifacts/" + artifactId + scope)) {
                polls.add(0, call);
            }
        }
        check(create != null, "a POST /cam/v1/connect-artifacts" + scope + " answered 202 with id " + artifactId);
        JsonNode expected = JSON.readTree("{\"spec\":{\"display_name\":" + JSON.writeValueAsString(name)
                + ",\"cloud\":\"AWS\",\"environment\":\"" + environment + "\",\"description\":"
                + JSON.writeValueAsString(description) + ",\"upload_source\":{\"location\":\"PRESIGNED_URL_LOCATION\","
                + "\"upload_id\":\"" + record.path("upload_id").asText() + "\"}}}");
        JsonNode sent = SandboxRecord.requestBody(create);
        check(expected.equals(sent), "the create body is " + expected + ", was " + sent);
        check(basic().equals(create.path("request").path("headers").path("Authorization").asText()),
                "the create request carried the sandbox Basic credentials");
        check(!polls.isEmpty(), "the artifact was polled");
        List<String> phases = new java.util.ArrayList<>();
        for (JsonNode poll : polls) {
            phases.add(SandboxRecord.responseBody(poll).path("status").path("phase").asText());
        }
        check(phases.get(phases.size() - 1).equals("READY") && phases.indexOf("READY") == phases.size() - 1,
                "the polls stopped at the first READY: " + phases);

        verifyLogContains("artifact_id=" + artifactId + " name='" + name + "' phase=READY");
        return artifactId;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (sandbox.apiKey() + ":" + sandbox.apiSecret()).getBytes(StandardCharsets.UTF_8));
    }

    /** The build log holds neither the API secret nor any of the form's secret values. */
    public void verifyNoSecrets(JsonNode form) throws IOException {
        String log = Files.readString(buildLog, StandardCharsets.UTF_8);
        check(!log.contains(sandbox.apiSecret()), "the build log does not contain the API secret");
        check(!log.contains(basic().substring("Basic ".length())), "the build log does not contain key:secret in Base64");
        for (String field : List.of("policy", "x-amz-signature", "x-amz-credential", "x-amz-security-token")) {
            String value = form.path(field).asText();
            check(!value.isEmpty(), "the form has " + field);
            check(!log.contains(value), "the build log does not contain the form's " + field);
        }
    }

    /** No form the API stub handed out for this environment reached the build log. */
    public void verifyNoSecretsFor(String environment) throws Exception {
        List<JsonNode> calls = sandbox.presignCallsFor(environment);
        check(!calls.isEmpty(), "at least one presign request for " + environment);
        for (JsonNode call : calls) {
            JsonNode form = SandboxRecord.responseBody(call).path("upload_form_data");
            if (!form.isMissingNode()) {
                verifyNoSecrets(form);
            }
        }
    }

    /** The build log does not contain this text. */
    public void verifyLogLacks(String text) throws IOException {
        check(!Files.readString(buildLog, StandardCharsets.UTF_8).contains(text), "the build log lacks: " + text);
    }

    /** The upload ids the API stub handed out for this environment, oldest first. */
    public List<String> uploadIdsFor(String environment) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode call : sandbox.presignCallsFor(environment)) {
            String id = SandboxRecord.responseBody(call).path("upload_id").asText();
            if (!id.isEmpty()) {
                ids.add(0, id);
            }
        }
        return ids;
    }

    /** The build log contains each of these texts. */
    public void verifyLogContains(String... texts) throws IOException {
        String log = Files.readString(buildLog, StandardCharsets.UTF_8);
        for (String text : texts) {
            check(log.contains(text), "the build log contains: " + text);
        }
    }

    /** The API stub received no presign request for this environment. */
    public void verifyNoPresign(String environment) throws Exception {
        List<JsonNode> calls = sandbox.presignCallsFor(environment);
        check(calls.isEmpty(), "no presign request for " + environment + ", found " + calls.size());
    }

    private static String digest(String algorithm, Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("Expected " + what);
        }
    }
}
