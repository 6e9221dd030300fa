package dev.connectops.cam.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The files a sandbox keeps in its work directory, shared by {@code run}, {@code await} and {@code stop}. */
record WorkDir(Path dir) {

    WorkDir {
        dir = dir.toAbsolutePath().normalize();
    }

    Path properties() {
        return dir.resolve("sandbox.properties");
    }

    Path pidFile() {
        return dir.resolve("sandbox.pid");
    }

    Path stopFile() {
        return dir.resolve("stop");
    }

    /** Written by a {@code run} that could not start, so that {@code await} can give up at once. */
    Path failedFile() {
        return dir.resolve("sandbox.failed");
    }

    /** Where builds and scripts are expected to send the output of {@code run}. */
    Path sandboxLog() {
        return dir.resolve("sandbox.log");
    }

    Path s3proxyConf() {
        return dir.resolve("s3proxy.conf");
    }

    Path s3proxyLog() {
        return dir.resolve("s3proxy.log");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** Readers see the old file or the whole new one, never a half-written one. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Plain {@code key=value} lines: unlike {@link Properties#store} this leaves the ':' in URLs unescaped, so shell
     * scripts can read the file with grep/cut, while {@link Properties#load} still reads it.
     */
    static String propertiesText(Map<String, String> values) {
        StringBuilder text = new StringBuilder("# written by dev.connectops.cam.sandbox.Sandbox\n");
        values.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    /** The properties, or null when the file does not exist. */
    static Properties readProperties(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    /** The last {@code lines} lines of a log, or an empty list when it does not exist or cannot be read. */
    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    static void printTail(Path file, int lines) {
        List<String> tail = tail(file, lines);
        if (!tail.isEmpty()) {
            System.err.println("---- last " + tail.size() + " lines of " + file + " ----");
            tail.forEach(System.err::println);
            System.err.println("---- end of " + file.getFileName() + " ----");
        }
    }
}
