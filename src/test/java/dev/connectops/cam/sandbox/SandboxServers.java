package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sandbox's two servers, S3Proxy and the Confluent API stub, started and stopped together. Tests use this
 * directly; {@code Sandbox run} wraps it in a process.
 */
public final class SandboxServers implements AutoCloseable {

    private static final Duration S3PROXY_START_TIMEOUT = Duration.ofSeconds(60);

    private final WorkDir workDir;
    private final Path s3proxyJar;
    private final int apiPort;
    private final int s3Port;

    // Guarded by this: close() may run on a shutdown hook while start() is still waiting on S3Proxy.
    private S3ProxyProcess s3proxy;
    private ConfluentApiStub api;
    private boolean closed;

    /** Ports 0 mean: pick free loopback ports. */
    public SandboxServers(Path workDir, Path s3proxyJar, int apiPort, int s3Port) {
        this.workDir = new WorkDir(workDir);
        this.s3proxyJar = s3proxyJar;
        this.apiPort = apiPort;
        this.s3Port = s3Port;
    }

    /** Starts both servers and returns once both answer; on failure nothing is left running. */
    public SandboxServers start() throws IOException, InterruptedException {
        try {
            S3ProxyProcess process = S3ProxyProcess.launch(s3proxyJar, workDir, s3Port);
            synchronized (this) {
                s3proxy = process;
                if (closed) {
                    throw new IOException("sandbox stopped while starting");
                }
            }
            process.awaitReady(S3PROXY_START_TIMEOUT);
            ConfluentApiStub stub = ConfluentApiStub.start(apiPort, uploadUrl(), dataDir());
            synchronized (this) {
                api = stub;
                if (closed) {
                    throw new IOException("sandbox stopped while starting");
                }
            }
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public String apiUrl() {
        return api().url();
    }

    public int apiPort() {
        return api().port();
    }

    /** S3Proxy's endpoint, {@code http://127.0.0.1:PORT}. */
    public String s3Url() {
        return s3proxy().endpoint();
    }

    /** The path-style bucket URL that presigned uploads go to. */
    public String uploadUrl() {
        return s3Url() + "/" + Sandbox.BUCKET;
    }

    public String bucket() {
        return Sandbox.BUCKET;
    }

    /** S3Proxy's filesystem store: an uploaded object is the file {@code dataDir/<bucket>/<key>}. */
    public Path dataDir() {
        return workDir.dataDir();
    }

    public long s3proxyPid() {
        return s3proxy().pid();
    }

    /** Stops both servers; safe to call more than once and from any thread. */
    @Override
    public void close() {
        ConfluentApiStub stopApi;
        S3ProxyProcess stopS3;
        synchronized (this) {
            closed = true;
            stopApi = api;
            stopS3 = s3proxy;
            api = null;
            s3proxy = null;
        }
        if (stopApi != null) {
            stopApi.close();
        }
        if (stopS3 != null) {
            stopS3.close();
        }
    }

    private synchronized S3ProxyProcess s3proxy() {
        if (s3proxy == null) {
            throw new IllegalStateException("sandbox is not running");
        }
        return s3proxy;
    }

    private synchronized ConfluentApiStub api() {
        if (api == null) {
            throw new IllegalStateException("sandbox is not running");
        }
        return api;
    }
}
