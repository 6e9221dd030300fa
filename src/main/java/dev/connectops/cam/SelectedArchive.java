package dev.connectops.cam;

import java.nio.file.Path;

/** The archive chosen for upload and why it was chosen, for the log. */
record SelectedArchive(Path file, String reason) {
}
