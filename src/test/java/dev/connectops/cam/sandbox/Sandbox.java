package dev.connectops.cam.sandbox;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A local stand-in for Confluent Cloud's presigned-upload and connect-artifacts API and its S3 bucket, for
 * integration tests and the README quick start.
 *
 * <pre>
 * run   --work-dir DIR --s3proxy-jar JAR [--api-port N] [--s3-port M] [--watch-pid PID]
 * await --work-dir DIR [--timeout SECONDS]
 * stop  --work-dir DIR
 * </pre>
 */
public final class Sandbox {

    /** The Cloud API key the sandbox accepts (HTTP Basic user name). */
    public static final String API_KEY = "CAMSANDBOXKEY001";
    /** The Cloud API secret the sandbox accepts (HTTP Basic password). */
    public static final String API_SECRET = "cam-sandbox-secret-2d7f4c1e9b8a6f3d5c0e1a2b4c6d8e0f";

    public static final String S3_ACCESS_KEY = "sandbox-access-key";
    public static final String S3_SECRET_KEY = "sandbox-secret-key";
    public static final String S3_REGION = "us-east-1";
    public static final String S3_SESSION_TOKEN = "sandbox-session-token";
    public static final String BUCKET = "cam-sandbox";

    /**
     * The WireMock response transformer that answers a presign request. A test stub names it, optionally with the
     * parameters {@code expiresInSeconds}, {@code minBytes}, {@code maxBytes} and {@code signingSecret}.
     */
    public static final String PRESIGN_TRANSFORMER = "cam-presign";

    /**
     * The WireMock response transformer that creates and reads Connect Artifacts. A test's POST stub may give it the
     * parameter {@code phases} (comma-separated, e.g. {@code PROCESSING,FAILED}): the phases the polls walk through.
     */
    public static final String CONNECT_ARTIFACTS_TRANSFORMER = "cam-connect-artifacts";

    private static final String USAGE = String.join("\n",
            "usage: java -cp <test-classes>:<wiremock-standalone.jar> " + Sandbox.class.getName() + " COMMAND ...",
            "  run   --work-dir DIR --s3proxy-jar JAR [--api-port N] [--s3-port M] [--watch-pid PID]",
            "        start S3Proxy and the API stub (ports 0 = any free port), write DIR/sandbox.properties and",
            "        stay up until SIGTERM, DIR/stop appears, or the watched process (default: the parent) exits;",
            "        --watch-pid 0 watches nothing",
            "  await --work-dir DIR [--timeout SECONDS]   wait until the sandbox answers (default 90 s)",
            "  stop  --work-dir DIR                       stop the sandbox running in DIR");

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "run", Set.of("work-dir", "s3proxy-jar", "api-port", "s3-port", "watch-pid"),
            "await", Set.of("work-dir", "timeout"),
            "stop", Set.of("work-dir"));

    private Sandbox() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit status; {@code run} returns only when the sandbox has stopped. */
    static int execute(String... args) {
        try {
            CommandLine commandLine = CommandLine.parse(Arrays.asList(args), OPTIONS);
            return switch (commandLine.command()) {
                case "run" -> new RunCommand(commandLine).call();
                case "await" -> new AwaitCommand(commandLine).call();
                default -> new StopCommand(commandLine).call();
            };
        } catch (CommandLine.UsageException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("sandbox: interrupted");
            return 1;
        }
    }
}
