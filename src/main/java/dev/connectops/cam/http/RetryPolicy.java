package dev.connectops.cam.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Runs an attempt again after failures that may pass: at most {@code retries} times, waiting what the
 * server asked for or else an exponential backoff with jitter (about 1, 2, 4 … seconds, each at most
 * 30). A wait the server asks for is kept in full, since retrying earlier only meets another 429, but
 * one longer than {@link #MAX_REQUESTED_WAIT} ends the retries rather than hold a release job hostage.
 * The sleeper and the jitter are injected so that tests run instantly and can check every wait.
 */
public final class RetryPolicy {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_REQUESTED_WAIT = Duration.ofMinutes(5);

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One try of the operation. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T call() throws E, IOException;
    }

    /**
     * Whether a failure is worth another try, why, and how long the server asked us to wait (empty:
     * use the backoff).
     */
    public record Verdict(boolean retry, String reason, Optional<Duration> requestedWait) {
        public static Verdict retryAfterBackoff(String reason) {
            return new Verdict(true, reason, Optional.empty());
        }

        public static Verdict retryAfter(String reason, Duration wait) {
            return new Verdict(true, reason, Optional.of(wait));
        }

        public static Verdict stop() {
            return new Verdict(false, null, Optional.empty());
        }
    }

    private final int retries;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Consumer<String> log;

    /**
     * @param jitter values in [0, 1); each backoff is scaled by 0.75 + jitter / 2, so that builds that
     *     failed together do not retry together
     */
    public RetryPolicy(int retries, Sleeper sleeper, DoubleSupplier jitter, Consumer<String> log) {
        this.retries = retries;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.log = log;
    }

    public <T, E extends Exception> T run(String operation, Attempt<T, E> attempt,
            Function<Exception, Verdict> judge) throws E, IOException {
        for (int retry = 1; ; retry++) {
            try {
                return attempt.call();
            } catch (Exception e) {
                Verdict verdict = judge.apply(e);
                if (!verdict.retry() || retry > retries) {
                    throw e;
                }
                Duration wait = verdict.requestedWait().map(RetryPolicy::notNegative).orElseGet(backoff(retry));
                if (wait.compareTo(MAX_REQUESTED_WAIT) > 0) {
                    log.accept(String.format(Locale.ROOT, "%s failed (%s); the server asks to wait %d s, "
                            + "longer than the %d s this build waits, so it is not retried.", operation,
                            verdict.reason(), wait.toSeconds(), MAX_REQUESTED_WAIT.toSeconds()));
                    throw e;
                }
                log.accept(String.format(Locale.ROOT, "%s failed (%s); retry %d of %d in %.1f s.", operation,
                        verdict.reason(), retry, retries, wait.toMillis() / 1000.0));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting to retry " + operation);
                }
            }
        }
    }

    private java.util.function.Supplier<Duration> backoff(int retry) {
        return () -> {
            long base = FIRST_BACKOFF.toMillis() << Math.min(retry - 1, 16);
            long scaled = (long) (base * (0.75 + jitter.getAsDouble() / 2));
            return scaled > MAX_WAIT.toMillis() ? MAX_WAIT : Duration.ofMillis(scaled);
        };
    }

    private static Duration notNegative(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
