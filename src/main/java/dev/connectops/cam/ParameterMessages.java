package dev.connectops.cam;

import dev.connectops.cam.service.InvalidParameterException;

/** Tells the user how to set a parameter, in the POM and on the command line. */
final class ParameterMessages {
    private ParameterMessages() {
    }

    static String describe(InvalidParameterException e) {
        String name = e.parameter();
        return "Invalid <" + name + "> (-Dcam." + name + "): " + e.getMessage() + " Set it in the plugin's"
                + " <configuration>, e.g. <" + name + ">" + e.example() + "</" + name + ">, or on the command line,"
                + " e.g. " + commandLine(name, e.example()) + ".";
    }

    /** A value with spaces (a description) must be quoted on the command line, or the shell splits it. */
    private static String commandLine(String name, String example) {
        String option = "-Dcam." + name + "=" + example;
        return example.chars().anyMatch(Character::isWhitespace) ? "\"" + option + "\"" : option;
    }
}
