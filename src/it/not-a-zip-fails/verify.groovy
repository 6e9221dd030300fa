import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('connector.jar is not a ZIP archive')
verifier.verifyNoPresign('env-notzip01')
true
