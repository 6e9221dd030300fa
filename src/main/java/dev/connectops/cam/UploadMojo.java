package dev.connectops.cam;

import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.archive.InvalidArchiveException;
import dev.connectops.cam.record.LogText;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.service.ArtifactNotReadyException;
import dev.connectops.cam.service.ArtifactRequest;
import dev.connectops.cam.service.InvalidParameterException;
import dev.connectops.cam.service.ParameterRules;
import dev.connectops.cam.service.TransferException;
import dev.connectops.cam.service.UploadRequest;
import dev.connectops.cam.service.UploadService;
import dev.connectops.cam.upload.UploadException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Uploads the module's Kafka Connect plugin or custom SMT archive (JAR or ZIP) to Confluent Cloud: asks
 * {@code POST /cam/v1/presigned-upload-url} for a presigned S3 form, posts the archive with it, and
 * records the returned {@code upload_id} in the build log, a JSON file and a project property. With
 * {@code artifactName} set, it then creates a Connect Artifact from the upload and waits until it is READY.
 */
@Mojo(name = "upload", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class UploadMojo extends AbstractMojo {
    /** The project property that receives the id of the Connect Artifact created from the upload. */
    static final String ARTIFACT_ID_PROPERTY = "cam.artifactId";

    /**
     * Required (unless skipped): the Confluent Cloud environment id that receives the archive, {@code env-}
     * followed by letters and digits, at most 255 characters. Checked by the goal itself, so that a missing
     * or malformed id gets a message with an example rather than Maven's generic one.
     */
    @Parameter(property = "cam.environment")
    private String environment;

    /** Cloud provider the archive is stored in (case-insensitive, sent upper-case). Only {@code AWS} for now. */
    @Parameter(property = "cam.cloud", defaultValue = "AWS")
    private String cloud;

    /** Base URL of the Confluent Cloud API. Must be https, except for loopback hosts (local sandboxes, tests). */
    @Parameter(property = "cam.apiUrl", defaultValue = "https://api.confluent.cloud")
    private String apiUrl;

    /**
     * An explicit archive to upload (a relative path is resolved against the module's directory); overrides
     * the selection of the module's own archive.
     */
    @Parameter(property = "cam.file")
    private File file;

    /** Upload the artifact attached to the module with this classifier. */
    @Parameter(property = "cam.classifier")
    private String classifier;

    /** {@code JAR} or {@code ZIP}; by default taken from the archive's file extension. */
    @Parameter(property = "cam.contentFormat")
    private String contentFormat;

    /** Id of the settings.xml {@code <server>} whose username is the API key and password the API secret. */
    @Parameter(property = "cam.serverId", defaultValue = "confluent-cloud")
    private String serverId;

    /** Name of the environment variable holding the API key, read when no settings.xml server matches. */
    @Parameter(property = "cam.apiKeyEnv", defaultValue = "CONFLUENT_CLOUD_API_KEY")
    private String apiKeyEnv;

    /** Name of the environment variable holding the API secret, read when no settings.xml server matches. */
    @Parameter(property = "cam.apiSecretEnv", defaultValue = "CONFLUENT_CLOUD_API_SECRET")
    private String apiSecretEnv;

    /** Skip the upload, with one INFO line saying so. */
    @Parameter(property = "cam.skip", defaultValue = "false")
    private boolean skip;

    /** Do every local step (select, validate, resolve credentials) and print the plan; send nothing. */
    @Parameter(property = "cam.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Where the JSON record of the upload is written (atomically). */
    @Parameter(property = "cam.outputFile", defaultValue = "${project.build.directory}/cam-upload.json")
    private File outputFile;

    /** Project property that receives the upload_id, for later plugins in the same module. */
    @Parameter(property = "cam.uploadIdProperty", defaultValue = "cam.uploadId")
    private String uploadIdProperty;

    /** Retries after the first attempt, for failures that can succeed when tried again (0 to 20). */
    @Parameter(property = "cam.retries", defaultValue = "4")
    private int retries;

    /** Seconds to wait for a connection to be established. */
    @Parameter(property = "cam.connectTimeout", defaultValue = "30")
    private int connectTimeout;

    /** Seconds of silence on a connection before it counts as failed. */
    @Parameter(property = "cam.socketTimeout", defaultValue = "120")
    private int socketTimeout;

    /**
     * Display name of the Connect Artifact to create from the upload (1 to 60 characters, unique per cloud and
     * environment, e.g. {@code uppercase-smt-1.0.0}). When set, the artifact is created after a successful
     * upload, its id goes to the record and to the property {@code cam.artifactId}; unset, none is created.
     */
    @Parameter(property = "cam.artifactName")
    private String artifactName;

    /** Description of the Connect Artifact, at most 256 characters (its lines are joined). */
    @Parameter(property = "cam.artifactDescription", defaultValue = "${project.description}")
    private String artifactDescription;

    /** Wait until the new Connect Artifact is READY; a FAILED artifact or the timeout fails the build. */
    @Parameter(property = "cam.waitForReady", defaultValue = "true")
    private boolean waitForReady;

    /** Seconds to wait at most for the Connect Artifact to be READY. */
    @Parameter(property = "cam.waitTimeout", defaultValue = "600")
    private int waitTimeout;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    private final SettingsDecrypter decrypter;

    @Inject
    public UploadMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the Confluent Cloud upload: cam.skip is true.");
            return;
        }
        Optional<SelectedArchive> selected = new ArchiveSelector(project).select(file, classifier);
        if (selected.isEmpty()) {
            getLog().info("Skipping the Confluent Cloud upload: packaging is 'pom' and the module has no archive.");
            return;
        }
        if (session.isOffline() && !dryRun) {
            throw new MojoFailureException("Cannot upload to Confluent Cloud when Maven is in offline mode (-o)."
                    + " Run without -o, or use -Dcam.dryRun=true or -Dcam.skip=true.");
        }
        UploadRequest request = request(selected.get());
        UploadService service = new UploadService(new MavenBuildLog(getLog()), Clock.systemUTC(),
                wait -> Thread.sleep(wait.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
        try {
            if (dryRun) {
                getLog().info(service.plan(request));
                return;
            }
            UploadRecord record = service.upload(request);
            project.getProperties().setProperty(uploadIdProperty, record.uploadId());
            if (record.artifactId() != null) {
                project.getProperties().setProperty(ARTIFACT_ID_PROPERTY, record.artifactId());
            }
        } catch (InvalidArchiveException | ApiException | UploadException | TransferException
                | ArtifactNotReadyException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private UploadRequest request(SelectedArchive selected) throws MojoFailureException {
        Path archive = selected.file().toAbsolutePath().normalize();
        // Shown in log lines that scripts read: a line break in a file name must not start a line of its own.
        String display = LogText.oneLine(displayName(archive));
        getLog().info("Archive: " + display + " (" + selected.reason() + ")");
        try {
            String env = ParameterRules.environment(environment);
            String cloudName = ParameterRules.cloud(cloud);
            var api = ParameterRules.apiUrl(apiUrl);
            ContentFormat format = ParameterRules.contentFormat(contentFormat, archive.getFileName().toString());
            var connect = ParameterRules.seconds("connectTimeout", connectTimeout);
            var socket = ParameterRules.seconds("socketTimeout", socketTimeout);
            int retryCount = ParameterRules.retries(retries);
            Optional<ArtifactRequest> artifact = ParameterRules.artifact(artifactName, artifactDescription,
                    waitForReady, waitTimeout);
            ApiCredentials credentials = new SettingsCredentials(session.getSettings(), decrypter,
                    session.getSystemProperties()).resolve(serverId, apiKeyEnv, apiSecretEnv);
            getLog().info("Using Confluent Cloud API key " + credentials.maskedKey() + " from "
                    + credentials.source() + ".");
            return new UploadRequest(archive, display, format, env, cloudName, api, credentials, connect, socket,
                    retryCount, outputFile.toPath(), new ResolverProxyLookup(session.getRepositorySession()), artifact);
        } catch (InvalidParameterException e) {
            throw new MojoFailureException(ParameterMessages.describe(e));
        }
    }

    private String displayName(Path archive) {
        Path base = project.getBasedir() == null ? null : project.getBasedir().toPath().toAbsolutePath().normalize();
        Path shown = base != null && archive.startsWith(base) ? base.relativize(archive) : archive;
        return shown.toString().replace(File.separatorChar, '/');
    }
}
