package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code run}: starts the sandbox, publishes its coordinates, and keeps it up until asked to stop. */
final class RunCommand {

    private static final int LOG_TAIL_LINES = 40;
    private static final long STOP_FILE_POLL_MILLIS = 200;
    private static final long WATCH_PARENT = -1;

    private final WorkDir workDir;
    private final Path s3proxyJar;
    private final int apiPort;
    private final int s3Port;
    private final long watchPid;
    private final CompletableFuture<String> stopRequest = new CompletableFuture<>();
    private boolean stopped; // guarded by this

    RunCommand(CommandLine commandLine) throws CommandLine.UsageException {
        this.workDir = new WorkDir(commandLine.path("work-dir"));
        this.s3proxyJar = commandLine.path("s3proxy-jar").toAbsolutePath();
        this.apiPort = commandLine.integer("api-port", 0, 0, 65535);
        this.s3Port = commandLine.integer("s3-port", 0, 0, 65535);
        this.watchPid = commandLine.longInteger("watch-pid", WATCH_PARENT);
    }

    int call() {
        try {
            Files.createDirectories(workDir.dir());
            // Stale files from an earlier run would make await or this run's stop-file watch act on old news.
            Files.deleteIfExists(workDir.properties());
            Files.deleteIfExists(workDir.stopFile());
            Files.deleteIfExists(workDir.failedFile());
            WorkDir.writeAtomically(workDir.pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            System.err.println("sandbox failed to start: cannot prepare " + workDir.dir() + ": " + e);
            return 1;
        }

        SandboxServers servers = new SandboxServers(workDir.dir(), s3proxyJar, apiPort, s3Port);
        Thread hook = new Thread(() -> {
            stopRequest.complete("the JVM is shutting down (signal or System.exit)");
            shutdown(servers);
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            servers.start();
            WorkDir.writeAtomically(workDir.properties(), WorkDir.propertiesText(coordinates(servers)));
        } catch (IOException | RuntimeException | InterruptedException e) {
            reportStartFailure(e);
            cleanUp(servers);
            removeHook(hook);
            return 1;
        }

        System.out.println("sandbox ready: api=" + servers.apiUrl() + " s3=" + servers.s3Url() + " data="
                + servers.dataDir());
        System.out.flush();
        watchProcess();
        watchStopFile();

        String reason = stopRequest.join();
        System.out.println("sandbox stopping: " + reason);
        shutdown(servers);
        removeHook(hook);
        return 0;
    }

    private Map<String, String> coordinates(SandboxServers servers) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("apiUrl", servers.apiUrl());
        values.put("s3Url", servers.s3Url());
        values.put("bucket", servers.bucket());
        values.put("dataDir", servers.dataDir().toString());
        values.put("apiKey", Sandbox.API_KEY);
        values.put("apiSecret", Sandbox.API_SECRET);
        values.put("pid", Long.toString(ProcessHandle.current().pid()));
        values.put("s3proxyPid", Long.toString(servers.s3proxyPid()));
        return values;
    }

    /** A killed Maven (or script) must not leave a sandbox behind, so the sandbox ends with the process that made it. */
    private void watchProcess() {
        if (watchPid == 0) {
            return;
        }
        Optional<ProcessHandle> watched =
                watchPid == WATCH_PARENT ? ProcessHandle.current().parent() : ProcessHandle.of(watchPid);
        if (watched.isEmpty()) {
            if (watchPid != WATCH_PARENT) {
                stopRequest.complete("watched process " + watchPid + " is not running");
            }
            return;
        }
        ProcessHandle process = watched.get();
        process.onExit().thenRun(() -> stopRequest.complete("process " + process.pid() + " exited"));
    }

    private void watchStopFile() {
        Thread watcher = new Thread(() -> {
            while (!stopRequest.isDone()) {
                if (Files.exists(workDir.stopFile())) {
                    stopRequest.complete(workDir.stopFile() + " appeared");
                    return;
                }
                try {
                    Thread.sleep(STOP_FILE_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sandbox-stop-file");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void shutdown(SandboxServers servers) {
        if (cleanUp(servers)) {
            System.out.println("sandbox stopped");
            System.out.flush();
        }
    }

    /**
     * Stops the servers and withdraws the coordinates; true for the one call that did it. Synchronized so that a
     * shutdown hook arriving mid-way (stop sends SIGTERM right after creating the stop file) waits for the
     * cleanup instead of letting the JVM exit under it.
     */
    private synchronized boolean cleanUp(SandboxServers servers) {
        if (stopped) {
            return false;
        }
        stopped = true;
        servers.close();
        try {
            Files.deleteIfExists(workDir.properties());
            Files.deleteIfExists(workDir.pidFile());
            Files.deleteIfExists(workDir.stopFile());
        } catch (IOException e) {
            System.err.println("sandbox: could not remove " + workDir.properties() + ": " + e);
        }
        return true;
    }

    private void reportStartFailure(Exception e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        System.err.println("sandbox failed to start: " + reason);
        WorkDir.printTail(workDir.s3proxyLog(), LOG_TAIL_LINES);
        System.err.flush();
        try {
            WorkDir.writeAtomically(workDir.failedFile(), reason + "\n");
        } catch (IOException ignored) {
            // await then falls back to its timeout
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }
}
