package dev.connectops.cam.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancels a request whose whole answer has not arrived within the deadline. socketTimeout only limits
 * each silence, so a server that drips one byte a second, or streams without end, would hold the build
 * forever; cancelling closes the connection and ends the read on the requesting thread.
 */
public final class AnswerDeadline implements AutoCloseable {
    private final Duration limit;
    private final ScheduledExecutorService timer;
    private volatile boolean passed;

    private AnswerDeadline(Duration limit, Cancellable request) {
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cam-api-deadline"));
        timer.schedule(() -> {
            passed = true;
            request.cancel();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static AnswerDeadline start(Duration limit, Cancellable request) {
        return new AnswerDeadline(limit, request);
    }

    /** The failure to report in place of the one the cancelled request produced, if the deadline caused it. */
    public IOException explain(IOException failure) {
        if (!passed) {
            return failure;
        }
        AnswerTooSlowException slow = new AnswerTooSlowException("the whole answer did not arrive within "
                + String.format(Locale.ROOT, "%.1f", limit.toMillis() / 1000.0) + " s (connectTimeout + socketTimeout), so the connection was closed");
        slow.addSuppressed(failure);
        return slow;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
