import dev.connectops.cam.http.LoopbackForwardProxy
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

// A real ZIP, built here so the repository holds no binary; random content so that it does not compress, and
// the proxy has a few hundred kilobytes to stream.
byte[] content = new byte[400_000]
new Random(11).nextBytes(content)
new ZipOutputStream(new FileOutputStream(new File(basedir, 'connector.zip'))).withCloseable { zip ->
    zip.putNextEntry(new ZipEntry('lib/connector.bin'))
    zip.write(content)
    zip.closeEntry()
}

// The forward proxy runs in this JVM (the invoker's) until verify.groovy stops it, on a port known only now,
// so the settings that name it are written here. Its password, "proxy-it-secret-8c1d", appears in the
// settings only encrypted (mvn --encrypt-password, with settings-security.xml beside this script).
def proxy = LoopbackForwardProxy.start('camproxy', 'proxy-it-secret-8c1d')
context.put('proxy', proxy)
new File(basedir, 'global-settings.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<settings>
  <proxies>
    <proxy>
      <id>it-proxy</id>
      <active>true</active>
      <protocol>http</protocol>
      <host>${proxy.host()}</host>
      <port>${proxy.port()}</port>
      <username>camproxy</username>
      <password>{E3bB0XMYDREHKlwjr4w3/XaZEA1Vu0tID1l8uFViJJIlYxBhYdUBWCWD58XQSdh0}</password>
      <nonProxyHosts>*.corp.example|intranet</nonProxyHosts>
    </proxy>
  </proxies>
</settings>
"""
context.get('userProperties').put('settings.security', new File(basedir, 'settings-security.xml').absolutePath)
true
