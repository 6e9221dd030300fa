package dev.connectops.cam.http;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Creates connections that never log headers or wire data. HttpClient's own factory switches to a
 * logging connection as soon as its loggers are at DEBUG, which {@code mvn -X} does; that connection
 * would print the API's Authorization header and the S3 form (policy, signature) into the build log.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        DefaultManagedHttpClientConnection connection =
                new DefaultManagedHttpClientConnection("cam-" + ids.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    @Override
    public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
        DefaultManagedHttpClientConnection connection =
                new DefaultManagedHttpClientConnection("cam-" + ids.incrementAndGet());
        if (socket != null) {
            connection.bind(sslSocket, socket);
        }
        return connection;
    }
}
