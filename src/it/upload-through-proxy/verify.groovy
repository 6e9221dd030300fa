import dev.connectops.cam.it.SandboxRecord
import dev.connectops.cam.it.UploadVerifier

// The proxy was made by setup.groovy, whose script class loader may not be this one: use it untyped.
def proxy = context.get('proxy')
try {
    def verifier = new UploadVerifier(sandboxWorkDir, new File(basedir, 'build.log'))
    def uploadId = verifier.verifyUpload(basedir, 'connector.zip', 'env-proxy01', 'ZIP')
    def call = new SandboxRecord(sandboxWorkDir).presignCallsFor('env-proxy01')
            .find { SandboxRecord.responseBody(it).path('upload_id').asText() == uploadId }
    def uploadUrl = SandboxRecord.responseBody(call).path('upload_url').asText()

    // Maven's own resolver uses the same settings proxy (Maven 4 asks remote repositories for their prefix
    // files); the test proxy refuses those non-loopback targets with 403, and they are not the plugin's.
    def presignUrl = sandboxApiUrl + '/cam/v1/presigned-upload-url'
    def exchanges = proxy.exchanges().findAll { it.target() in [presignUrl, uploadUrl] }
    assert exchanges.size() == 2 : "the presign and the upload passed the proxy once each, no 407 round: $exchanges"
    def presign = exchanges[0]
    assert presign.method() == 'POST' && presign.target() == presignUrl
    assert presign.proxyAuthorization().name() == 'EXPECTED' && presign.authorizationHeader()
    assert presign.status() == 200
    def upload = exchanges[1]
    assert upload.method() == 'POST' && upload.target() == uploadUrl
    assert upload.proxyAuthorization().name() == 'EXPECTED' : 'the upload carried the proxy credentials'
    assert !upload.authorizationHeader() : 'no Authorization header goes to the upload host'
    assert upload.bodyBytes() > new File(basedir, 'connector.zip').length() : 'the whole form passed the proxy'
    assert upload.status() >= 200 && upload.status() < 300

    verifier.verifyLogContains("through proxy http://${proxy.host()}:${proxy.port()} as camproxy".toString())
    verifier.verifyLogLacks('proxy-it-secret-8c1d')
    verifier.verifyLogLacks(Base64.encoder.encodeToString('camproxy:proxy-it-secret-8c1d'.bytes))
} finally {
    proxy?.close()
}
true
