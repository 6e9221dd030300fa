package dev.connectops.cam.sandbox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options after the command word, checked against the options the command knows. */
final class CommandLine {

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final String command;
    private final Map<String, String> options;

    private CommandLine(String command, Map<String, String> options) {
        this.command = command;
        this.options = options;
    }

    static CommandLine parse(List<String> args, Map<String, Set<String>> optionsByCommand) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        Set<String> known = optionsByCommand.get(command);
        if (known == null) {
            throw new UsageException("unknown command '" + command + "'");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown option '" + name + "' for " + command);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + name + " needs a value");
            }
            options.put(name.substring(2), args.get(i + 1));
        }
        return new CommandLine(command, options);
    }

    String command() {
        return command;
    }

    Path path(String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + " needs --" + name);
        }
        return Path.of(value);
    }

    int integer(String name, int defaultValue, int min, int max) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    long longInteger(String name, long defaultValue) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }
}
