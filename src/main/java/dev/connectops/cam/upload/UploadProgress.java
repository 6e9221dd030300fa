package dev.connectops.cam.upload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a stream of "bytes sent" counts into at most one progress line per interval, so that long
 * uploads show they are alive while short ones print nothing, in batch mode as well.
 */
public final class UploadProgress {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> out;
    private final long total;
    private Instant started;
    private Instant lastReport;

    public UploadProgress(Clock clock, Duration interval, long total, Consumer<String> out) {
        this.clock = clock;
        this.interval = interval;
        this.total = total;
        this.out = out;
    }

    /** Marks the start of one attempt; counts restart from zero. */
    public void start() {
        started = clock.instant();
        lastReport = started;
    }

    /** Called as bytes leave; prints when an interval has passed since the last line. */
    public void sent(long bytesSoFar) {
        Instant now = clock.instant();
        if (Duration.between(lastReport, now).compareTo(interval) < 0) {
            return;
        }
        lastReport = now;
        double percent = total == 0 ? 100.0 : 100.0 * bytesSoFar / total;
        out.accept(String.format(Locale.ROOT, "Uploading: %.0f%% (%s of %s) at %s", percent,
                ByteSize.format(bytesSoFar), ByteSize.format(total),
                ByteSize.rate(bytesSoFar, Duration.between(started, now).toMillis())));
    }
}
