import dev.connectops.cam.it.SandboxRecord
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

new ZipOutputStream(new FileOutputStream(new File(basedir, "connector.zip"))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry("lib/connector.txt"))
    zip.write("connector".bytes)
    zip.closeEntry()
}
// The first form the API hands out expired a minute ago; the next one is fresh.
new SandboxRecord(sandboxWorkDir).stubPresign('env-expired01', [expiresInSeconds: -60], true)
true
