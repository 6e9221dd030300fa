package dev.connectops.cam.service;

import dev.connectops.cam.api.ApiException;
import dev.connectops.cam.api.ConnectArtifact;
import dev.connectops.cam.http.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Waits until a new Connect Artifact is READY (or PROVISIONED). It polls after 2 s, then doubles the
 * interval up to 30 s, since processing takes seconds to minutes. FAILED ends the wait at once; any other
 * phase, known or not, keeps it going until {@code waitTimeout}, because the API's phase list is
 * extensible (Terraform's provider once failed on phases it did not know). The clock and the sleeper are
 * injected so that tests check every wait without sleeping.
 */
final class ArtifactReadiness {
    static final Duration FIRST_POLL = Duration.ofSeconds(2);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

    /** Reads the artifact once more. */
    @FunctionalInterface
    interface Poll {
        ConnectArtifact read() throws ApiException, TransferException;
    }

    /** Hears of every phase the artifact enters while being waited for. */
    @FunctionalInterface
    interface PhaseListener {
        void entered(ConnectArtifact artifact) throws IOException;
    }

    private final BuildLog log;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;

    ArtifactReadiness(BuildLog log, Clock clock, RetryPolicy.Sleeper sleeper) {
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param created the artifact as the create call returned it
     * @param name its display name, for messages
     * @return the artifact as last read, READY or PROVISIONED
     * @throws ArtifactNotReadyException when it FAILED or was not ready within {@code timeout}
     */
    ConnectArtifact await(ConnectArtifact created, String name, Duration timeout, Poll poll, PhaseListener listener)
            throws ApiException, TransferException, ArtifactNotReadyException, IOException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        ConnectArtifact current = created;
        Duration interval = FIRST_POLL;
        if (!current.isReady() && !current.hasFailed()) {
            log.info(String.format(Locale.ROOT, "Waiting up to %d s for Connect Artifact %s to be READY (now %s).",
                    timeout.toSeconds(), created.id(), created.shownPhase()));
        }
        while (true) {
            if (current.isReady()) {
                return current;
            }
            if (current.hasFailed()) {
                throw failed(current, name);
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw timedOut(current, name, timeout);
            }
            Duration wait = interval.compareTo(left) < 0 ? interval : left;
            log.debug(String.format(Locale.ROOT, "Connect Artifact %s is %s; next check in %d s.", current.id(),
                    current.shownPhase(), wait.toSeconds()));
            sleep(wait, current, name);
            ConnectArtifact next = poll.read();
            if (!samePhase(current, next)) {
                log.info(String.format(Locale.ROOT, "Connect Artifact %s is %s (after %d s).", next.id(),
                        next.shownPhase(), Duration.between(start, clock.instant()).toSeconds()));
                listener.entered(next);
            }
            current = next;
            Duration doubled = interval.multipliedBy(2);
            interval = doubled.compareTo(MAX_INTERVAL) < 0 ? doubled : MAX_INTERVAL;
        }
    }

    private void sleep(Duration wait, ConnectArtifact current, String name) throws ArtifactNotReadyException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactNotReadyException("Interrupted while waiting for Connect Artifact " + current.id() + " ('"
                    + name + "') to be READY; its last phase was " + current.shownPhase() + ".", current.id(),
                    current.phase());
        }
    }

    private static boolean samePhase(ConnectArtifact a, ConnectArtifact b) {
        return a.phase() == null ? b.phase() == null : a.phase().equalsIgnoreCase(b.phase());
    }

    private static ArtifactNotReadyException failed(ConnectArtifact artifact, String name) {
        String reason = artifact.statusDetail() == null ? "" : " (" + artifact.statusDetail() + ")";
        return new ArtifactNotReadyException("Connect Artifact " + artifact.id() + " ('" + name + "') FAILED" + reason
                + ": Confluent Cloud could not process the uploaded archive. Check that it is a Connect plugin or SMT"
                + " archive with its classes and dependencies; then delete the failed artifact, or choose a new"
                + " artifactName, and run again.", artifact.id(), artifact.phase());
    }

    private static ArtifactNotReadyException timedOut(ConnectArtifact artifact, String name, Duration timeout) {
        return new ArtifactNotReadyException(String.format(Locale.ROOT, "Connect Artifact %s ('%s') was not READY"
                + " within %d s (waitTimeout); its last phase was %s. It may still become READY: check it in the"
                + " Confluent Cloud Console, wait longer with -Dcam.waitTimeout=<seconds>, or skip the wait with"
                + " -Dcam.waitForReady=false.", artifact.id(), name, timeout.toSeconds(), artifact.shownPhase()),
                artifact.id(), artifact.phase());
    }
}
