package dev.connectops.cam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.settings.io.DefaultSettingsReader;
import org.apache.maven.settings.io.SettingsReader;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * Real settings.xml fixtures and a real {@link SettingsDecrypter} built outside Maven, the way Maven 3.9
 * wires it: {@code DefaultSettingsDecrypter} over a {@code DefaultSecDispatcher} with a
 * {@code DefaultPlexusCipher}, reading its master password from a settings-security.xml fixture.
 */
final class SettingsFixture {
    static final String DIR = "/dev/connectops/cam/settings/";
    private static final String SETTINGS_SECURITY = DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION;

    private SettingsFixture() {
    }

    /** Parses a settings.xml fixture (strictly, as Maven does). */
    static Settings settings(String name) {
        try {
            return new DefaultSettingsReader().read(resource(name).toFile(), Map.of(SettingsReader.IS_STRICT, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decrypter whose master password comes from the given settings-security.xml, which need not exist. */
    static SettingsDecrypter decrypter(Path settingsSecurity) {
        DefaultSecDispatcher dispatcher =
                new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), settingsSecurity.toString());
        return new DefaultSettingsDecrypter(dispatcher);
    }

    /** A decrypter reading the settings-security.xml fixture. */
    static SettingsDecrypter decrypter() {
        return decrypter(resource("settings-security.xml"));
    }

    /**
     * DefaultSecDispatcher prefers the system property {@code settings.security} over its configured file, and
     * surefire hands {@code mvn -Dsettings.security=...} to the test JVM: clear it for the fixtures.
     *
     * @return the value it had, for {@link #restoreSettingsSecurityProperty(String)}
     */
    static String clearSettingsSecurityProperty() {
        return System.clearProperty(SETTINGS_SECURITY);
    }

    static void restoreSettingsSecurityProperty(String previous) {
        if (previous != null) {
            System.setProperty(SETTINGS_SECURITY, previous);
        }
    }

    /**
     * The resolver session Maven 3.9 builds from these settings (DefaultRepositorySystemSessionFactory): the
     * active proxies, decrypted with the settings-security.xml fixture, each added to a {@link DefaultProxySelector}
     * with its credentials and nonProxyHosts.
     */
    static RepositorySystemSession resolverSession(Settings settings) {
        List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
        SettingsDecryptionResult decrypted =
                decrypter().decrypt(new DefaultSettingsDecryptionRequest().setProxies(active));
        if (!decrypted.getProblems().isEmpty()) {
            throw new IllegalStateException("The fixture's proxies cannot be decrypted: " + decrypted.getProblems());
        }
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy proxy : decrypted.getProxies()) {
            selector.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                    new AuthenticationBuilder().addUsername(proxy.getUsername()).addPassword(proxy.getPassword())
                            .build()), proxy.getNonProxyHosts());
        }
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setProxySelector(selector);
        return session;
    }

    static Path resource(String name) {
        URL url = SettingsFixture.class.getResource(DIR + name);
        if (url == null) {
            throw new IllegalStateException("Missing test fixture " + DIR + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
