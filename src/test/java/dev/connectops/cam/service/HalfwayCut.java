package dev.connectops.cam.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of the upload host that resets its first connection half-way through the
 * request body, as a dropped connection looks in the middle of an upload, and passes every later
 * connection through. WireMock's own faults strike only after it has read the whole request, so they
 * cannot show what the client does when the body is cut off.
 */
final class HalfwayCut implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "halfway-cut");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytesBeforeCut = new AtomicLong(-1);
    private final AtomicLong announcedLength = new AtomicLong(-1);

    HalfwayCut(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far, the cut one included. */
    int connections() {
        return connections.get();
    }

    /** Bytes of the first request's body that arrived before the reset; -1 before the cut. */
    long bodyBytesBeforeCut() {
        return bodyBytesBeforeCut.get();
    }

    /** The Content-Length of the cut request. */
    long announcedLength() {
        return announcedLength.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (connections.incrementAndGet() == 1) {
                threads.execute(() -> cut(client));
            } else {
                threads.execute(() -> relay(client));
            }
        }
    }

    private void cut(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            long length = contentLength(headers(in));
            announcedLength.set(length);
            in.skipNBytes(length / 2);
            bodyBytesBeforeCut.set(length / 2);
            // Linger 0 turns the close into a reset, which is what a dropped connection looks like.
            client.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new IllegalStateException("the request to cut did not arrive", e);
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            var toUpstream = threads.submit(() -> pump(client, upstream));
            pump(upstream, client);
            toUpstream.get();
        } catch (Exception e) {
            // The client or the server hung up; nothing to relay any more.
        }
    }

    private static Void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side went away; the other is told below.
        }
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            // Already closed.
        }
        return null;
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (lastFour == 0x0D0A0D0A) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("the connection closed inside the request headers");
    }

    private static long contentLength(String headers) throws IOException {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        throw new IOException("the request has no Content-Length");
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
