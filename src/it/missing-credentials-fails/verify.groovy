import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains("No Confluent Cloud API credentials found: settings.xml has no <server> with id 'confluent-cloud'",
        'CONFLUENT_CLOUD_API_KEY', 'CONFLUENT_CLOUD_API_SECRET', "mvn --encrypt-password")
verifier.verifyNoPresign('env-nocreds01')
true
