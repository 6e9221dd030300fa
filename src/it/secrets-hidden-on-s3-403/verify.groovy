import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('Uploading the archive to 127.0.0.1 failed: HTTP 403, body: (empty body)')
verifier.verifyNoSecretsFor('env-403x01')
assert verifier.uploadIdsFor('env-403x01').size() == 1 : 'a 403 is not retried and asks for no new form'
assert !new File(basedir, 'target/cam-upload.json').exists()
true
