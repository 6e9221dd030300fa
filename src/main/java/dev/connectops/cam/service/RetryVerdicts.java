package dev.connectops.cam.service;

import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.http.AnswerTooLargeException;
import dev.connectops.cam.http.AnswerTooSlowException;
import dev.connectops.cam.http.ProxyAuthenticationException;
import dev.connectops.cam.http.RetryPolicy.Verdict;
import dev.connectops.cam.upload.ArchiveChangedException;
import dev.connectops.cam.upload.UploadException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;

/** Which failures are worth another try (SPEC section 9), for the API and for the upload host. */
final class RetryVerdicts {
    private static final Set<Integer> API_RETRYABLE = Set.of(500, 502, 503, 504);
    private static final Set<String> UPLOAD_RETRYABLE_CODES = Set.of("SlowDown", "RequestTimeout", "InternalError",
            "ServiceUnavailable");

    private RetryVerdicts() {
    }

    static Verdict forApi(Exception e) {
        if (e instanceof ApiException api) {
            if (api.status() == 429) {
                return api.retryAfter().map(wait -> Verdict.retryAfter("HTTP 429, rate limited", wait))
                        .orElseGet(() -> Verdict.retryAfterBackoff("HTTP 429, rate limited"));
            }
            if (API_RETRYABLE.contains(api.status())) {
                return Verdict.retryAfterBackoff("HTTP " + api.status());
            }
            return Verdict.stop();
        }
        return forNetwork(e);
    }

    static Verdict forUpload(Exception e) {
        if (e instanceof UploadException upload) {
            if (upload.status() >= 500 || (upload.code() != null && UPLOAD_RETRYABLE_CODES.contains(upload.code()))) {
                return Verdict.retryAfterBackoff("HTTP " + upload.status()
                        + (upload.code() == null ? "" : " " + upload.code()));
            }
            return Verdict.stop();
        }
        return forNetwork(e);
    }

    /**
     * Refused, reset and timed-out connections may pass; a name that does not resolve, bad TLS, a proxy that
     * refuses the credentials, an archive that changed on disk, or an API answer that dripped past its
     * deadline or grew past any real answer's size (retrying would only repeat the wait) will not.
     */
    private static Verdict forNetwork(Exception e) {
        if (e instanceof UnknownHostException || e instanceof SSLException || e instanceof ProxyAuthenticationException
                || e instanceof ArchiveChangedException || e instanceof AnswerTooLargeException
                || e instanceof AnswerTooSlowException
                || !(e instanceof IOException)) {
            return Verdict.stop();
        }
        return Verdict.retryAfterBackoff(NetworkFailure.describe((IOException) e));
    }

    /** S3 says the form can no longer be used: a new presigned URL is needed. */
    static boolean needsNewForm(UploadException e) {
        return "ExpiredToken".equals(e.code())
                || ("AccessDenied".equals(e.code()) && e.getMessage().contains("Policy expired"));
    }
}
