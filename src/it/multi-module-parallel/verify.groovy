import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
def a = verifier.verifyUpload(new File(basedir, 'smt-a'), 'target/smt-a-1.0.0.jar', 'env-multi01', 'JAR')
def b = verifier.verifyUpload(new File(basedir, 'smt-b'), 'target/smt-b-1.0.0.jar', 'env-multi01', 'JAR')
assert a != b
verifier.verifyLogContains("Skipping the Confluent Cloud upload: packaging is 'pom' and the module has no archive.")
assert !new File(basedir, 'target/cam-upload.json').exists()
true
