package dev.connectops.cam.service;

import dev.connectops.cam.http.ExplainedIOException;
import dev.connectops.cam.http.HttpProxy;
import dev.connectops.cam.http.ProxyAuthenticationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/** Words for what went wrong on the wire, for messages the user reads. */
final class NetworkFailure {
    private NetworkFailure() {
    }

    static String describe(IOException e) {
        if (e instanceof ProxyAuthenticationException refused) {
            return proxyRefusal(refused);
        }
        if (e instanceof ExplainedIOException) {
            return e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            // The JDK's message is "host: reason" (or only the host).
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            return colon < 0 ? "the host name " + message + " cannot be resolved"
                    : "the host name " + message.substring(0, colon) + " cannot be resolved ("
                            + message.substring(colon + 2) + ")";
        }
        if (e instanceof ConnectTimeoutException) {
            return "the connection timed out (connectTimeout)";
        }
        if (e instanceof HttpHostConnectException || e instanceof ConnectException
                || e instanceof NoRouteToHostException) {
            return "the connection was refused or the host is unreachable (" + e.getMessage() + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "no data arrived within socketTimeout (" + e.getMessage() + ")";
        }
        if (e instanceof SSLException) {
            return "the TLS handshake failed (" + e.getMessage() + ")";
        }
        if (e instanceof ClientProtocolException) {
            String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            return "the request could not be made (" + cause + ")";
        }
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "the connection failed (" + e.getClass().getSimpleName() + detail + ")";
    }

    private static String proxyRefusal(ProxyAuthenticationException e) {
        HttpProxy proxy = e.proxy();
        if (!proxy.hasCredentials()) {
            return "the proxy " + proxy.address() + " asks for credentials (" + e.statusLine() + "), and settings.xml"
                    + " <proxies> gives none for it. Add that proxy's <username> and <password>";
        }
        return "the proxy " + proxy.address() + " refused the credentials of user '" + proxy.username() + "' ("
                + e.statusLine() + "). Check that proxy's <username> and <password> in settings.xml <proxies>"
                + " (an encrypted password also needs the right master password in settings-security.xml)";
    }
}
