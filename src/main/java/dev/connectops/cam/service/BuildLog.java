package dev.connectops.cam.service;

/** Where the core reports to the user; the Maven side adapts this to the Mojo's log. */
public interface BuildLog {
    void info(String message);

    void warn(String message);

    void debug(String message);
}
