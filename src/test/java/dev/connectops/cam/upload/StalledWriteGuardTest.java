package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StalledWriteGuardTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger cancels = new AtomicInteger();
    private final StalledWriteGuard guard = new StalledWriteGuard(Duration.ofSeconds(120), now::get, () -> {
        cancels.incrementAndGet();
        return true;
    }, null);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void writeBlockedForTheLimitCancelsTheRequestOnce() {
        guard.beforeWrite();
        advance(Duration.ofSeconds(119));
        guard.check();
        assertEquals(0, cancels.get(), "not yet: 119 s of 120");
        assertFalse(guard.tripped());

        advance(Duration.ofSeconds(1));
        guard.check();
        guard.check();

        assertEquals(1, cancels.get());
        assertTrue(guard.tripped());
    }

    @Test
    void writesThatEachEndInTimeNeverCancelHoweverLongTheUploadTakes() {
        for (int i = 0; i < 100; i++) {
            guard.beforeWrite();
            advance(Duration.ofSeconds(100));
            guard.check();
            guard.afterWrite();
        }
        assertEquals(0, cancels.get());
        assertFalse(guard.tripped());
    }

    @Test
    void timeBetweenWritesIsNotAStall() {
        guard.beforeWrite();
        guard.afterWrite();
        // Reading the file or waiting for the digest thread is not the upload host's fault.
        advance(Duration.ofHours(1));
        guard.check();
        assertEquals(0, cancels.get());
    }
}
