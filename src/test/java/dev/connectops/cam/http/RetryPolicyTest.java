package dev.connectops.cam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RetryPolicy policy(int retries, double jitter) {
        return new RetryPolicy(retries, sleeps::add, () -> jitter, lines::add);
    }

    private static RetryPolicy.Verdict alwaysRetry(Exception e) {
        return RetryPolicy.Verdict.retryAfterBackoff("flaky");
    }

    @Test
    void successOnTheFirstTryNeitherWaitsNorLogs() throws Exception {
        assertEquals("ok", policy(4, 0.5).<String, IOException>run("Op", () -> "ok", RetryPolicyTest::alwaysRetry));

        assertEquals(List.of(), sleeps);
        assertEquals(List.of(), lines);
    }

    @Test
    void backoffDoublesFromOneSecondAndEachRetryIsLogged() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result = policy(4, 0.5).<String, IOException>run("Uploading x", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new ConnectException("refused");
            }
            return "done";
        }, RetryPolicyTest::alwaysRetry);

        assertEquals("done", result);
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        assertEquals(List.of("Uploading x failed (flaky); retry 1 of 4 in 1.0 s.",
                "Uploading x failed (flaky); retry 2 of 4 in 2.0 s.",
                "Uploading x failed (flaky); retry 3 of 4 in 4.0 s."), lines);
    }

    @Test
    void jitterSpreadsEachWaitBetweenThreeQuartersAndFiveQuarters() throws Exception {
        RetryPolicy low = new RetryPolicy(1, sleeps::add, () -> 0.0, lines::add);
        RetryPolicy high = new RetryPolicy(1, sleeps::add, () -> 0.999, lines::add);
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy.Attempt<String, IOException> failsOnce = () -> {
            if (calls.incrementAndGet() % 2 == 1) {
                throw new IOException("reset");
            }
            return "ok";
        };

        low.run("Op", failsOnce, RetryPolicyTest::alwaysRetry);
        high.run("Op", failsOnce, RetryPolicyTest::alwaysRetry);

        assertEquals(Duration.ofMillis(750), sleeps.get(0));
        assertEquals(Duration.ofMillis(1249), sleeps.get(1));
    }

    @Test
    void noWaitIsLongerThanThirtySeconds() {
        IOException failure = new IOException("down");

        assertThrows(IOException.class, () -> policy(7, 0.999).<String, IOException>run("Op", () -> {
            throw failure;
        }, RetryPolicyTest::alwaysRetry));

        assertEquals(8 - 1, sleeps.size());
        assertEquals(Duration.ofSeconds(30), sleeps.get(sleeps.size() - 1));
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(30)) <= 0), sleeps.toString());
    }

    @Test
    void afterTheLastRetryTheLastFailureIsThrownAsIs() {
        IOException failure = new IOException("still down");
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class, () -> policy(2, 0.5).<String, IOException>run("Op", () -> {
            calls.incrementAndGet();
            throw failure;
        }, RetryPolicyTest::alwaysRetry));

        assertSame(failure, thrown);
        assertEquals(3, calls.get(), "the first attempt and two retries");
        assertEquals(2, sleeps.size());
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(IOException.class, () -> policy(0, 0.5).<String, IOException>run("Op", () -> {
            calls.incrementAndGet();
            throw new IOException("x");
        }, RetryPolicyTest::alwaysRetry));

        assertEquals(1, calls.get());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void failureJudgedFinalIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(IOException.class, () -> policy(4, 0.5).<String, IOException>run("Op", () -> {
            calls.incrementAndGet();
            throw new IOException("no");
        }, e -> RetryPolicy.Verdict.stop()));

        assertEquals(1, calls.get());
        assertEquals(List.of(), sleeps);
        assertEquals(List.of(), lines);
    }

    @Test
    void waitTheServerAskedForIsUsedInsteadOfTheBackoff() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        policy(4, 0.5).<String, IOException>run("Op", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("429");
            }
            return "ok";
        }, e -> RetryPolicy.Verdict.retryAfter("HTTP 429, rate limited", Duration.ofSeconds(7)));

        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
        assertEquals(List.of("Op failed (HTTP 429, rate limited); retry 1 of 4 in 7.0 s."), lines);
    }

    @Test
    void waitTheServerAskedForIsKeptInFullEvenBeyondThirtySeconds() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        policy(4, 0.5).<String, IOException>run("Op", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("429");
            }
            return "ok";
        }, e -> RetryPolicy.Verdict.retryAfter("HTTP 429, rate limited", Duration.ofSeconds(300)));

        assertEquals(List.of(Duration.ofSeconds(300)), sleeps);
    }

    @Test
    void waitLongerThanFiveMinutesEndsTheRetriesAndSaysWhy() {
        IOException failure = new IOException("429");
        AtomicInteger calls = new AtomicInteger();

        IOException thrown = assertThrows(IOException.class, () -> policy(4, 0.5).<String, IOException>run("Op", () -> {
            calls.incrementAndGet();
            throw failure;
        }, e -> RetryPolicy.Verdict.retryAfter("HTTP 429, rate limited", Duration.ofSeconds(3600))));

        assertSame(failure, thrown);
        assertEquals(1, calls.get());
        assertEquals(List.of(), sleeps);
        assertEquals(List.of("Op failed (HTTP 429, rate limited); the server asks to wait 3600 s, longer than the "
                + "300 s this build waits, so it is not retried."), lines);
    }

    @Test
    void interruptedWaitStopsWithAnInterruptedIoExceptionAndKeepsTheFlag() {
        RetryPolicy interrupted = new RetryPolicy(3, d -> {
            throw new InterruptedException();
        }, () -> 0.5, lines::add);

        InterruptedIOException e = assertThrows(InterruptedIOException.class,
                () -> interrupted.<String, IOException>run("Uploading x", () -> {
                    throw new IOException("reset");
                }, RetryPolicyTest::alwaysRetry));

        assertEquals("Interrupted while waiting to retry Uploading x", e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted());
    }
}
