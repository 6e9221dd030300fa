package dev.connectops.cam;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * cam:upload as Maven configures it (maven-plugin-testing-harness, reading the generated plugin.xml): parameter
 * binding and defaults, skip, parameter checks and offline mode. Nothing here reaches the network: every
 * test stops before the presign call (a failure, skip, or dry run). The harness reads
 * {@code META-INF/maven/plugin.xml}, which maven-plugin-plugin writes at process-classes: run with {@code mvn test}.
 */
@MojoTest
@Basedir("/dev/connectops/cam/upload-mojo")
class UploadMojoTest {
    private static final String ENCRYPTED_SECRET = "camSecretFromSettings-9f8e7d6c5b4a";

    private static String inheritedSettingsSecurity;

    @TempDir
    Path work;

    @Inject
    private MavenSession session;

    @Inject
    private MavenProject project;

    private final Properties userProperties = new Properties();
    private final RecordingLog log = new RecordingLog();
    private Path jar;

    /** A real project: jar packaging, target/ under a temporary directory, its main JAR built. */
    @Provides
    MavenProject project() throws IOException {
        MavenProject project = new MavenProject();
        project.setGroupId("com.example");
        project.setArtifactId("my-connector");
        project.setVersion("1.0.0");
        project.setPackaging("jar");
        project.setDescription("Upper-cases\n      string record values.");
        project.setFile(work.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(work.resolve("target").toString());
        jar = writeJar(work.resolve("target/my-connector-1.0.0.jar"));
        DefaultArtifact artifact = new DefaultArtifact("com.example", "my-connector", "1.0.0", "compile", "jar",
                null, new DefaultArtifactHandler("jar"));
        artifact.setFile(jar.toFile());
        project.setArtifact(artifact);
        return project;
    }

    /** The real decrypter over the settings-security.xml fixture, instead of the user's ~/.m2 one. */
    @Provides
    SettingsDecrypter settingsDecrypter() {
        return SettingsFixture.decrypter();
    }

    @BeforeAll
    static void clearSettingsSecurityProperty() {
        inheritedSettingsSecurity = SettingsFixture.clearSettingsSecurityProperty();
    }

    @AfterAll
    static void restoreSettingsSecurityProperty() {
        SettingsFixture.restoreSettingsSecurityProperty(inheritedSettingsSecurity);
    }

    @BeforeEach
    void stubSession(TestInfo test) {
        when(session.getSettings()).thenReturn(SettingsFixture.settings("settings.xml"));
        when(session.getUserProperties()).thenReturn(userProperties);
        when(session.isOffline()).thenReturn(false);
        if (test.getTags().contains("dash-d")) {
            // as if run with -Dcam.environment=env-fromcli1 -Dcam.serverId=encrypted-cloud
            userProperties.setProperty("cam.environment", "env-fromcli1");
            userProperties.setProperty("cam.serverId", "encrypted-cloud");
        }
    }

    @Test
    void harnessInjectsTheRealProjectAndAMockSession() {
        assertFalse(Mockito.mockingDetails(project).isMock(), "the @Provides project must be used");
        assertTrue(Mockito.mockingDetails(session).isMock());
    }

    @Test
    @InjectMojo(goal = "upload")
    void defaultsFromTheSpecTable(UploadMojo mojo) throws Exception {
        assertParameters(mojo,
                "environment", null,
                "cloud", "AWS",
                "apiUrl", "https://api.confluent.cloud",
                "file", null,
                "classifier", null,
                "contentFormat", null,
                "serverId", "confluent-cloud",
                "apiKeyEnv", "CONFLUENT_CLOUD_API_KEY",
                "apiSecretEnv", "CONFLUENT_CLOUD_API_SECRET",
                "skip", false,
                "dryRun", false,
                "outputFile", work.resolve("target").resolve("cam-upload.json").toFile(),
                "uploadIdProperty", "cam.uploadId",
                "retries", 4,
                "connectTimeout", 30,
                "socketTimeout", 120,
                "artifactName", null,
                "artifactDescription", "Upper-cases\n      string record values.",
                "waitForReady", true,
                "waitTimeout", 600);
        assertSame(project, getVariableValueFromObject(mojo, "project"));
        assertSame(session, getVariableValueFromObject(mojo, "session"));
    }

    @Test
    @InjectMojo(goal = "upload", pom = "all-parameters.xml")
    void everyParameterBindsFromThePom(UploadMojo mojo) throws Exception {
        assertParameters(mojo,
                "environment", "env-pom123",
                "cloud", "aws",
                "apiUrl", "http://127.0.0.1:8089",
                "file", work.resolve("dist/plugin.zip").toFile(),
                "classifier", "fat",
                "contentFormat", "ZIP",
                "serverId", "my-cloud",
                "apiKeyEnv", "MY_CC_KEY",
                "apiSecretEnv", "MY_CC_SECRET",
                "skip", false,
                "dryRun", true,
                "outputFile", work.resolve("out/record.json").toFile(),
                "uploadIdProperty", "my.uploadId",
                "retries", 7,
                "connectTimeout", 5,
                "socketTimeout", 600,
                "artifactName", "uppercase-smt-1.0.0",
                "artifactDescription", "An SMT from the POM.",
                "waitForReady", false,
                "waitTimeout", 90);
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-param1")
    @MojoParameter(name = "retries", value = "0")
    @MojoParameter(name = "dryRun", value = "true")
    void mojoParametersOverrideDefaults(UploadMojo mojo) throws Exception {
        assertParameters(mojo,
                "environment", "env-param1",
                "retries", 0,
                "dryRun", true,
                "socketTimeout", 120);
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "environment", value = "not-an-environment")
    @MojoParameter(name = "file", value = "does/not/exist.jar")
    void skipLogsOneLineAndTouchesNothing(UploadMojo mojo) throws Exception {
        when(session.isOffline()).thenReturn(true);
        mojo.setLog(log);
        Mockito.clearInvocations(session);

        mojo.execute();

        assertEquals(List.of("INFO Skipping the Confluent Cloud upload: cam.skip is true."), log.lines());
        Mockito.verifyNoInteractions(session);
        assertNull(project.getProperties().getProperty("cam.uploadId"));
        assertFalse(Files.exists(work.resolve("target/cam-upload.json")));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "lkc-12345")
    void invalidEnvironmentNamesTheElementThePropertyAndAnExample(UploadMojo mojo) {
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("Invalid <environment> (-Dcam.environment): 'lkc-12345' is not a Confluent Cloud environment id"
                + " ('env-' followed by letters and digits, at most 255 characters). Set it in the plugin's"
                + " <configuration>, e.g. <environment>env-a1b2c3</environment>, or on the command line, e.g."
                + " -Dcam.environment=env-a1b2c3.", e.getMessage());
        assertFalse(Files.exists(work.resolve("target/cam-upload.json")));
    }

    @Test
    @InjectMojo(goal = "upload")
    void missingEnvironmentNamesTheElementThePropertyAndAnExample(UploadMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("Invalid <environment> (-Dcam.environment): The Confluent Cloud"
                + " environment id is not set."), e.getMessage());
        assertTrue(e.getMessage().contains("<environment>env-a1b2c3</environment>"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dcam.environment=env-a1b2c3"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "cloud", value = "gcp")
    void unsupportedCloudNamesTheElementAndTheProperty(UploadMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("Invalid <cloud> (-Dcam.cloud): Cloud 'gcp' is not supported: Connect Artifacts can only be"
                + " uploaded to AWS for now. Set it in the plugin's <configuration>, e.g. <cloud>AWS</cloud>, or on"
                + " the command line, e.g. -Dcam.cloud=AWS.", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "artifactName", value = "uppercase-smt-with-a-name-that-is-far-too-long-for-confluentX")
    void artifactNameOf61CharactersFailsNamingTheLimitTheElementAndTheProperty(UploadMojo mojo) {
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("Invalid <artifactName> (-Dcam.artifactName): 'uppercase-smt-with-a-name-that-is-far-too-long-for"
                + "-confluentX' is 61 characters long; a Connect Artifact name is 1 to 60 characters. Set it in the"
                + " plugin's <configuration>, e.g. <artifactName>uppercase-smt-1.0.0</artifactName>, or on the command"
                + " line, e.g. -Dcam.artifactName=uppercase-smt-1.0.0.", e.getMessage());
        assertFalse(Files.exists(work.resolve("target/cam-upload.json")));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "serverId", value = "encrypted-cloud")
    @MojoParameter(name = "artifactName", value = "uppercase-smt-1.0.0")
    void dryRunDescribesTheArtifactWithTheProjectDescription(UploadMojo mojo) throws Exception {
        mojo.setLog(log);

        mojo.execute();

        String plan = log.at("INFO").get(2);
        assertTrue(plan.endsWith(", then create Connect Artifact 'uppercase-smt-1.0.0' (description 'Upper-cases string"
                + " record values.') through POST https://api.confluent.cloud/cam/v1/connect-artifacts?spec.cloud=AWS"
                + "&environment=env-abc123 and wait up to 600 s for it to be READY; no request was sent."), plan);
        assertNull(project.getProperties().getProperty("cam.artifactId"));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "serverId", value = "encrypted-cloud")
    @MojoParameter(name = "waitTimeout", value = "0")
    void descriptionAndTimeoutAreNotCheckedWhenNoArtifactIsMade(UploadMojo mojo) throws Exception {
        project.setDescription("d".repeat(300));
        mojo.setLog(log);

        mojo.execute();

        assertTrue(log.at("INFO").get(2).endsWith("from settings.xml server 'encrypted-cloud'; no request was sent."),
                log.all());
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    void offlineFailsBeforeAnythingIsSent(UploadMojo mojo) {
        when(session.isOffline()).thenReturn(true);
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("Cannot upload to Confluent Cloud when Maven is in offline mode (-o). Run without -o, or use"
                + " -Dcam.dryRun=true or -Dcam.skip=true.", e.getMessage());
        assertNull(project.getProperties().getProperty("cam.uploadId"));
        assertFalse(Files.exists(work.resolve("target/cam-upload.json")));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "serverId", value = "encrypted-cloud")
    void offlineDryRunPlansWithDecryptedSettingsCredentials(UploadMojo mojo) throws Exception {
        when(session.isOffline()).thenReturn(true);
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of(
                "Archive: target/my-connector-1.0.0.jar (the project's main artifact)",
                "Using Confluent Cloud API key WXYZ************ from settings.xml server 'encrypted-cloud'.",
                "Dry run: would upload target/my-connector-1.0.0.jar (" + Files.size(jar) + " bytes, JAR) to"
                        + " Confluent Cloud environment env-abc123 (cloud AWS) through"
                        + " https://api.confluent.cloud/cam/v1/presigned-upload-url, with API key WXYZ************"
                        + " from settings.xml server 'encrypted-cloud'; no request was sent."),
                log.at("INFO"));
        assertFalse(log.all().contains(ENCRYPTED_SECRET), log.all());
        assertFalse(log.all().contains("WXYZE"), log.all());
        assertNull(project.getProperties().getProperty("cam.uploadId"));
        assertFalse(Files.exists(work.resolve("target/cam-upload.json")));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "serverId", value = "no-such-server")
    @MojoParameter(name = "apiKeyEnv", value = "MY_CC_KEY")
    @MojoParameter(name = "apiSecretEnv", value = "MY_CC_SECRET")
    void environmentVariablesComeFromMavensEnvProperties(UploadMojo mojo) throws Exception {
        Properties system = new Properties();
        system.setProperty("env.MY_CC_KEY", "ENVKEY0000000009");
        system.setProperty("env.MY_CC_SECRET", "envSecret-5e4d3c2b1a");
        when(session.getSystemProperties()).thenReturn(system);
        mojo.setLog(log);

        mojo.execute();

        assertEquals("Using Confluent Cloud API key ENVK************ from environment variables"
                + " MY_CC_KEY/MY_CC_SECRET.", log.at("INFO").get(1));
        assertFalse(log.all().contains("envSecret-5e4d3c2b1a"), log.all());
    }

    @Test
    @Tag("dash-d")
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "dryRun", value = "true")
    void userPropertiesBindLikeDashD(UploadMojo mojo) throws Exception {
        assertEquals("env-fromcli1", getVariableValueFromObject(mojo, "environment"));
        assertEquals("encrypted-cloud", getVariableValueFromObject(mojo, "serverId"));
        mojo.setLog(log);

        mojo.execute();

        assertTrue(log.at("INFO").get(2).startsWith("Dry run: would upload target/my-connector-1.0.0.jar"),
                log.all());
        assertTrue(log.at("INFO").get(2).contains("environment env-fromcli1"), log.all());
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    @MojoParameter(name = "dryRun", value = "true")
    @MojoParameter(name = "serverId", value = "other-machine")
    void namedServerThatCannotBeDecryptedFailsTheGoal(UploadMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("The password of settings.xml server 'other-machine' cannot be"
                + " decrypted"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "environment", value = "env-abc123")
    void pomModuleWithNothingToUploadIsSkippedEvenOffline(UploadMojo mojo) throws Exception {
        project.setPackaging("pom");
        project.getArtifact().setFile(work.resolve("pom.xml").toFile());
        when(session.isOffline()).thenReturn(true);
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("INFO Skipping the Confluent Cloud upload: packaging is 'pom' and the module has no"
                + " archive."), log.lines());
    }

    private static void assertParameters(UploadMojo mojo, Object... namesAndValues) throws IllegalAccessException {
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object expected = namesAndValues[i + 1];
            Object actual = getVariableValueFromObject(mojo, name);
            if (expected == null ? actual != null : !expected.equals(actual)) {
                wrong.append("\n  ").append(name).append(": expected <").append(expected).append("> but was <")
                        .append(actual).append('>');
            }
        }
        assertTrue(wrong.isEmpty(), "parameters bound wrongly:" + wrong);
    }

    /** A small but real JAR: a ZIP with one entry. */
    private static Path writeJar(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("com/example/Transform.class"));
            jarOut.write("not really bytecode".getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return path;
    }
}
