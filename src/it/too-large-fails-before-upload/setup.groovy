import dev.connectops.cam.it.SandboxRecord
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

new ZipOutputStream(new FileOutputStream(new File(basedir, "connector.zip"))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry("lib/connector.txt"))
    zip.write("connector".bytes)
    zip.closeEntry()
}
// The policy admits at most 10 bytes.
new SandboxRecord(sandboxWorkDir).stubPresign('env-toolarge01', [maxBytes: 10], false)
true
