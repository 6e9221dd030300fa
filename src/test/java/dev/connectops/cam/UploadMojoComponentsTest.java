package dev.connectops.cam;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * cam:upload built by Maven's own container, with nothing replaced: the {@code SettingsDecrypter} the Mojo's
 * constructor asks for is Maven's, and the session and project are the harness's default mocks.
 */
@MojoTest
class UploadMojoComponentsTest {
    @Inject
    private MavenSession session;

    @Inject
    private MavenProject project;

    @Test
    @InjectMojo(goal = "upload")
    void mavenInjectsItsSettingsDecrypter(UploadMojo mojo) throws Exception {
        assertInstanceOf(DefaultSettingsDecrypter.class, getVariableValueFromObject(mojo, "decrypter"));
    }

    @Test
    @InjectMojo(goal = "upload")
    @MojoParameter(name = "skip", value = "true")
    void skipTouchesNeitherTheSessionNorTheProject(UploadMojo mojo) throws Exception {
        assertTrue(Mockito.mockingDetails(session).isMock() && Mockito.mockingDetails(project).isMock());
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("INFO Skipping the Confluent Cloud upload: cam.skip is true."), log.lines());
        Mockito.verifyNoInteractions(session, project);
    }
}
