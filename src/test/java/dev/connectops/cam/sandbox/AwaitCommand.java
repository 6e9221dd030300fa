package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** {@code await}: waits until a sandbox started with {@code run} publishes its coordinates and both servers answer. */
final class AwaitCommand {

    private static final int DEFAULT_TIMEOUT_SECONDS = 90;
    private static final int LOG_TAIL_LINES = 40;
    private static final long POLL_MILLIS = 250;
    // run deletes an old failure marker at start, but await may look first; a marker written longer ago than this
    // before await began is taken to be that old one.
    private static final long FAILED_MARKER_GRACE_MILLIS = 10_000;

    private final WorkDir workDir;
    private final int timeoutSeconds;

    AwaitCommand(CommandLine commandLine) throws CommandLine.UsageException {
        this.workDir = new WorkDir(commandLine.path("work-dir"));
        this.timeoutSeconds = commandLine.integer("timeout", DEFAULT_TIMEOUT_SECONDS, 1, 86_400);
    }

    int call() throws InterruptedException {
        long startedAt = System.currentTimeMillis();
        long deadline = startedAt + timeoutSeconds * 1000L;
        while (true) {
            String problem = problem();
            if (problem == null) {
                return 0;
            }
            String failure = freshFailure(startedAt);
            if (failure != null) {
                System.err.println("sandbox in " + workDir.dir() + " failed to start: " + failure);
                printLogs();
                return 1;
            }
            if (System.currentTimeMillis() > deadline) {
                System.err.println("sandbox in " + workDir.dir() + " did not come up within " + timeoutSeconds
                        + " s: " + problem);
                printLogs();
                return 1;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What is still missing, or null (after printing a line) when the sandbox is up. */
    private String problem() {
        Properties properties;
        try {
            properties = WorkDir.readProperties(workDir.properties());
        } catch (IOException e) {
            return "cannot read " + workDir.properties() + ": " + e;
        }
        if (properties == null) {
            return workDir.properties() + " does not exist";
        }
        String apiUrl = properties.getProperty("apiUrl");
        String s3Url = properties.getProperty("s3Url");
        if (apiUrl == null || s3Url == null) {
            return workDir.properties() + " lacks apiUrl or s3Url";
        }
        if (!HttpProbe.answers(apiUrl + "/")) {
            return "the API stub at " + apiUrl + " does not answer";
        }
        if (!HttpProbe.answers(s3Url + "/")) {
            return "S3Proxy at " + s3Url + " does not answer";
        }
        System.out.println("sandbox is up: api=" + apiUrl + " s3=" + s3Url + " data=" + properties.getProperty("dataDir"));
        return null;
    }

    private String freshFailure(long awaitStartedAt) {
        Path marker = workDir.failedFile();
        try {
            if (Files.getLastModifiedTime(marker).toMillis() < awaitStartedAt - FAILED_MARKER_GRACE_MILLIS) {
                return null;
            }
            return Files.readString(marker).strip();
        } catch (IOException absent) {
            return null;
        }
    }

    private void printLogs() {
        WorkDir.printTail(workDir.s3proxyLog(), LOG_TAIL_LINES);
        WorkDir.printTail(workDir.sandboxLog(), LOG_TAIL_LINES);
    }
}
