package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code stop}: ends the sandbox running in a work directory, and S3Proxy with it. */
final class StopCommand {

    private static final long STOP_FILE_SECONDS = 5;
    private static final long GRACE_SECONDS = 20;
    private static final long FORCED_SECONDS = 5;
    // Process start times and file times come from different clocks and resolutions.
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private final WorkDir workDir;

    StopCommand(CommandLine commandLine) throws CommandLine.UsageException {
        this.workDir = new WorkDir(commandLine.path("work-dir"));
    }

    /** A pid as written down in {@code file}. */
    private record Recorded(long pid, Path file) {
    }

    int call() {
        Properties properties = readQuietly();
        Optional<Recorded> recorded = sandboxPid(properties);
        if (recorded.isEmpty()) {
            System.out.println("sandbox: nothing running in " + workDir.dir() + " (no sandbox.properties or sandbox.pid)");
            return 0;
        }
        long pid = recorded.get().pid();
        touchStopFile();
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            System.out.println("sandbox: nothing running in " + workDir.dir() + " (process " + pid + " has exited)");
            // A sandbox killed with SIGKILL cannot take its S3Proxy down with it.
            longValue(properties, "s3proxyPid")
                    .flatMap(s3pid -> live(new Recorded(s3pid, workDir.properties()), workDir.s3proxyConf().toString()))
                    .ifPresent(StopCommand::end);
            cleanUp();
            return 0;
        }
        Optional<ProcessHandle> sandbox = live(recorded.get(), Sandbox.class.getName());
        if (sandbox.isEmpty()) {
            System.out.println("sandbox: process " + pid + " is not the sandbox recorded in " + recorded.get().file()
                    + " (pid reused, or run inside another JVM); left it alone and created " + workDir.stopFile());
            return 0;
        }
        // Collected first: once the sandbox is gone its S3Proxy is no longer its descendant.
        List<ProcessHandle> children = sandbox.get().descendants().toList();
        // A sandbox that leaves on its own, through the stop file, exits 0; a signal would make that 143, which
        // exec-maven-plugin reports as a failed async process.
        if (!awaitExit(sandbox.get(), STOP_FILE_SECONDS)) {
            end(sandbox.get());
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(StopCommand::end);
        cleanUp();
        System.out.println("sandbox: stopped process " + pid);
        return 0;
    }

    private static void end(ProcessHandle process) {
        process.destroy();
        if (!awaitExit(process, GRACE_SECONDS)) {
            System.out.println("sandbox: process " + process.pid() + " did not stop within " + GRACE_SECONDS
                    + " s; killing it");
            process.destroyForcibly();
            awaitExit(process, FORCED_SECONDS);
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * The live process behind a recorded pid, unless the pid now belongs to another process: one that started
     * after the record was written, or whose arguments (where the system reports them; Linux stops at 4 KiB of
     * command line) lack {@code marker}.
     */
    private static Optional<ProcessHandle> live(Recorded recorded, String marker) {
        return ProcessHandle.of(recorded.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> startedBefore(p, recorded.file()))
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker)).orElse(true));
    }

    private static boolean startedBefore(ProcessHandle process, Path record) {
        Optional<Instant> started = process.info().startInstant();
        try {
            Instant written = Files.getLastModifiedTime(record).toInstant();
            return started.map(s -> !s.isAfter(written.plus(CLOCK_SLACK))).orElse(true);
        } catch (IOException e) {
            return true;
        }
    }

    private Properties readQuietly() {
        try {
            Properties properties = WorkDir.readProperties(workDir.properties());
            return properties != null ? properties : new Properties();
        } catch (IOException e) {
            return new Properties();
        }
    }

    private Optional<Recorded> sandboxPid(Properties properties) {
        Optional<Long> fromProperties = longValue(properties, "pid");
        if (fromProperties.isPresent()) {
            return Optional.of(new Recorded(fromProperties.get(), workDir.properties()));
        }
        try {
            return Optional.of(new Recorded(Long.parseLong(Files.readString(workDir.pidFile()).strip()),
                    workDir.pidFile()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> longValue(Properties properties, String key) {
        try {
            return Optional.ofNullable(properties.getProperty(key)).map(value -> Long.valueOf(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void touchStopFile() {
        try {
            if (!Files.exists(workDir.stopFile())) {
                Files.createFile(workDir.stopFile());
            }
        } catch (IOException e) {
            System.err.println("sandbox: could not create " + workDir.stopFile() + ": " + e);
        }
    }

    private void cleanUp() {
        try {
            Files.deleteIfExists(workDir.stopFile());
            Files.deleteIfExists(workDir.properties());
            Files.deleteIfExists(workDir.pidFile());
        } catch (IOException e) {
            System.err.println("sandbox: could not clean up " + workDir.dir() + ": " + e);
        }
    }
}
