package dev.connectops.cam;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.service.InvalidParameterException;
import dev.connectops.cam.service.ParameterRules;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each parameter failure tells the user the POM element and the -D property, with a valid example. */
class ParameterMessagesTest {

    @Test
    void messageNamesElementPropertyAndExample() {
        InvalidParameterException e = new InvalidParameterException("cloud", "Cloud 'gcp' is not supported.", "AWS");

        assertEquals("Invalid <cloud> (-Dcam.cloud): Cloud 'gcp' is not supported. Set it in the plugin's"
                + " <configuration>, e.g. <cloud>AWS</cloud>, or on the command line, e.g. -Dcam.cloud=AWS.",
                ParameterMessages.describe(e));
    }

    @Test
    void exampleWithSpacesIsQuotedForTheShell() {
        InvalidParameterException e = new InvalidParameterException("artifactDescription", "Too long.",
                "Upper-cases string record values");

        assertEquals("Invalid <artifactDescription> (-Dcam.artifactDescription): Too long. Set it in the plugin's"
                + " <configuration>, e.g. <artifactDescription>Upper-cases string record values</artifactDescription>,"
                + " or on the command line, e.g. \"-Dcam.artifactDescription=Upper-cases string record values\".",
                ParameterMessages.describe(e));
    }

    static Stream<Arguments> everyRuleFailure() {
        return Stream.of(
                failure("environment missing", () -> ParameterRules.environment(null)),
                failure("environment malformed", () -> ParameterRules.environment("lkc-abc")),
                failure("environment too long", () -> ParameterRules.environment("env-" + "a".repeat(252))),
                failure("cloud", () -> ParameterRules.cloud("gcp")),
                failure("apiUrl empty", () -> ParameterRules.apiUrl(" ")),
                failure("apiUrl plain http", () -> ParameterRules.apiUrl("http://api.confluent.cloud")),
                failure("apiUrl not a URL", () -> ParameterRules.apiUrl("::nope")),
                failure("contentFormat unknown", () -> ParameterRules.contentFormat("tar", "a.jar")),
                failure("contentFormat from name", () -> ParameterRules.contentFormat(null, "a.tar.gz")),
                failure("connectTimeout", () -> ParameterRules.seconds("connectTimeout", 0)),
                failure("socketTimeout", () -> ParameterRules.seconds("socketTimeout", -5)),
                failure("retries", () -> ParameterRules.retries(21)),
                failure("artifactName too long", () -> ParameterRules.artifactName("n".repeat(61))),
                failure("artifactName blank", () -> ParameterRules.artifactName(" ")),
                failure("artifactDescription too long", () -> ParameterRules.artifactDescription("d".repeat(257))),
                failure("waitTimeout", () -> ParameterRules.artifact("smt", null, true, 0)));
    }

    private static Arguments failure(String name, Executable rule) {
        return Arguments.of(name, rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRuleFailure")
    void everyRuleFailureNamesARealParameterAndItsProperty(String name, Executable rule) throws Exception {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, rule);
        String parameter = e.parameter();
        String message = ParameterMessages.describe(e);
        Parameter declared = uploadParameters().get(parameter);

        assertNotNull(declared, "cam:upload has no parameter '" + parameter + "'");
        assertAll(
                () -> assertEquals("${cam." + parameter + "}", declared.getExpression(),
                        "the message's -Dcam." + parameter + " must be the parameter's real property"),
                () -> assertTrue(message.startsWith("Invalid <" + parameter + "> (-Dcam." + parameter + "): "),
                        message),
                () -> assertTrue(message.contains("<" + parameter + ">" + e.example() + "</" + parameter + ">"),
                        message),
                () -> assertTrue(message.endsWith("-Dcam." + parameter + "=" + e.example() + ".")
                        || message.endsWith("\"-Dcam." + parameter + "=" + e.example() + "\"."), message),
                () -> assertExampleIsValid(parameter, e.example()));
    }

    private static void assertExampleIsValid(String parameter, String example) {
        assertDoesNotThrow(() -> {
            switch (parameter) {
                case "environment" -> ParameterRules.environment(example);
                case "cloud" -> ParameterRules.cloud(example);
                case "apiUrl" -> ParameterRules.apiUrl(example);
                case "contentFormat" -> ParameterRules.contentFormat(example, "a.bin");
                case "connectTimeout", "socketTimeout" -> ParameterRules.seconds(parameter, Integer.parseInt(example));
                case "retries" -> ParameterRules.retries(Integer.parseInt(example));
                case "artifactName" -> ParameterRules.artifactName(example);
                case "artifactDescription" -> ParameterRules.artifactDescription(example);
                case "waitTimeout" -> ParameterRules.seconds(parameter, Integer.parseInt(example));
                default -> throw new AssertionError("no rule for " + parameter);
            }
        }, "the example '" + example + "' for <" + parameter + "> must itself be valid");
    }

    /** The parameters of cam:upload as declared in the generated plugin descriptor. */
    private static Map<String, Parameter> uploadParameters() throws Exception {
        try (Reader reader = new InputStreamReader(ParameterMessagesTest.class.getResourceAsStream(
                "/META-INF/maven/plugin.xml"), StandardCharsets.UTF_8)) {
            PluginDescriptor plugin = new PluginDescriptorBuilder().build(reader);
            MojoDescriptor upload = plugin.getMojo("upload");
            return upload.getParameters().stream().collect(Collectors.toMap(Parameter::getName, Function.identity()));
        }
    }
}
