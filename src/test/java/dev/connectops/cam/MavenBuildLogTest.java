package dev.connectops.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MavenBuildLogTest {
    @Test
    void eachLevelGoesToTheSameMavenLevel() {
        RecordingLog maven = new RecordingLog();
        MavenBuildLog log = new MavenBuildLog(maven);

        log.info("uploading");
        log.warn("clock skew");
        log.debug("attempt 2");

        assertEquals(List.of("INFO uploading", "WARN clock skew", "DEBUG attempt 2"), maven.lines());
    }
}
