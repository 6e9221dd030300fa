package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The local checks of artifactName, artifactDescription and waitTimeout, made before any network call. */
class ArtifactParameterRulesTest {

    @ParameterizedTest
    @NullAndEmptySource
    void noNameMeansNoArtifact(String name) throws Exception {
        assertEquals(Optional.empty(), ParameterRules.artifact(name, "d".repeat(300), true, -1));
    }

    @Test
    void nameOf61CharactersIsRefusedNamingTheLimit() {
        String name = "n".repeat(61);

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.artifact(name, null, true, 600));

        assertEquals("artifactName", e.parameter());
        assertEquals("'" + name + "' is 61 characters long; a Connect Artifact name is 1 to 60 characters.",
                e.getMessage());
        assertEquals("uppercase-smt-1.0.0", e.example());
    }

    @Test
    void nameOf60CharactersIsAcceptedAndTrimmed() throws Exception {
        String name = "é".repeat(60);

        ArtifactRequest artifact = ParameterRules.artifact("  " + name + "\n", null, true, 600).orElseThrow();

        assertEquals(name, artifact.name());
    }

    @Test
    void blankNameIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.artifactName("   "));

        assertEquals("artifactName", e.parameter());
        assertEquals("The Connect Artifact name is blank; a name is 1 to 60 characters.", e.getMessage());
    }

    @Test
    void descriptionLinesAreJoinedAsAPomDescriptionSpansSeveral() throws Exception {
        assertEquals("Upper-cases string record values, for the sink.", ParameterRules.artifactDescription(
                "\n      Upper-cases string record values,\n      for the sink.\n    "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" \n "})
    void emptyDescriptionIsNone(String description) throws Exception {
        assertNull(ParameterRules.artifactDescription(description));
    }

    @Test
    void descriptionOf256CharactersIsAcceptedAnd257Refused() throws Exception {
        assertEquals(256, ParameterRules.artifactDescription("d".repeat(256)).length());

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.artifact("smt", "d".repeat(257), true, 600));

        assertEquals("artifactDescription", e.parameter());
        assertEquals("The Connect Artifact description is 257 characters long, but at most 256 are allowed; it"
                + " defaults to the project's <description>, so set a shorter one for the artifact.", e.getMessage());
    }

    @Test
    void waitTimeoutMustBePositive() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ParameterRules.artifact("smt", null, true, 0));

        assertEquals("waitTimeout", e.parameter());
    }

    @Test
    void allValuesReachTheRequest() throws Exception {
        assertEquals(Optional.of(new ArtifactRequest("smt", "An SMT.", false, Duration.ofSeconds(90))),
                ParameterRules.artifact("smt", "An SMT.", false, 90));
    }
}
