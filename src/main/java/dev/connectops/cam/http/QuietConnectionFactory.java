package dev.connectops.cam.http;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Creates connections that never log headers or wire data. HttpClient's connection logs every header
 * and byte as soon as its loggers are at DEBUG, which {@code mvn -X} turns on; that would print the
 * API's Authorization header and the S3 form (policy, signature, token) into the build log.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("cam-" + ids.incrementAndGet());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    @Override
    public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
        QuietConnection connection = new QuietConnection("cam-" + ids.incrementAndGet());
        if (socket != null) {
            connection.bind(sslSocket, socket);
        }
        return connection;
    }

    /** The stock connection minus its header log (the two hooks) and wire log (the logging socket holder). */
    static final class QuietConnection extends DefaultManagedHttpClientConnection {
        QuietConnection(String id) {
            super(id);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // no header log
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // no header log
        }
    }
}
