import dev.connectops.cam.http.HttpClientFactory;
import dev.connectops.cam.http.ProxyLookup;
import dev.connectops.cam.upload.PresignedPost;
import dev.connectops.cam.upload.PresignedPostUpload;
import dev.connectops.cam.upload.UploadReceipt;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * One timed upload with the classes {@code cam:upload} uses: the client from {@link HttpClientFactory}
 * (the goal's default timeouts, no proxy) and {@link PresignedPostUpload}, which streams the file once
 * through MD5 and SHA-256 and checks the ETag. The benchmark starts a fresh JVM per round, so the time
 * includes loading and warming up HttpClient, as in a build.
 *
 * <p>Usage: {@code UploaderRound <form-file> <archive>}; prints {@code seconds=<s> md5=<hex>}. A failed
 * upload (HTTP error, ETag mismatch, I/O error) ends with a stack trace and exit status 1.
 */
public final class UploaderRound {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: UploaderRound <form-file> <archive>");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.indexOf('\t');
            fields.put(line.substring(0, tab), line.substring(tab + 1));
        }
        PresignedPost form = new PresignedPost(URI.create(lines.get(0)), fields);
        Path archive = Path.of(args[1]);
        long size = Files.size(archive);
        HttpClientFactory clients = new HttpClientFactory(Duration.ofSeconds(30), Duration.ofSeconds(120),
                ProxyLookup.DIRECT);
        try (CloseableHttpClient http = clients.create()) {
            PresignedPostUpload uploader = new PresignedPostUpload(http, clients.uploadRequestConfig(),
                    Clock.systemUTC(), System.err::println);
            long started = System.nanoTime();
            UploadReceipt receipt = uploader.upload(form, archive, archive.getFileName().toString(), size);
            long took = System.nanoTime() - started;
            if (receipt.etag() != null && !receipt.md5Hex().equalsIgnoreCase(receipt.etag())) {
                throw new IllegalStateException("the sink's ETag " + receipt.etag() + " is not the MD5 "
                        + receipt.md5Hex());
            }
            System.out.printf(Locale.ROOT, "seconds=%.3f md5=%s%n", took / 1e9, receipt.md5Hex());
        }
    }
}
