import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('Requesting a presigned upload URL (POST /cam/v1/presigned-upload-url) failed: HTTP 401',
        'code user_unauthenticated', 'request id ', 'Check the Cloud API key and secret')
verifier.verifyLogLacks('wrong-secret-0123456789abcdef')
verifier.verifyLogLacks(Base64.encoder.encodeToString('CAMSANDBOXKEY001:wrong-secret-0123456789abcdef'.bytes))
assert verifier.uploadIdsFor('env-401x01').isEmpty()
assert !new File(basedir, 'target/cam-upload.json').exists()
true
