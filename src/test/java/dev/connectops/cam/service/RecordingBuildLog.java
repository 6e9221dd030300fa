package dev.connectops.cam.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every line the service writes, by level. */
final class RecordingBuildLog implements BuildLog {
    final List<String> info = Collections.synchronizedList(new ArrayList<>());
    final List<String> warn = Collections.synchronizedList(new ArrayList<>());
    final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        info.add(message);
    }

    @Override
    public void warn(String message) {
        warn.add(message);
    }

    @Override
    public void debug(String message) {
        debug.add(message);
    }

    List<String> all() {
        List<String> lines = new ArrayList<>(info);
        lines.addAll(warn);
        lines.addAll(debug);
        return lines;
    }
}
