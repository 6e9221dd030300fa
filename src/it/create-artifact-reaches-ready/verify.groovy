import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
def uploadId = verifier.verifyUpload(basedir, 'target/uppercase-smt-1.0.0.jar', 'env-artifact01', 'JAR')
def artifactId = verifier.verifyArtifact(basedir, 'env-artifact01', 'uppercase-smt-it',
        'A custom SMT uploaded by mvn deploy, then made a Connect Artifact.')
verifier.verifyLogContains("Created Connect Artifact ${artifactId} ('uppercase-smt-it'), phase WAITING_FOR_PROCESSING",
        "Connect Artifact ${artifactId} is PROCESSING", "Connect Artifact ${artifactId} is READY")

def properties = new File(basedir, 'target/cam-properties/cam-properties.txt').text
assert properties.contains("uploadId=${uploadId}\n") : properties
assert properties.contains("artifactId=${artifactId}\n") : properties
true
