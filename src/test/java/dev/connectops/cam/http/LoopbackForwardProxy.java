package dev.connectops.cam.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forward proxy on the loopback interface, for tests that send real traffic through a proxy the way a
 * corporate one would see it: absolute-URI requests ({@code POST http://host:port/path}) with a
 * {@code Content-Length} body, and {@code CONNECT host:port} tunnels. Bodies are streamed through, never held.
 * With credentials it demands HTTP Basic proxy authentication and answers anything else with 407 and
 * {@code Proxy-Authenticate: Basic realm="test"}. It forwards only to loopback hosts, so nothing a test sends
 * can leave the machine, and only bodies with a Content-Length: a chunked request is refused with 411, which
 * the plugin (fixed Content-Length, SPEC section 3) must never cause.
 *
 * <p>Every request it received is kept as an {@link Exchange}, recorded before the answer is sent, so a client
 * that has its response can rely on the record being there. One request per connection keeps it small: the
 * proxy asks the origin to close, and closes the client connection after the answer.
 */
public final class LoopbackForwardProxy implements AutoCloseable {
    /** What the request said to the proxy about credentials. */
    public enum ProxyAuthorization {
        /** No Proxy-Authorization header. */
        ABSENT,
        /** The Basic credentials this proxy demands. */
        EXPECTED,
        /** A Proxy-Authorization header with other credentials, or one this proxy did not ask for. */
        UNEXPECTED
    }

    /**
     * One request the proxy received.
     *
     * @param method the request method ({@code CONNECT} for a tunnel)
     * @param target the absolute URI, or {@code host:port} for CONNECT
     * @param proxyAuthorization how the request authenticated to the proxy
     * @param authorizationHeader whether the request carried an {@code Authorization} header (meant for the
     *     origin, which the proxy passes on unchanged)
     * @param bodyBytes request body bytes passed on to the origin
     * @param status the status the client got: the origin's, or the proxy's own (200 for an open tunnel, 403 for
     *     a target that is not loopback, 407, 411)
     */
    public record Exchange(String method, String target, ProxyAuthorization proxyAuthorization,
            boolean authorizationHeader, long bodyBytes, int status) {

        /** Whether the proxy passed the request on (or opened the tunnel). */
        public boolean forwarded() {
            return status != 403 && status != 407 && status != 411;
        }
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-connection", "proxy-authenticate", "te", "trailer", "upgrade");

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-forward-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private LoopbackForwardProxy(ServerSocket server, String expectedAuthorization) {
        this.server = server;
        this.expectedAuthorization = expectedAuthorization;
    }

    /** A proxy that asks for no credentials, on a free loopback port. */
    public static LoopbackForwardProxy start() throws IOException {
        return start(null, null);
    }

    /** A proxy that demands these Basic credentials (none when username is null), on a free loopback port. */
    public static LoopbackForwardProxy start(String username, String password) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String expected = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        LoopbackForwardProxy proxy = new LoopbackForwardProxy(server, expected);
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every request received so far, oldest first. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            threads.execute(() -> {
                try (client) {
                    serve(client);
                } catch (IOException e) {
                    // The client or the origin went away; the exchange is already recorded or never began.
                } finally {
                    open.remove(client);
                }
            });
        }
    }

    private void serve(Socket client) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        List<String> head = readHead(in);
        if (head == null) {
            return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (requestLine.length != 3) {
            answer(out, 400, "Bad Request", null);
            return;
        }
        List<String[]> headers = headers(head);
        String method = requestLine[0];
        ProxyAuthorization auth = proxyAuthorization(header(headers, "Proxy-Authorization"));
        boolean authorization = header(headers, "Authorization") != null;
        if (method.equals("CONNECT")) {
            tunnel(in, out, requestLine[1], auth, authorization);
        } else {
            forward(in, out, method, requestLine[1], requestLine[2], headers, auth, authorization);
        }
    }

    private void forward(InputStream in, OutputStream out, String method, String target, String version,
            List<String[]> headers, ProxyAuthorization auth, boolean authorization) throws IOException {
        String length = header(headers, "Content-Length");
        long bodyLength = length == null ? 0 : Long.parseLong(length.strip());
        if (header(headers, "Transfer-Encoding") != null) {
            refuse(out, new Exchange(method, target, auth, authorization, 0, 411), "Length Required");
            return;
        }
        if (!authenticated(auth)) {
            // Read the body first, as a proxy that reads before it answers: the client then sees the 407
            // rather than a connection reset in the middle of its upload.
            in.skipNBytes(bodyLength);
            refuse(out, new Exchange(method, target, auth, authorization, 0, 407), "Proxy Authentication Required");
            return;
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            answer(out, 400, "Bad Request", null);
            return;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || !LoopbackHosts.isLoopback(uri.getHost())) {
            in.skipNBytes(bodyLength);
            refuse(out, new Exchange(method, target, auth, authorization, 0, 403), "Forbidden");
            return;
        }
        Socket origin = connect(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        try {
            OutputStream toOrigin = origin.getOutputStream();
            StringBuilder request = new StringBuilder(method).append(' ')
                    .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(version)
                    .append("\r\n");
            for (String[] header : headers) {
                if (!HOP_BY_HOP.contains(header[0].toLowerCase(Locale.ROOT))) {
                    request.append(header[0]).append(": ").append(header[1]).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            toOrigin.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            long sent = copy(in, toOrigin, bodyLength);
            toOrigin.flush();

            InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
            List<String> responseHead = readHead(fromOrigin);
            if (responseHead == null) {
                throw new EOFException("the origin closed the connection without an answer");
            }
            String[] statusLine = responseHead.get(0).split(" ", 3);
            exchanges.add(new Exchange(method, target, auth, authorization, sent, Integer.parseInt(statusLine[1])));
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                response.append(line).append("\r\n");
            }
            response.append("\r\n");
            out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
            fromOrigin.transferTo(out);
            out.flush();
        } finally {
            release(origin);
        }
    }

    private void tunnel(InputStream in, OutputStream out, String target, ProxyAuthorization auth,
            boolean authorization) throws IOException {
        if (!authenticated(auth)) {
            refuse(out, new Exchange("CONNECT", target, auth, authorization, 0, 407), "Proxy Authentication Required");
            return;
        }
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? target : target.substring(0, colon);
        if (colon < 0 || !LoopbackHosts.isLoopback(host)) {
            refuse(out, new Exchange("CONNECT", target, auth, authorization, 0, 403), "Forbidden");
            return;
        }
        Socket origin = connect(host.replace("[", "").replace("]", ""), Integer.parseInt(target.substring(colon + 1)));
        try {
            exchanges.add(new Exchange("CONNECT", target, auth, authorization, 0, 200));
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            threads.execute(() -> {
                try {
                    in.transferTo(origin.getOutputStream());
                    origin.shutdownOutput();
                } catch (IOException e) {
                    closeQuietly(origin);
                }
            });
            // The tunnel ends when the origin is done; closing both sockets then also stops the other direction.
            origin.getInputStream().transferTo(out);
            out.flush();
        } finally {
            release(origin);
        }
    }

    private boolean authenticated(ProxyAuthorization auth) {
        return expectedAuthorization == null || auth == ProxyAuthorization.EXPECTED;
    }

    private ProxyAuthorization proxyAuthorization(String value) {
        if (value == null) {
            return ProxyAuthorization.ABSENT;
        }
        return value.strip().equals(expectedAuthorization) ? ProxyAuthorization.EXPECTED
                : ProxyAuthorization.UNEXPECTED;
    }

    private void refuse(OutputStream out, Exchange exchange, String reason) throws IOException {
        exchanges.add(exchange);
        answer(out, exchange.status(), reason,
                exchange.status() == 407 ? "Proxy-Authenticate: Basic realm=\"test\"\r\n" : null);
    }

    private static void answer(OutputStream out, int status, String reason, String extraHeaders) throws IOException {
        byte[] body = ("<html><body><h1>" + status + " " + reason + "</h1></body></html>")
                .getBytes(StandardCharsets.ISO_8859_1);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n" + (extraHeaders == null ? "" : extraHeaders)
                + "Content-Type: text/html\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Socket connect(String host, int port) throws IOException {
        Socket origin = new Socket();
        open.add(origin);
        try {
            origin.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            open.remove(origin);
            origin.close();
            throw e;
        }
        return origin;
    }

    private void release(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    private static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("the client sent " + (length - remaining) + " of " + length + " body bytes");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
        return length;
    }

    /** The request or status line and the header lines, or null when the peer closed before sending any. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside a message head");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static List<String[]> headers(List<String> head) {
        List<String[]> headers = new ArrayList<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
        }
        return headers;
    }

    private static String header(List<String[]> headers, String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to stop; an error here changes nothing.
        }
    }
}
