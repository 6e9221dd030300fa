import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's upload host and Confluent API stand-in, on one loopback port.
 *
 * <p>{@code POST /cam/v1/presigned-upload-url} answers a presigned form shaped like the real one (same
 * field names, a base64 policy with an expiry and a content-length-range, a long session token), pointing
 * at this sink. Any other {@code POST} is taken as an S3 browser-POST upload: the multipart body is parsed
 * as it arrives, the text fields are kept (they are small), the {@code file} part is fed to MD5 and
 * discarded, and the answer is 204 with that MD5 as the ETag, as S3 does. Nothing holds the body, so the
 * sink runs in a few MiB of heap whatever the archive's size; the benchmark starts it with a small
 * {@code -Xmx} to prove that.
 *
 * <p>Each upload adds one line to the log: {@code upload bytes=<file part size> md5=<hex> fields=<names>
 * file=<filename>}, or {@code rejected <reason>}; each accepted connection adds {@code connection from
 * port <n>}.
 *
 * <p>Usage: {@code LoopbackSink <port-file> <form-file> [--no-md5] [--rate <bytes per second>]}. It listens on a free port of
 * 127.0.0.1, writes the port to {@code port-file} once it accepts connections, writes one presigned form
 * (URL line, then one {@code name<TAB>value} line per field) to {@code form-file} for clients that do not
 * ask the API, and runs until killed. With {@code --no-md5} it parses the body the same way but skips the
 * MD5 and answers without an ETag: on a machine with few cores that shows what the client side alone
 * costs, without the sink's own digest competing for a core. With {@code --rate} it reads each request body
 * no faster than that, as a real link would carry it: then neither client's CPU use matters, only whether
 * it keeps the link full.
 */
