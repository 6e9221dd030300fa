package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy in a JVM of its own (its jar bundles about 150 libraries that must not meet the test classpath), with a
 * filesystem store so that uploaded objects are plain files under {@code data/<bucket>/<key>}.
 */
final class S3ProxyProcess implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    // S3Proxy buffers a form POST whole; the policy's content-length-range, not this cap, should decide.
    private static final long MAX_NON_CHUNKED_REQUEST_BYTES = 1L << 30;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path log;

    private S3ProxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Writes the configuration, creates the bucket directory and starts the JVM; does not wait for it. */
    static S3ProxyProcess launch(Path jar, WorkDir workDir, int port) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Proxy jar not found: " + jar.toAbsolutePath());
        }
        int chosenPort = port == 0 ? freeLoopbackPort() : port;
        Files.createDirectories(workDir.dataDir().resolve(Sandbox.BUCKET));
        Files.writeString(workDir.s3proxyConf(), configuration(workDir, chosenPort));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The status listener keeps logback's own start-up chatter out of the log tail shown on failure.
        Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "-jar",
                jar.toAbsolutePath().toString(), "--properties", workDir.s3proxyConf().toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.s3proxyLog().toFile())
                .start();
        return new S3ProxyProcess(process, chosenPort, workDir.s3proxyLog());
    }

    /** Waits until S3Proxy answers HTTP; fails early when the JVM exits. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!HttpProbe.answers(endpoint() + "/")) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with status " + process.exitValue() + " before it answered on "
                        + endpoint() + " (see " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not answer on " + endpoint() + " within " + timeout.toSeconds()
                        + " s (see " + log + ")");
            }
            Thread.sleep(100);
        }
    }

    String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String configuration(WorkDir workDir, int port) throws IOException {
        Properties conf = new Properties();
        conf.setProperty("s3proxy.endpoint", "http://" + HOST + ":" + port);
        conf.setProperty("s3proxy.authorization", "aws-v4");
        conf.setProperty("s3proxy.identity", Sandbox.S3_ACCESS_KEY);
        conf.setProperty("s3proxy.credential", Sandbox.S3_SECRET_KEY);
        conf.setProperty("s3proxy.v4-max-non-chunked-request-size", Long.toString(MAX_NON_CHUNKED_REQUEST_BYTES));
        conf.setProperty("jclouds.provider", "filesystem");
        conf.setProperty("jclouds.filesystem.basedir", workDir.dataDir().toString());
        StringWriter text = new StringWriter();
        conf.store(text, "S3Proxy for the cam-maven-plugin sandbox");
        return text.toString();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
