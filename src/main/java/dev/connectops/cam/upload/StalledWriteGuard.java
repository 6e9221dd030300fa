package dev.connectops.cam.upload;

import dev.connectops.cam.http.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancels an upload whose socket write has been blocked for longer than the limit. A read gives up after
 * socketTimeout, but Java sockets have no write timeout: a write to a host that stopped reading (its
 * receive window full, a half-dead link or proxy) blocks for as long as the connection lives, and the
 * build would hang with it. Cancelling the request closes its connection, which ends the blocked write
 * with an exception on the uploading thread.
 */
final class StalledWriteGuard implements AutoCloseable {
    private final long limitNanos;
    private final LongSupplier nanoTicker;
    private final Cancellable request;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private long writeStarted;
    private boolean writing;
    private boolean tripped;

    /** Starts a timer thread that checks the writes every quarter of the limit, at most once a second. */
    static StalledWriteGuard start(Duration limit, Cancellable request) {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cam-upload-stall-guard"));
        StalledWriteGuard guard = new StalledWriteGuard(limit, System::nanoTime, request, timer);
        long period = Math.max(10, Math.min(1_000, limit.toMillis() / 4));
        timer.scheduleAtFixedRate(guard::check, period, period, TimeUnit.MILLISECONDS);
        return guard;
    }

    StalledWriteGuard(Duration limit, LongSupplier nanoTicker, Cancellable request, ScheduledExecutorService timer) {
        this.limitNanos = limit.toNanos();
        this.nanoTicker = nanoTicker;
        this.request = request;
        this.timer = timer;
    }

    Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    void beforeWrite() {
        synchronized (lock) {
            writeStarted = nanoTicker.getAsLong();
            writing = true;
        }
    }

    void afterWrite() {
        synchronized (lock) {
            writing = false;
        }
    }

    /** Cancels the request, once, if the write in progress has been blocked for the limit or longer. */
    void check() {
        synchronized (lock) {
            if (tripped || !writing || nanoTicker.getAsLong() - writeStarted < limitNanos) {
                return;
            }
            tripped = true;
        }
        request.cancel();
    }

    /** Whether this guard cancelled the request, so that its failure is a stalled write. */
    boolean tripped() {
        synchronized (lock) {
            return tripped;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