public final class LoopbackSink {
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_FIELD = 64 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=\"?([^\";]+)\"?");
    private static final Pattern PART_NAME =
            Pattern.compile("(?i)content-disposition:\\s*form-data;.*?\\bname=\"([^\"]*)\"");
    private static final Pattern PART_FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");
    private static final Pattern JSON_STRING =
            Pattern.compile("\"(content_format|environment|cloud)\"\\s*:\\s*\"([^\"]*)\"");

    private final ServerSocket server;
    private final PrintStream log;
    private final boolean md5;
    private final long bytesPerSecond;
    private final SecureRandom random = new SecureRandom();

    private LoopbackSink(ServerSocket server, PrintStream log, boolean md5, long bytesPerSecond) {
        this.server = server;
        this.log = log;
        this.md5 = md5;
        this.bytesPerSecond = bytesPerSecond;
    }

    public static void main(String[] args) throws IOException {
        boolean md5 = true;
        long bytesPerSecond = 0;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--no-md5")) {
                md5 = false;
            } else if (args[i].equals("--rate") && i + 1 < args.length) {
                bytesPerSecond = Long.parseLong(args[++i]);
            } else {
                args = new String[0];
            }
        }
        if (args.length < 2) {
            System.err.println("usage: LoopbackSink <port-file> <form-file> [--no-md5] [--rate <bytes per second>]");
            System.exit(2);
        }
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LoopbackSink sink = new LoopbackSink(server, System.out, md5, bytesPerSecond);
        Map<String, String> form = sink.formFields(Long.MAX_VALUE);
        StringBuilder formFile = new StringBuilder(sink.uploadUrl()).append('\n');
        form.forEach((name, value) -> formFile.append(name).append('\t').append(value).append('\n'));
        Files.writeString(Path.of(args[1]), formFile);
        Path portFile = Path.of(args[0]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(server.getLocalPort()));
        Files.move(partial, portFile);
        sink.serve();
    }

    private void serve() throws IOException {
        while (true) {
            Socket socket = server.accept();
            // Counted by the benchmark: one per build shows the API call and the upload share a connection.
            log.println("connection from port " + socket.getPort());
            Thread connection = new Thread(() -> handle(socket), "sink-" + socket.getPort());
            connection.setDaemon(true);
            connection.start();
        }
    }

    private String uploadUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/confluent-custom-connectors-bench/";
    }

    /** One connection: requests in a row while the client keeps it alive. */
    private void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                if (!respond(request, in, out) || request.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            log.println("rejected connection error: " + e);
        }
    }

    /** Answers one request; false when the connection cannot carry another one. */
    private boolean respond(Request request, InputStream in, OutputStream out) throws IOException {
        if (request.header("transfer-encoding") != null) {
            // The plugin and curl both send a Content-Length; chunked would be a finding in itself.
            log.println("rejected chunked request body");
            send(out, 411, "Length Required", Map.of(), "");
            return false;
        }
        long length = request.contentLength();
        if ("100-continue".equalsIgnoreCase(request.header("expect"))) {
            // curl asks before large bodies; answering at once keeps it from waiting a second.
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        InputStream body = new BoundedInputStream(in, length, bytesPerSecond);
        if (!"POST".equals(request.method())) {
            body.transferTo(OutputStream.nullOutputStream());
            send(out, 404, "Not Found", Map.of(), "");
        } else if (request.path().equals("/cam/v1/presigned-upload-url")) {
            presign(request, body, out);
        } else {
            upload(request, body, out);
        }
        return true;
    }

    private void presign(Request request, InputStream body, OutputStream out) throws IOException {
        String json = new String(body.readNBytes(MAX_FIELD), StandardCharsets.UTF_8);
        body.transferTo(OutputStream.nullOutputStream());
        if (request.header("authorization") == null || !request.header("authorization").startsWith("Basic ")) {
            send(out, 401, "Unauthorized", Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"status\":\"401\",\"detail\":\"Basic credentials are required\"}]}");
            return;
        }
        Map<String, String> asked = new LinkedHashMap<>();
        Matcher m = JSON_STRING.matcher(json);
        while (m.find()) {
            asked.put(m.group(1), m.group(2));
        }
        String uploadId = UUID.randomUUID().toString();
        StringBuilder answer = new StringBuilder("{\"api_version\":\"cam/v1\",\"kind\":\"PresignedUrl\"")
                .append(",\"content_format\":\"").append(asked.getOrDefault("content_format", "ZIP")).append('"')
                .append(",\"cloud\":\"").append(asked.getOrDefault("cloud", "AWS")).append('"')
                .append(",\"environment\":\"").append(asked.getOrDefault("environment", "env-bench")).append('"')
                .append(",\"upload_id\":\"").append(uploadId).append('"')
                .append(",\"upload_url\":\"").append(uploadUrl()).append('"')
                .append(",\"upload_form_data\":{");
        String separator = "";
        for (Map.Entry<String, String> field : formFields(Long.MAX_VALUE).entrySet()) {
            answer.append(separator).append('"').append(field.getKey()).append("\":\"").append(field.getValue())
                    .append('"');
            separator = ",";
        }
        answer.append("}}");
        send(out, 200, "OK", Map.of("Content-Type", "application/json", "X-Request-Id", "bench-" + uploadId),
                answer.toString());
    }

    /** A form with the field names, order and value sizes of a real CAM presigned POST. */
    private Map<String, String> formFields(long maxBytes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String credential = "ASIA" + token(12).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X") + "/"
                + date.substring(0, 8) + "/us-west-2/s3/aws4_request";
        String key = "staging/ccp/v1/" + UUID.randomUUID() + "/connect-" + UUID.randomUUID() + "/plugin.zip";
        String sessionToken = token(900);
        String policy = "{\"expiration\":\"" + now.plus(1, ChronoUnit.HOURS) + "\",\"conditions\":["
                + "{\"bucket\":\"confluent-custom-connectors-bench\"},{\"key\":\"" + key + "\"},"
                + "[\"content-length-range\",1," + Math.min(maxBytes, 5L * 1024 * 1024 * 1024) + "],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + credential + "\"},"
                + "{\"x-amz-date\":\"" + date + "\"},{\"x-amz-security-token\":\"" + sessionToken + "\"}]}";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", "confluent-custom-connectors-bench");
        fields.put("key", key);
        fields.put("policy", Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8)));
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", date);
        fields.put("x-amz-security-token", sessionToken);
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        fields.put("x-amz-signature", HexFormat.of().formatHex(signature));
        return fields;
    }

    private String token(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    private void upload(Request request, InputStream body, OutputStream out) throws IOException {
        String contentType = request.header("content-type");
        Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundary == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !boundary.find()) {
            body.transferTo(OutputStream.nullOutputStream());
            reject(out, "not multipart/form-data: " + contentType);
            return;
        }
        String problem;
        MultipartReader.Result result = null;
        try {
            result = new MultipartReader(body, boundary.group(1), md5).read();
            problem = result.problem();
        } catch (EOFException e) {
            problem = "body ended early: " + e.getMessage();
        }
        body.transferTo(OutputStream.nullOutputStream());
        if (problem != null) {
            reject(out, problem);
            return;
        }
        log.println("upload bytes=" + result.fileBytes() + " md5=" + result.md5() + " fields="
                + String.join(",", result.fieldNames()) + " file=" + result.fileName());
        Map<String, String> headers = new LinkedHashMap<>();
        if (result.md5() != null) {
            headers.put("ETag", "\"" + result.md5() + "\"");
        }
        headers.put("x-amz-request-id", "BENCH" + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT));
        send(out, 204, "No Content", headers, "");
    }

    private void reject(OutputStream out, String reason) throws IOException {
        log.println("rejected " + reason);
        send(out, 400, "Bad Request", Map.of("Content-Type", "application/xml"),
                "<Error><Code>MalformedPOSTRequest</Code><Message>" + reason.replace("<", "&lt;")
                        + "</Message></Error>");
    }

    private static void send(OutputStream out, int status, String reason, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
    }

    /** Request line and headers; the body stays in the stream. */
    private record Request(String method, String path, Map<String, String> headers) {
        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b == -1) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed inside a request head");
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > MAX_HEAD) {
                    throw new IOException("request head longer than " + MAX_HEAD + " bytes");
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/", headers);
        }

        String header(String name) {
            return headers.get(name);
        }

        long contentLength() {
            String value = header("content-length");
            return value == null ? 0 : Long.parseLong(value);
        }

        boolean closes() {
            return "close".equalsIgnoreCase(header("connection"));
        }
    }

    /** Exactly {@code length} bytes of the underlying stream, then end of stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long bytesPerSecond;
        private long left;
        private long taken;
        private long started;

        BoundedInputStream(InputStream in, long length, long bytesPerSecond) {
            this.in = in;
            this.left = length;
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n == -1) {
                throw new EOFException(left + " bytes of the body never arrived");
            }
            left -= n;
            pace(n);
            return n;
        }

        /** Holds the reader back until the bytes taken so far fit the rate, as a link of that speed would. */
        private void pace(int n) throws IOException {
            if (bytesPerSecond <= 0) {
                return;
            }
            if (taken == 0) {
                started = System.nanoTime();
            }
            taken += n;
            long due = started + taken * 1_000_000_000L / bytesPerSecond;
            long early = due - System.nanoTime();
            if (early > 0) {
                try {
                    Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while pacing the body");
                }
            }
        }
    }

    /**
     * Reads a multipart/form-data body as it arrives, with one fixed buffer: delimiters are found with a
     * Boyer-Moore-Horspool scan, bytes before a possible delimiter are handed on at once, and only the
     * last {@code delimiter.length - 1} bytes wait for the next read.
     */
    private static final class MultipartReader {
        private final InputStream in;
        private final boolean md5;
        private final byte[] delimiter;
        private final int[] skip = new int[256];
        private final byte[] buf = new byte[BUFFER];
        private int start;
        private int end;

        record Result(List<String> fieldNames, String fileName, long fileBytes, String md5, String problem) {
        }

        MultipartReader(InputStream in, String boundary, boolean md5) {
            this.in = in;
            this.md5 = md5;
            this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            java.util.Arrays.fill(skip, delimiter.length);
            for (int j = 0; j < delimiter.length - 1; j++) {
                skip[delimiter[j] & 0xff] = delimiter.length - 1 - j;
            }
        }

        Result read() throws IOException {
            List<String> fields = new ArrayList<>();
            // The body opens with the delimiter minus its leading CRLF.
            byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
            need(first.length + 2);
            for (int i = 0; i < first.length; i++) {
                if (buf[start + i] != first[i]) {
                    return problem(fields, "body does not start with the boundary");
                }
            }
            start += first.length;
            String fileName = null;
            long fileBytes = -1;
            String md5 = null;
            while (true) {
                need(2);
                if (buf[start] == '-' && buf[start + 1] == '-') {
                    break;
                }
                if (buf[start] != '\r' || buf[start + 1] != '\n') {
                    return problem(fields, "garbage after a boundary");
                }
                start += 2;
                if (fileName != null) {
                    return problem(fields, "a part follows the file part; S3 ignores fields after the file");
                }
                String headers = partHeaders();
                Matcher name = PART_NAME.matcher(headers);
                if (!name.find()) {
                    return problem(fields, "part without a form-data name");
                }
                if (name.group(1).equals("file")) {
                    Matcher filename = PART_FILENAME.matcher(headers);
                    fileName = filename.find() ? filename.group(1) : "";
                    MessageDigest digest = this.md5 ? md5() : null;
                    fileBytes = content(digest, Long.MAX_VALUE);
                    md5 = digest == null ? null : HexFormat.of().formatHex(digest.digest());
                } else {
                    if (content(null, MAX_FIELD) < 0) {
                        return problem(fields, "field " + name.group(1) + " is longer than " + MAX_FIELD + " bytes");
                    }
                    fields.add(name.group(1));
                }
            }
            if (fileName == null) {
                return problem(fields, "no part named file");
            }
            return new Result(fields, fileName, fileBytes, md5, null);
        }

        private static Result problem(List<String> fields, String problem) {
            return new Result(fields, null, -1, null, problem + " (fields so far: " + fields + ")");
        }

        private String partHeaders() throws IOException {
            while (true) {
                for (int i = start; i + 3 < end; i++) {
                    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                        String headers = new String(buf, start, i - start, StandardCharsets.UTF_8);
                        start = i + 4;
                        return headers;
                    }
                }
                if (end - start > MAX_HEAD) {
                    throw new IOException("part headers longer than " + MAX_HEAD + " bytes");
                }
                more();
            }
        }

        /**
         * Passes the part's content to {@code digest} (or drops it) up to the next delimiter, which it
         * consumes; returns the content length, or -1 once it passes {@code limit}.
         */
        private long content(MessageDigest digest, long limit) throws IOException {
            long total = 0;
            while (true) {
                int at = indexOfDelimiter();
                int upTo = at >= 0 ? at : Math.max(start, end - (delimiter.length - 1));
                if (digest != null) {
                    digest.update(buf, start, upTo - start);
                }
                total += upTo - start;
                if (total > limit) {
                    return -1;
                }
                start = upTo;
                if (at >= 0) {
                    start += delimiter.length;
                    return total;
                }
                more();
            }
        }

        private int indexOfDelimiter() {
            int last = delimiter.length - 1;
            int i = start;
            while (i + last < end) {
                byte b = buf[i + last];
                if (b == delimiter[last]) {
                    int j = last - 1;
                    while (j >= 0 && buf[i + j] == delimiter[j]) {
                        j--;
                    }
                    if (j < 0) {
                        return i;
                    }
                }
                i += skip[b & 0xff];
            }
            return -1;
        }

        private void need(int bytes) throws IOException {
            while (end - start < bytes) {
                more();
            }
        }

        /** Moves the unread tail to the front and reads what fits behind it. */
        private void more() throws IOException {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n == -1) {
                throw new EOFException("the multipart body has no closing boundary");
            }
            end += n;
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
