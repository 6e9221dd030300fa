package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.http.AnswerTooLargeException;
import dev.connectops.cam.http.AnswerTooSlowException;
import dev.connectops.cam.http.RetryPolicy.Verdict;
import dev.connectops.cam.upload.ArchiveChangedException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** Failures that no retry can mend stop at once; the wire's own failures are retried. */
class RetryVerdictsTest {
    @Test
    void droppedConnectionIsRetried() {
        Verdict verdict = RetryVerdicts.forUpload(new SocketException("Connection reset"));

        assertTrue(verdict.retry());
        assertEquals("the connection failed (SocketException: Connection reset)", verdict.reason());
    }

    @Test
    void archiveThatChangedWhileBeingSentIsNotRetried() {
        Exception changed = new ArchiveChangedException("The archive a.zip changed size while it was being uploaded");

        assertFalse(RetryVerdicts.forUpload(changed).retry());
        assertEquals("The archive a.zip changed size while it was being uploaded",
                NetworkFailure.describe((ArchiveChangedException) changed));
    }

    @Test
    void apiAnswerPastItsDeadlineOrSizeIsNotRetriedSoADrippingServerCostsOneDeadlineOnly() {
        assertFalse(RetryVerdicts.forApi(new AnswerTooSlowException("the whole answer did not arrive")).retry());
        assertFalse(RetryVerdicts.forApi(new AnswerTooLargeException("the answer is larger than 1 MiB")).retry());
    }
}
