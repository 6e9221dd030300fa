import dev.connectops.cam.it.UploadVerifier

def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
verifier.verifyUpload(basedir, 'target/uppercase-smt-1.0.0.jar', 'env-smtjar01', 'JAR')
verifier.verifyLogContains('Archive: target/uppercase-smt-1.0.0.jar (the project\'s main artifact)',
        'from environment variables CONFLUENT_CLOUD_API_KEY/CONFLUENT_CLOUD_API_SECRET')
true
