package dev.connectops.cam.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the archive for one upload attempt; tests count reads through it. */
@FunctionalInterface
interface ArchiveSource {
    ArchiveSource FILES = Files::newInputStream;

    InputStream open(Path archive) throws IOException;
}
