package dev.connectops.cam.sandbox;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import java.nio.file.Path;
import java.time.Clock;

/** The stand-in for the Confluent Cloud API: WireMock on loopback, with its request journal for tests to read. */
final class ConfluentApiStub implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    // Bounded so that a sandbox left running for a long quick-start session does not grow without limit.
    private static final int JOURNAL_ENTRIES = 1000;

    private final WireMockServer server;

    private ConfluentApiStub(WireMockServer server) {
        this.server = server;
    }

    /**
     * Starts on {@code port} (0: any free port); presigned URLs point at {@code uploadUrl}, and an artifact can be
     * created only from an upload whose object is in S3Proxy's {@code dataDir}.
     */
    static ConfluentApiStub start(int port, String uploadUrl, Path dataDir) {
        ConnectArtifactStore artifacts = new ConnectArtifactStore(dataDir);
        WireMockServer server = new WireMockServer(options()
                .bindAddress(HOST)
                .port(port)
                .notifier(new QuietNotifier())
                .stubRequestLoggingDisabled(true)
                .maxRequestJournalEntries(JOURNAL_ENTRIES)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .gzipDisabled(true)
                .mappingSource(new DefaultStubs())
                .extensions(new PresignTransformer(uploadUrl, artifacts, Clock.systemUTC()),
                        new ConnectArtifactTransformer(artifacts, Clock.systemUTC()), new NotFoundTransformer()));
        server.start();
        return new ConfluentApiStub(server);
    }

    int port() {
        return server.port();
    }

    String url() {
        return "http://" + HOST + ":" + port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
