package dev.connectops.cam;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * Decides which archive of a module to upload. First match wins: the {@code file} parameter, the
 * attached artifact with {@code classifier}, the package ZIP that kafka-connect-maven-plugin wrote
 * under {@code target/components/packages/}, then the module's main artifact when it is a JAR or ZIP.
 */
final class ArchiveSelector {
    static final String NOTHING_TO_UPLOAD = "Nothing to upload: run the goal after 'package' (for example"
            + " 'mvn package cam:upload' or 'mvn deploy'), or set <file> (-Dcam.file=...) or <classifier>"
            + " (-Dcam.classifier=...).";

    private final MavenProject project;

    ArchiveSelector(MavenProject project) {
        this.project = project;
    }

    /** The archive to upload; empty when this is a {@code pom} module with nothing of its own to upload. */
    Optional<SelectedArchive> select(File file, String classifier) throws MojoFailureException {
        if (file != null) {
            if (!file.exists()) {
                throw new MojoFailureException("The archive " + file + " set by <file> (-Dcam.file) does not exist."
                        + " Point it at the built JAR or ZIP, e.g. -Dcam.file=target/my-connector-1.0.zip or"
                        + " <file>${project.build.directory}/my-connector-${project.version}.zip</file> (a relative"
                        + " path is resolved against the module's directory).");
            }
            return Optional.of(new SelectedArchive(file.toPath(), "set by <file> (cam.file)"));
        }
        if (classifier != null && !classifier.isBlank()) {
            return Optional.of(attached(classifier.strip()));
        }
        Optional<SelectedArchive> connectPackage = connectPackage();
        if (connectPackage.isPresent()) {
            return connectPackage;
        }
        Artifact main = project.getArtifact();
        File mainFile = main == null ? null : main.getFile();
        if (mainFile != null && mainFile.isFile() && isArchiveName(mainFile.getName())) {
            return Optional.of(new SelectedArchive(mainFile.toPath(), "the project's main artifact"));
        }
        if ("pom".equals(project.getPackaging())) {
            return Optional.empty();
        }
        throw new MojoFailureException(NOTHING_TO_UPLOAD);
    }

    private SelectedArchive attached(String classifier) throws MojoFailureException {
        List<Artifact> attached = project.getAttachedArtifacts();
        for (Artifact artifact : attached) {
            if (classifier.equals(artifact.getClassifier())) {
                if (artifact.getFile() == null) {
                    throw new MojoFailureException("The attached artifact with classifier '" + classifier
                            + "' has no file yet: run the goal after 'package'.");
                }
                return new SelectedArchive(artifact.getFile().toPath(),
                        "the attached artifact with classifier '" + classifier + "'");
            }
        }
        String existing = attached.stream()
                .map(a -> a.getClassifier() == null || a.getClassifier().isEmpty()
                        ? "(none, type " + a.getType() + ")" : a.getClassifier())
                .distinct().collect(Collectors.joining(", "));
        throw new MojoFailureException("No attached artifact has the classifier '" + classifier + "' set by"
                + " <classifier> (-Dcam.classifier). Attached classifiers: "
                + (existing.isEmpty() ? "none (no plugin attached one before this goal ran: check that the plugin"
                        + " that builds it runs in 'package' or earlier)" : existing) + ".");
    }

    private Optional<SelectedArchive> connectPackage() throws MojoFailureException {
        Path packages = Path.of(project.getBuild().getDirectory(), "components", "packages");
        if (!Files.isDirectory(packages)) {
            return Optional.empty();
        }
        List<Path> zips;
        try (Stream<Path> entries = Files.list(packages)) {
            zips = entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new MojoFailureException("Cannot list " + packages + ": " + e.getMessage(), e);
        }
        if (zips.size() > 1) {
            throw new MojoFailureException("Found " + zips.size() + " Connect plugin packages in " + packages + ": "
                    + zips.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                    + ". Choose one with <file> (-Dcam.file=...), or run 'mvn clean' first.");
        }
        return zips.stream().findFirst().map(zip -> new SelectedArchive(zip,
                "the Connect plugin package built by kafka-connect-maven-plugin"));
    }

    private static boolean isArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".zip");
    }
}
