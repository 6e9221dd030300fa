import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
def ids = verifier.uploadIdsFor('env-expired01')
assert ids.size() == 2 : "two presigned URLs: ${ids}"
def recorded = verifier.verifyUpload(basedir, 'connector.zip', 'env-expired01', 'ZIP')
assert recorded == ids[1] : 'the record carries the upload_id of the form that worked'
verifier.verifyLogContains('The upload policy expired at', 'HTTP 403 AccessDenied: Invalid according to Policy: Policy expired.',
        'requesting a new presigned upload URL and uploading again')
true
