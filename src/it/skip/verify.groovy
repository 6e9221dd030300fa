import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('Skipping the Confluent Cloud upload: cam.skip is true.', 'BUILD SUCCESS')
verifier.verifyNoPresign('env-skip01')
assert !new File(basedir, 'target/cam-upload.json').exists()
true
