package dev.connectops.cam.service;

import dev.connectops.cam.api.ApiCredentials;
import dev.connectops.cam.archive.ContentFormat;
import dev.connectops.cam.http.ProxyLookup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One upload, with every parameter already checked: the plain object the Maven side hands the core.
 *
 * @param archive the file to upload
 * @param displayName the archive as the user should see it (relative to the project when it is inside)
 * @param outputFile where the JSON record goes
 * @param proxies the proxy for each target host
 * @param artifact the Connect Artifact to create from the upload; empty for none
 */
public record UploadRequest(
        Path archive,
        String displayName,
        ContentFormat contentFormat,
        String environment,
        String cloud,
        URI apiUrl,
        ApiCredentials credentials,
        Duration connectTimeout,
        Duration socketTimeout,
        int retries,
        Path outputFile,
        ProxyLookup proxies,
        Optional<ArtifactRequest> artifact) {

    /** An upload from which no Connect Artifact is created. */
    public UploadRequest(Path archive, String displayName, ContentFormat contentFormat, String environment,
            String cloud, URI apiUrl, ApiCredentials credentials, Duration connectTimeout, Duration socketTimeout,
            int retries, Path outputFile, ProxyLookup proxies) {
        this(archive, displayName, contentFormat, environment, cloud, apiUrl, credentials, connectTimeout,
                socketTimeout, retries, outputFile, proxies, Optional.empty());
    }
}
