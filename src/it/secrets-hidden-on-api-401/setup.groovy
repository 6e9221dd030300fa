import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

// A real ZIP, built here so the repository holds no binary.
new ZipOutputStream(new FileOutputStream(new File(basedir, "connector.zip"))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry("lib/connector.txt"))
    zip.write("connector".bytes)
    zip.closeEntry()
}
true
