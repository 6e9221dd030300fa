import dev.connectops.cam.it.UploadVerifier

def size = new File(basedir, 'connector.zip').length()
def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains("The archive is ${size} bytes, but the upload policy admits only 1 to 10 bytes; it was not sent.")
verifier.verifyLogLacks('Uploading connector.zip')
assert !new File(basedir, 'target/cam-upload.json').exists()
true
