package dev.connectops.cam.upload;

import dev.connectops.cam.http.BodyExcerpt;
import dev.connectops.cam.http.Redaction;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends an archive to the upload host as an S3 browser POST: every form field exactly as received,
 * then the {@code file} part last, with a fixed Content-Length and no Authorization header. Success is
 * any 2xx; the response's ETag, when it is a plain MD5, must match the bytes sent.
 */
public final class PresignedPostUpload {
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final ContentType FIELD_TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;
    private final Clock clock;
    private final Consumer<String> progressLog;
    private final ArchiveSource source;

    /**
     * @param http the execution's client, shared with the API calls
     * @param requestConfig the upload's own timeouts and settings (see
     *     {@link dev.connectops.cam.http.HttpClientFactory#uploadRequestConfig()})
     * @param progressLog receives a progress line at most every {@link UploadProgress#DEFAULT_INTERVAL}
     */
    public PresignedPostUpload(CloseableHttpClient http, RequestConfig requestConfig, Clock clock,
            Consumer<String> progressLog) {
        this(http, requestConfig, clock, progressLog, ArchiveSource.FILES);
    }

    PresignedPostUpload(CloseableHttpClient http, RequestConfig requestConfig, Clock clock,
            Consumer<String> progressLog, ArchiveSource source) {
        this.http = http;
        this.requestConfig = requestConfig;
        this.clock = clock;
        this.progressLog = progressLog;
        this.source = source;
    }

    public UploadReceipt upload(PresignedPost post, Path file, String fileName, long size)
            throws UploadException, IOException {
        Redaction redaction = new Redaction(post.secretValues());
        UploadProgress progress = new UploadProgress(clock, UploadProgress.DEFAULT_INTERVAL, size, progressLog);
        DigestingFileBody body = new DigestingFileBody(file, fileName, size, progress, source);
        HttpPost request = new HttpPost(post.url());
        request.setConfig(requestConfig);
        Instant started = clock.instant();
        Timeout writeLimit = requestConfig.getResponseTimeout();
        try (StalledWriteGuard guard = writeLimit == null || writeLimit.isDisabled() ? null
                : StalledWriteGuard.start(Duration.ofMillis(writeLimit.toMilliseconds()), request)) {
            request.setEntity(form(post.fields(), body, guard));
            try {
                return send(request, post, body, fileName, size, redaction, started);
            } catch (IOException e) {
                if (guard != null && guard.tripped()) {
                    throw new StalledUploadException(guard.limit(), e);
                }
                throw e;
            }
        }
    }

    private UploadReceipt send(HttpPost request, PresignedPost post, DigestingFileBody body, String fileName,
            long size, Redaction redaction, Instant started) throws UploadException, IOException {
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            int status = response.getCode();
            String requestId = header(response, "x-amz-request-id");
            if (status < 200 || status >= 300) {
                throw failure(post, status, answer, requestId, redaction);
            }
            if (body.md5Hex() == null) {
                throw new UploadException("The upload host answered HTTP " + status + " before the whole archive was"
                        + " sent; the upload is not trusted (request id " + orNotGiven(requestId) + ").", status,
                        null);
            }
            String etag = unquote(header(response, "ETag"));
            if (etag != null && PLAIN_MD5.matcher(etag.toLowerCase(Locale.ROOT)).matches()
                    && !etag.equalsIgnoreCase(body.md5Hex())) {
                throw new UploadException("The upload host stored different bytes than were sent: its ETag " + etag
                        + " is not the MD5 " + body.md5Hex() + " of " + fileName + " (request id "
                        + orNotGiven(requestId) + "). Run the upload again.", status, "ETagMismatch");
            }
            return new UploadReceipt(status, etag, requestId, size, body.md5Hex(), body.sha256Hex(),
                    Duration.between(started, clock.instant()));
        }
    }

    /**
     * LEGACY mode writes parts the way browsers do: text fields carry only a Content-Disposition,
     * the file part adds its Content-Type. The whole length is known, so no chunked encoding is used.
     * The entity says it is a one-off stream: HttpClient would otherwise send a "repeatable" body again
     * by itself (after an authentication challenge, say), reading the archive a second time behind the
     * retry policy's back. Every write to the socket is watched by the guard, if there is one.
     */
    static HttpEntity form(Map<String, String> fields, DigestingFileBody file, StalledWriteGuard guard) {
        MultipartEntityBuilder form = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.LEGACY)
                .setCharset(StandardCharsets.UTF_8);
        fields.forEach((name, value) -> form.addTextBody(name, value, FIELD_TEXT));
        form.addPart("file", file);
        return new HttpEntityWrapper(form.build()) {
            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                super.writeTo(guard == null ? out : new GuardedOutputStream(out, guard));
            }

            @Override
            public boolean isStreaming() {
                return true;
            }
        };
    }

    /** Tells the guard when a write to the socket starts and ends; a blocked write never ends. */
    private static final class GuardedOutputStream extends FilterOutputStream {
        private final StalledWriteGuard guard;

        GuardedOutputStream(OutputStream out, StalledWriteGuard guard) {
            super(out);
            this.guard = guard;
        }

        @Override
        public void write(int b) throws IOException {
            guard.beforeWrite();
            try {
                out.write(b);
            } finally {
                guard.afterWrite();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            guard.beforeWrite();
            try {
                out.write(b, off, len);
            } finally {
                guard.afterWrite();
            }
        }

        @Override
        public void flush() throws IOException {
            guard.beforeWrite();
            try {
                out.flush();
            } finally {
                guard.afterWrite();
            }
        }

        @Override
        public void close() throws IOException {
            // The connection owns the socket stream; HttpClient closes it when the request is done.
            flush();
        }
    }

    private static UploadException failure(PresignedPost post, int status, byte[] answer, String headerRequestId,
            Redaction redaction) {
        Optional<S3Error> error = S3Error.parse(answer);
        String requestId = headerRequestId != null ? headerRequestId : error.map(S3Error::requestId).orElse(null);
        StringBuilder message = new StringBuilder("Uploading the archive to ").append(post.url().getHost())
                .append(" failed: HTTP ").append(status);
        if (status >= 300 && status < 400) {
            message.append(" (a redirect, which is not followed for an upload)");
        } else if (error.isPresent()) {
            message.append(' ').append(error.get().code());
            if (error.get().message() != null && !error.get().message().isEmpty()) {
                message.append(": ").append(error.get().message());
            }
        } else {
            message.append(", body: ").append(BodyExcerpt.of(answer, redaction));
        }
        message.append(" (request id ").append(orNotGiven(requestId)).append(')');
        return new UploadException(redaction.apply(message.toString()), status, error.map(S3Error::code).orElse(null));
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static String orNotGiven(String requestId) {
        return requestId == null ? "not given" : requestId;
    }
}
