import dev.connectops.cam.it.SandboxRecord
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

new ZipOutputStream(new FileOutputStream(new File(basedir, "connector.zip"))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry("lib/connector.txt"))
    zip.write("connector".bytes)
    zip.closeEntry()
}
// The API hands out a form signed with the wrong secret: S3Proxy answers an empty 403.
new SandboxRecord(sandboxWorkDir).stubPresign('env-403x01', [signingSecret: 'not-the-s3-secret'], false)
true
