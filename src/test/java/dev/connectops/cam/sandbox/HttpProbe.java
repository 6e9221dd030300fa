package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/** Whether something answers HTTP at a URL; any status counts, since readiness is all that is asked. */
final class HttpProbe {

    private static final int TIMEOUT_MILLIS = 2000;

    private HttpProbe() {
    }

    static boolean answers(String url) {
        try {
            // NO_PROXY: the sandbox is on loopback, and a proxy from the environment must not answer for it.
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
