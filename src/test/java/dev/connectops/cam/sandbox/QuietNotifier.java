package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * WireMock's notifier, reduced to one-line errors on stderr. WireMock's messages can quote whole requests, and
 * those carry the API secret in their Authorization header; the request journal keeps the detail for tests.
 */
final class QuietNotifier implements Notifier {

    @Override
    public void info(String message) {
    }

    @Override
    public void error(String message) {
        System.err.println("[sandbox api] " + firstLine(message));
    }

    @Override
    public void error(String message, Throwable t) {
        System.err.println("[sandbox api] " + firstLine(message) + ": " + t);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
