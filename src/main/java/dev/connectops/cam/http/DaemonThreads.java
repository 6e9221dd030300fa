package dev.connectops.cam.http;

import java.util.concurrent.ThreadFactory;

/** Threads of the plugin's helpers (digests, watchdogs): named, and never keeping a failed build alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
