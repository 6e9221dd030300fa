import dev.connectops.cam.it.UploadVerifier

// build.log holds the three invocations of invoker.properties in order.
def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('Cannot upload to Confluent Cloud when Maven is in offline mode (-o).',
        'Dry run: would upload connector.zip', 'Skipping the Confluent Cloud upload: cam.skip is true.')
verifier.verifyNoPresign('env-offline01')
assert !new File(basedir, 'target/cam-upload.json').exists()
true
