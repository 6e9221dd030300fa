package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.ManualClock;
import dev.connectops.cam.api.ConnectArtifact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait for READY, with a clock that moves only when the loop sleeps. */
class ArtifactReadinessTest {
    private static final Duration TEN_MINUTES = Duration.ofSeconds(600);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T18:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final RecordingBuildLog log = new RecordingBuildLog();
    private final List<String> entered = new ArrayList<>();
    private final Deque<String> phases = new ArrayDeque<>();
    private int polls;

    private final ArtifactReadiness readiness = new ArtifactReadiness(log, clock, wait -> {
        sleeps.add(wait);
        clock.advance(wait);
    });

    private static ConnectArtifact artifact(String phase) {
        return new ConnectArtifact("cca-7xq2m1", "uppercase-smt", phase, null, "req");
    }

    /** Each poll answers the next phase; the last one repeats. */
    private ConnectArtifact await(ConnectArtifact created, Duration timeout, String... answers) throws Exception {
        phases.addAll(Arrays.asList(answers));
        return readiness.await(created, "uppercase-smt", timeout, () -> {
            polls++;
            return artifact(phases.size() > 1 ? phases.poll() : phases.peek());
        }, seen -> entered.add(seen.phase()));
    }

    private static List<Duration> seconds(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    @Test
    void pollsAfterTwoSecondsThenDoublesAndLogsEachPhaseChange() throws Exception {
        ConnectArtifact ready = await(artifact("WAITING_FOR_PROCESSING"), TEN_MINUTES,
                "WAITING_FOR_PROCESSING", "PROCESSING", "PROCESSING", "READY");

        assertEquals("READY", ready.phase());
        assertEquals(seconds(2, 4, 8, 16), sleeps);
        assertEquals(4, polls);
        assertEquals(List.of("PROCESSING", "READY"), entered);
        assertEquals(List.of(
                "Waiting up to 600 s for Connect Artifact cca-7xq2m1 to be READY (now WAITING_FOR_PROCESSING).",
                "Connect Artifact cca-7xq2m1 is PROCESSING (after 6 s).",
                "Connect Artifact cca-7xq2m1 is READY (after 30 s)."), log.info);
    }

    @Test
    void intervalStopsGrowingAtThirtySeconds() throws Exception {
        await(artifact("PROCESSING"), TEN_MINUTES,
                "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING",
                "READY");

        assertEquals(seconds(2, 4, 8, 16, 30, 30, 30, 30), sleeps);
    }

    @Test
    void unknownPhaseKeepsTheWaitGoing() throws Exception {
        ConnectArtifact ready = await(artifact("WAITING_FOR_PROCESSING"), TEN_MINUTES,
                "SCANNING_FOR_MALWARE", "PROVISIONING", "PROVISIONED");

        assertEquals("PROVISIONED", ready.phase());
        assertEquals(List.of("SCANNING_FOR_MALWARE", "PROVISIONING", "PROVISIONED"), entered);
        assertEquals("Connect Artifact cca-7xq2m1 is SCANNING_FOR_MALWARE (after 2 s).", log.info.get(1));
    }

    @Test
    void failedEndsTheWaitAtOnceNamingTheArtifactAndPhase() {
        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class,
                () -> await(artifact("WAITING_FOR_PROCESSING"), TEN_MINUTES, "PROCESSING", "FAILED", "READY"));

        assertEquals("cca-7xq2m1", e.artifactId());
        assertEquals("FAILED", e.phase());
        assertEquals("Connect Artifact cca-7xq2m1 ('uppercase-smt') FAILED: Confluent Cloud could not process the"
                + " uploaded archive. Check that it is a Connect plugin or SMT archive with its classes and"
                + " dependencies; then delete the failed artifact, or choose a new artifactName, and run again.",
                e.getMessage());
        assertEquals(2, polls);
        assertEquals(List.of("PROCESSING", "FAILED"), entered);
    }

    @Test
    void failedMessageCarriesTheStatusText() {
        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class, () -> readiness.await(
                artifact("PROCESSING"), "uppercase-smt", TEN_MINUTES,
                () -> new ConnectArtifact("cca-7xq2m1", null, "FAILED", "error_message: no plugin class found", null),
                seen -> { }));

        assertTrue(e.getMessage().startsWith("Connect Artifact cca-7xq2m1 ('uppercase-smt') FAILED (error_message: no"
                + " plugin class found): Confluent Cloud could not process the uploaded archive."), e.getMessage());
    }

    @Test
    void timeoutFailsWithTheLastPhaseAfterWaitingExactlyTheTimeout() {
        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class,
                () -> await(artifact("WAITING_FOR_PROCESSING"), Duration.ofSeconds(100), "PROCESSING"));

        assertEquals(seconds(2, 4, 8, 16, 30, 30, 10), sleeps, "the last wait ends at the deadline");
        assertEquals(7, polls, "one last look at the deadline");
        assertEquals("PROCESSING", e.phase());
        assertEquals("Connect Artifact cca-7xq2m1 ('uppercase-smt') was not READY within 100 s (waitTimeout); its last"
                + " phase was PROCESSING. It may still become READY: check it in the Confluent Cloud Console, wait"
                + " longer with -Dcam.waitTimeout=<seconds>, or skip the wait with -Dcam.waitForReady=false.",
                e.getMessage());
    }

    @Test
    void artifactCreatedReadyIsNotPolled() throws Exception {
        ConnectArtifact created = artifact("READY");

        assertSame(created, await(created, TEN_MINUTES, "FAILED"));
        assertEquals(0, polls);
        assertEquals(List.of(), sleeps);
        assertEquals(List.of(), log.info);
    }

    @Test
    void artifactCreatedFailedIsNotPolled() {
        assertThrows(ArtifactNotReadyException.class, () -> await(artifact("FAILED"), TEN_MINUTES, "READY"));
        assertEquals(0, polls);
    }

    @Test
    void interruptedWaitStopsWithTheLastPhase() {
        ArtifactReadiness interrupted = new ArtifactReadiness(log, clock, wait -> {
            throw new InterruptedException();
        });

        ArtifactNotReadyException e = assertThrows(ArtifactNotReadyException.class, () -> interrupted.await(
                artifact("PROCESSING"), "uppercase-smt", TEN_MINUTES, () -> artifact("READY"), seen -> { }));

        assertEquals("Interrupted while waiting for Connect Artifact cca-7xq2m1 ('uppercase-smt') to be READY; its last"
                + " phase was PROCESSING.", e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
}
