package dev.connectops.cam.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "connector.jar, JAR",
        "X.JAR, JAR",
        "a.Jar, JAR",
        "plugin.zip, ZIP",
        "a.Zip, ZIP",
        "A.ZIP, ZIP",
        "my.jar.zip, ZIP",
    })
    void fileNameExtensionGivesTheFormatInAnyCase(String name, ContentFormat expected) {
        assertEquals(Optional.of(expected), ContentFormat.fromFileName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.tar.gz", "plugin.tgz", "connector.war", "jar", "zip", "plugin.zip.sha1", "readme"})
    void otherFileNamesGiveNoFormat(String name) {
        assertEquals(Optional.empty(), ContentFormat.fromFileName(name));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "JAR, JAR",
        "jar, JAR",
        "Zip, ZIP",
        "' zip ', ZIP",
    })
    void parseAcceptsTheNamesInAnyCaseAndSpacing(String value, ContentFormat expected) {
        assertEquals(Optional.of(expected), ContentFormat.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tar", "JARZIP", ".jar", "war"})
    void parseGivesNothingForUnknownValues(String value) {
        assertEquals(Optional.empty(), ContentFormat.parse(value));
    }
}
