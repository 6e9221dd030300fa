package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectops.cam.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadProgressTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T18:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final UploadProgress progress = new UploadProgress(clock, UploadProgress.DEFAULT_INTERVAL, 50_000_000,
            lines::add);

    @Test
    void defaultIntervalIsTenSeconds() {
        assertEquals(Duration.ofSeconds(10), UploadProgress.DEFAULT_INTERVAL);
    }

    @Test
    void nothingIsPrintedBeforeTenSeconds() {
        progress.start();
        clock.advance(Duration.ofSeconds(5));
        progress.sent(10_000_000);
        clock.advance(Duration.ofMillis(4_999));
        progress.sent(19_000_000);

        assertEquals(List.of(), lines);
    }

    @Test
    void afterTenSecondsOneLineGivesPercentMegabytesAndRate() {
        progress.start();
        clock.advance(Duration.ofSeconds(10));
        progress.sent(20_000_000);

        assertEquals(List.of("Uploading: 40% (20.0 MB of 50.0 MB) at 2.0 MB/s"), lines);
    }

    @Test
    void atMostOneLinePerTenSeconds() {
        progress.start();
        for (int second = 1; second <= 25; second++) {
            clock.advance(Duration.ofSeconds(1));
            progress.sent(second * 1_000_000L);
            progress.sent(second * 1_000_000L + 500_000);
        }

        assertEquals(List.of(
                "Uploading: 20% (10.0 MB of 50.0 MB) at 1.0 MB/s",
                "Uploading: 40% (20.0 MB of 50.0 MB) at 1.0 MB/s"), lines);
    }

    @Test
    void startOfANewAttemptRestartsTheTimer() {
        progress.start();
        clock.advance(Duration.ofSeconds(9));
        progress.start();
        clock.advance(Duration.ofSeconds(9));
        progress.sent(9_000_000);
        clock.advance(Duration.ofSeconds(1));
        progress.sent(10_000_000);

        assertEquals(List.of("Uploading: 20% (10.0 MB of 50.0 MB) at 1.0 MB/s"), lines);
    }
}
