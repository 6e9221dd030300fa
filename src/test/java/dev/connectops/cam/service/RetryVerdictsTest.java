package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
