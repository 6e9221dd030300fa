package dev.connectops.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive of a real {@link MavenProject} is chosen, and what the user is told when none is. */
class ArchiveSelectorTest {
    private static final String NOTHING_TO_UPLOAD = "Nothing to upload: run the goal after 'package' (for"
            + " example 'mvn package cam:upload' or 'mvn deploy'), or set <file> (-Dcam.file=...) or <classifier>"
            + " (-Dcam.classifier=...).";

    @TempDir
    Path basedir;

    private Path target;
    private MavenProject project;

    @BeforeEach
    void newProject() throws IOException {
        target = Files.createDirectories(basedir.resolve("target"));
        project = new MavenProject();
        project.setGroupId("com.example");
        project.setArtifactId("my-connector");
        project.setVersion("1.0.0");
        project.setPackaging("jar");
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(target.toString());
    }

    @Test
    void fileParameterWinsOverEverything() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        attach("jar", "fat", file("target/my-connector-1.0.0-fat.jar"));
        file("target/components/packages/example-my-connector-1.0.0.zip");
        File explicit = file("dist/explicit.zip").toFile();

        SelectedArchive selected = select(explicit, "fat").orElseThrow();

        assertEquals(explicit.toPath(), selected.file());
        assertEquals("set by <file> (cam.file)", selected.reason());
    }

    @Test
    void missingFileParameterFailsNamingTheParameterWithAnExample() throws Exception {
        File missing = basedir.resolve("nope.zip").toFile();

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(missing, null));

        assertEquals("The archive " + missing + " set by <file> (-Dcam.file) does not exist. Point it at the built"
                + " JAR or ZIP, e.g. -Dcam.file=target/my-connector-1.0.zip or"
                + " <file>${project.build.directory}/my-connector-${project.version}.zip</file> (a relative path is"
                + " resolved against the module's directory).", e.getMessage());
    }

    @Test
    void classifierSelectsTheAttachedArtifact() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        attach("jar", "sources", file("target/my-connector-1.0.0-sources.jar"));
        Path fat = file("target/my-connector-1.0.0-fat.jar");
        attach("jar", "fat", fat);
        file("target/components/packages/example-my-connector-1.0.0.zip");

        SelectedArchive selected = select(null, " fat ").orElseThrow();

        assertEquals(fat, selected.file());
        assertEquals("the attached artifact with classifier 'fat'", selected.reason());
    }

    @Test
    void missingClassifierListsTheClassifiersThatExist() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        attach("jar", "sources", file("target/my-connector-1.0.0-sources.jar"));
        attach("jar", "javadoc", file("target/my-connector-1.0.0-javadoc.jar"));
        attach("zip", null, file("target/my-connector-1.0.0.zip"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, "fat"));

        assertEquals("No attached artifact has the classifier 'fat' set by <classifier> (-Dcam.classifier)."
                + " Attached classifiers: sources, javadoc, (none, type zip).", e.getMessage());
    }

    @Test
    void missingClassifierWithNothingAttachedSaysSo() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, "fat"));

        assertEquals("No attached artifact has the classifier 'fat' set by <classifier> (-Dcam.classifier)."
                + " Attached classifiers: none (no plugin attached one before this goal ran: check that the plugin that"
                + " builds it runs in 'package' or earlier).", e.getMessage());
    }

    @Test
    void classifierWhoseArtifactHasNoFileYetSaysToRunAfterPackage() throws Exception {
        project.addAttachedArtifact(artifact("jar", "fat"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, "fat"));

        assertEquals("The attached artifact with classifier 'fat' has no file yet: run the goal after 'package'.",
                e.getMessage());
    }

    @Test
    void connectPluginPackageWinsOverTheMainJar() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        Path zip = file("target/components/packages/example-my-connector-1.0.0.zip");
        file("target/components/packages/README.txt");
        Files.createDirectories(target.resolve("components/packages/example-my-connector-1.0.0"));

        SelectedArchive selected = select(null, null).orElseThrow();

        assertEquals(zip, selected.file());
        assertEquals("the Connect plugin package built by kafka-connect-maven-plugin", selected.reason());
    }

    @Test
    void connectPluginPackageExtensionInAnyCase() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        Path zip = file("target/components/packages/EXAMPLE-MY-CONNECTOR-1.0.0.ZIP");

        assertEquals(zip, select(null, null).orElseThrow().file());
    }

    @Test
    void twoConnectPluginPackagesFailListingThem() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.jar"));
        file("target/components/packages/example-my-connector-1.0.1.zip");
        file("target/components/packages/example-my-connector-1.0.0.zip");

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, null));

        assertEquals("Found 2 Connect plugin packages in " + target.resolve("components/packages") + ":"
                + " example-my-connector-1.0.0.zip, example-my-connector-1.0.1.zip. Choose one with <file>"
                + " (-Dcam.file=...), or run 'mvn clean' first.", e.getMessage());
    }

    @Test
    void emptyPackagesDirectoryFallsBackToTheMainJar() throws Exception {
        Path jar = file("target/my-connector-1.0.0.jar");
        mainArtifact("jar", jar);
        Files.createDirectories(target.resolve("components/packages"));

        assertEquals(jar, select(null, null).orElseThrow().file());
    }

    @Test
    void mainJar() throws Exception {
        Path jar = file("target/my-connector-1.0.0.jar");
        mainArtifact("jar", jar);
        attach("jar", "sources", file("target/my-connector-1.0.0-sources.jar"));

        SelectedArchive selected = select(null, null).orElseThrow();

        assertEquals(jar, selected.file());
        assertEquals("the project's main artifact", selected.reason());
    }

    @Test
    void mainZip() throws Exception {
        project.setPackaging("zip");
        Path zip = file("target/my-connector-1.0.0.zip");
        mainArtifact("zip", zip);

        assertEquals(zip, select(null, null).orElseThrow().file());
    }

    @Test
    void mainArtifactThatIsAPomIsNothingToUpload() throws Exception {
        mainArtifact("jar", file("target/my-connector-1.0.0.pom"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, null));

        assertEquals(NOTHING_TO_UPLOAD, e.getMessage());
    }

    @Test
    void mainArtifactNotBuiltYetIsNothingToUpload() throws Exception {
        mainArtifact("jar", null);

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, null));

        assertEquals(NOTHING_TO_UPLOAD, e.getMessage());
    }

    @Test
    void mainArtifactFileThatDoesNotExistIsNothingToUpload() throws Exception {
        mainArtifact("jar", target.resolve("my-connector-1.0.0.jar"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, null));

        assertEquals(NOTHING_TO_UPLOAD, e.getMessage());
    }

    @Test
    void classesDirectoryAfterCompileIsNothingToUpload() throws Exception {
        // 'mvn compile cam:upload': the main artifact's file is target/classes.
        mainArtifact("jar", Files.createDirectories(target.resolve("classes")));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> select(null, null));

        assertEquals(NOTHING_TO_UPLOAD, e.getMessage());
    }

    @Test
    void pomPackagingWithNothingToUploadIsEmpty() throws Exception {
        project.setPackaging("pom");
        mainArtifact("pom", file("pom.xml"));

        assertEquals(Optional.empty(), select(null, null));
    }

    @Test
    void pomPackagingStillUploadsAConnectPluginPackage() throws Exception {
        project.setPackaging("pom");
        mainArtifact("pom", file("pom.xml"));
        Path zip = file("target/components/packages/example-my-connector-1.0.0.zip");

        assertEquals(zip, select(null, null).orElseThrow().file());
    }

    @Test
    void pomPackagingStillHonoursTheClassifier() throws Exception {
        project.setPackaging("pom");
        mainArtifact("pom", file("pom.xml"));
        Path dist = file("target/my-connector-1.0.0-dist.zip");
        attach("zip", "dist", dist);

        assertEquals(dist, select(null, "dist").orElseThrow().file());
    }

    private Optional<SelectedArchive> select(File file, String classifier) throws MojoFailureException {
        return new ArchiveSelector(project).select(file, classifier);
    }

    /** A small non-empty file (selection does not read it). */
    private Path file(String relative) throws IOException {
        Path path = basedir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "content of " + relative);
    }

    private void mainArtifact(String type, Path file) {
        Artifact artifact = artifact(type, null);
        artifact.setFile(file == null ? null : file.toFile());
        project.setArtifact(artifact);
    }

    private void attach(String type, String classifier, Path file) {
        Artifact artifact = artifact(type, classifier);
        artifact.setFile(file.toFile());
        project.addAttachedArtifact(artifact);
    }

    private Artifact artifact(String type, String classifier) {
        return new DefaultArtifact(project.getGroupId(), project.getArtifactId(), project.getVersion(), "compile",
                type, classifier, new DefaultArtifactHandler(type));
    }
}
