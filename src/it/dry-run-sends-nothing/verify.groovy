import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyLogContains('Dry run: would upload target/dry-run-smt-1.0.0.jar',
        'to Confluent Cloud environment env-dryrun01', 'no request was sent')
verifier.verifyNoPresign('env-dryrun01')
assert !new File(basedir, 'target/cam-upload.json').exists()
assert !new File(basedir, 'build.log').text.contains('upload_id=')
true
