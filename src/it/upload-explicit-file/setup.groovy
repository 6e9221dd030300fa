import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

// A real ZIP with an upper-case extension, built here so the repository holds no binary.
def dist = new File(basedir, 'dist')
dist.mkdirs()
new ZipOutputStream(new FileOutputStream(new File(dist, 'Connector_Archive-v1.0.ZIP'))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry('lib/connector.txt'))
    zip.write(('connector bytes ' * 1000).bytes)
    zip.closeEntry()
}
true
