import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyUpload(basedir, 'dist/Connector_Archive-v1.0.ZIP', 'env-file01', 'ZIP')
verifier.verifyLogContains('Archive: dist/Connector_Archive-v1.0.ZIP (set by <file> (cam.file))')
true
