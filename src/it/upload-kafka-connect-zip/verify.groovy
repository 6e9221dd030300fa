import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyUpload(basedir, 'target/components/packages/example-uppercase-connector-1.0.0.zip', 'env-kczip01', 'ZIP')
verifier.verifyLogContains('(the Connect plugin package built by kafka-connect-maven-plugin)',
        "from settings.xml server 'sandbox-settings-server'")
true
