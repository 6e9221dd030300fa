package dev.connectops.cam.service;

import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.api.CamApiClient;
import dev.connectops.cam.api.PresignRequest;
import dev.connectops.cam.api.PresignedUploadUrl;
import dev.connectops.cam.archive.ArchiveInspector;
import dev.connectops.cam.archive.InvalidArchiveException;
import dev.connectops.cam.http.HttpClientFactory;
import dev.connectops.cam.http.LoopbackHosts;
import dev.connectops.cam.http.RetryPolicy;
import dev.connectops.cam.record.UploadRecord;
import dev.connectops.cam.record.UploadRecordFile;
import dev.connectops.cam.upload.ByteSize;
import dev.connectops.cam.upload.PostPolicy;
import dev.connectops.cam.upload.PresignedPost;
import dev.connectops.cam.upload.PresignedPostUpload;
import dev.connectops.cam.upload.UploadException;
import dev.connectops.cam.upload.UploadReceipt;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Runs one upload: local checks, presign, policy pre-check, upload, record, and, when asked, the Connect
 * Artifact made from it. Knows nothing of Maven.
 */
public final class UploadService {
    private final BuildLog log;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final ArchiveInspector inspector = new ArchiveInspector();

    /**
     * @param sleeper waits between retries
     * @param jitter values in [0, 1) that spread retry backoffs
     */
    public UploadService(BuildLog log, Clock clock, RetryPolicy.Sleeper sleeper, DoubleSupplier jitter) {
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** Every local step of {@link #upload}, then a description of what would be sent; no network. */
    public String plan(UploadRequest request) throws InvalidArchiveException, IOException {
        long size = inspector.inspect(request.archive());
        String artifact = request.artifact().map(a -> ", " + ArtifactCreation.plan(request, a)).orElse("");
        return String.format(Locale.ROOT, "Dry run: would upload %s (%d bytes, %s) to Confluent Cloud environment %s"
                + " (cloud %s) through %s, with %s%s; no request was sent.", request.displayName(), size,
                request.contentFormat(), request.environment(), request.cloud(), CamApiClient.presignEndpoint(request.apiUrl()),
                request.credentials(), artifact);
    }

    /**
     * @throws ArtifactNotReadyException when the upload succeeded and its Connect Artifact was created but
     *     FAILED or was not READY in time; the record file then holds the upload and the artifact's last phase
     */
    public UploadRecord upload(UploadRequest request) throws InvalidArchiveException, ApiException,
            UploadException, TransferException, ArtifactNotReadyException, IOException {
        UploadRecordFile recordFile = new UploadRecordFile(request.outputFile());
        recordFile.delete();
        long size = inspector.inspect(request.archive());
        Instant started = clock.instant();
        RetryPolicy retry = new RetryPolicy(request.retries(), sleeper, jitter, log::info);
        HttpClientFactory clients = new HttpClientFactory(request.connectTimeout(), request.socketTimeout(),
                request.proxies());
        // One client, hence one connection pool, for every request of this execution.
        try (CloseableHttpClient http = clients.create()) {
            CamApiClient api = new CamApiClient(http, request.apiUrl(), request.credentials(),
                    request.connectTimeout().plus(request.socketTimeout()));
            PresignedPostUpload uploader = new PresignedPostUpload(http, clients.uploadRequestConfig(), clock,
                    log::info);
            PresignedUploadUrl presigned = presign(api, retry, request);
            UploadReceipt receipt;
            try {
                receipt = send(uploader, retry, presigned, request, size);
            } catch (UploadException e) {
                if (!RetryVerdicts.needsNewForm(e)) {
                    throw e;
                }
                log.info(e.getMessage() + " The upload form expired before it was used; requesting a new presigned"
                        + " upload URL and uploading again.");
                presigned = presign(api, retry, request);
                receipt = send(uploader, retry, presigned, request, size);
            }
            log.info(String.format(Locale.ROOT, "Uploaded %s in %.1f s (%s), HTTP %d, upload host's request id %s",
                    ByteSize.format(size), receipt.elapsed().toMillis() / 1000.0,
                    ByteSize.rate(size, receipt.elapsed().toMillis()), receipt.status(),
                    receipt.requestId() == null ? "not given" : receipt.requestId()));
            UploadRecord record = new UploadRecord(presigned.uploadId(), request.environment(), request.cloud(),
                    request.contentFormat().name(), request.displayName(), size, receipt.sha256Hex(), receipt.md5Hex(),
                    presigned.requestId(), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            // The log line first: if the file cannot be written, the upload_id must still reach the user.
            log.info(record.logLine(Duration.between(started, clock.instant())));
            try {
                recordFile.write(record);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + ". The upload itself succeeded: upload_id="
                        + record.uploadId() + ".", e);
            }
            if (request.artifact().isPresent()) {
                record = new ArtifactCreation(log, new ArtifactReadiness(log, clock, sleeper))
                        .run(api, retry, request, request.artifact().get(), record, recordFile);
            }
            return record;
        }
    }

    private PresignedUploadUrl presign(CamApiClient api, RetryPolicy retry, UploadRequest request)
            throws ApiException, TransferException {
        log.info("Requesting a presigned upload URL for environment " + request.environment() + " from "
                + request.apiUrl().getHost() + via(request, request.apiUrl()));
        PresignRequest body = new PresignRequest(request.contentFormat(), request.cloud(), request.environment());
        try {
            PresignedUploadUrl presigned = retry.run("Requesting a presigned upload URL", () -> api.presign(body),
                    RetryVerdicts::forApi);
            log.debug("Presigned upload URL received: " + presigned);
            return presigned;
        } catch (IOException e) {
            throw new TransferException("Requesting a presigned upload URL from " + request.apiUrl().getHost()
                    + " failed: " + NetworkFailure.describe(e) + ".", e);
        }
    }

    private UploadReceipt send(PresignedPostUpload uploader, RetryPolicy retry, PresignedUploadUrl presigned,
            UploadRequest request, long size) throws UploadException, TransferException {
        PresignedPost post = new PresignedPost(presigned.uploadUrl(), presigned.formData());
        checkUploadUrl(post);
        checkPolicy(post, size);
        log.info(String.format(Locale.ROOT, "Uploading %s (%s) to %s%s", request.displayName(),
                ByteSize.format(size), post.url().getHost(), via(request, post.url())));
        String fileName = request.archive().getFileName().toString();
        try {
            return retry.run("Uploading " + request.displayName(),
                    () -> uploader.upload(post, request.archive(), fileName, size), RetryVerdicts::forUpload);
        } catch (IOException e) {
            throw new TransferException("Uploading " + request.displayName() + " to " + post.url().getHost()
                    + " failed: " + NetworkFailure.describe(e) + ".", e);
        }
    }

    private static String via(UploadRequest request, URI target) {
        return request.proxies().proxyFor(target).map(p -> " through proxy " + p.describe()).orElse("");
    }

    private static void checkUploadUrl(PresignedPost post) throws UploadException {
        URI url = post.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new UploadException("The API handed out an upload URL that is not an https URL with a host and"
                    + " nothing else in its authority (" + (url.getScheme() == null ? "no scheme" : url.getScheme())
                    + ", " + (url.getHost() == null ? "no host" : "host " + url.getHost()) + "); not uploading.", 0,
                    null);
        }
        if (!LoopbackHosts.isSecureOrLoopback(post.url())) {
            throw new UploadException("The API handed out an upload URL that is not https (" + post.url().getScheme()
                    + "://" + post.url().getHost() + "); refusing to send the archive in clear text.", 0, null);
        }
    }

    private void checkPolicy(PresignedPost post, long size) throws UploadException {
        Optional<PostPolicy> policy = PostPolicy.decode(post.policy());
        if (policy.isEmpty()) {
            log.debug("The upload form's policy could not be read; the upload host will judge it.");
            return;
        }
        Optional<PostPolicy.SizeRange> range = policy.get().sizeRange();
        if (range.isPresent() && !range.get().admits(size)) {
            throw new UploadException(String.format(Locale.ROOT, "The archive is %d bytes, but the upload policy"
                    + " admits only %d to %d bytes; it was not sent.", size, range.get().min(), range.get().max()),
                    0, "PolicySizeRange");
        }
        Optional<Instant> expiration = policy.get().expiration();
        if (expiration.isPresent() && expiration.get().isBefore(clock.instant())) {
            log.warn("The upload policy expired at " + expiration.get() + " by this machine's clock (now "
                    + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "); uploading anyway, in case the clock is"
                    + " wrong.");
        }
    }
}
