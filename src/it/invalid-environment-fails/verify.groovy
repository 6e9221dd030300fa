import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains("Invalid <environment> (-Dcam.environment): 'production' is not a Confluent Cloud environment id",
        '<environment>env-a1b2c3</environment>', '-Dcam.environment=env-a1b2c3')
assert !new File(basedir, 'target/cam-upload.json').exists()
true
