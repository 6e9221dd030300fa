package dev.connectops.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectops.cam.http.HttpProxy;
import java.net.URI;
import java.util.Optional;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy chosen per target host from settings.xml {@code <proxies>}, through a resolver session built the
 * way Maven 3.9 builds it (DefaultRepositorySystemSessionFactory): the active proxies, decrypted, each added
 * to a {@link DefaultProxySelector} with its credentials and nonProxyHosts.
 */
class ResolverProxyLookupTest {
    private static final URI API = URI.create("https://api.confluent.cloud/cam/v1/presigned-upload-url");
    private static final URI UPLOAD =
            URI.create("https://confluent-custom-connectors-prod.s3.us-west-2.amazonaws.com/");

    private static String inheritedSettingsSecurity;

    @BeforeAll
    static void clearSettingsSecurityProperty() {
        inheritedSettingsSecurity = SettingsFixture.clearSettingsSecurityProperty();
    }

    @AfterAll
    static void restoreSettingsSecurityProperty() {
        SettingsFixture.restoreSettingsSecurityProperty(inheritedSettingsSecurity);
    }

    @Test
    void noResolverSessionMeansDirect() {
        assertEquals(Optional.empty(), new ResolverProxyLookup(null).proxyFor(UPLOAD));
    }

    @Test
    void noProxiesMeansDirect() {
        assertEquals(Optional.empty(), new ResolverProxyLookup(new DefaultRepositorySystemSession()).proxyFor(UPLOAD));
    }

    @Test
    void httpProxyAlsoServesHttpsTargetsWithDecryptedCredentials() {
        HttpProxy proxy = lookup("settings-proxies.xml").proxyFor(UPLOAD).orElseThrow();

        assertEquals(new HttpProxy("http", "proxy.corp.example", 3128, "proxyuser", "proxyPass-42"), proxy);
        assertFalse(proxy.toString().contains("proxyPass-42"), proxy.toString());
        assertEquals("http://proxy.corp.example:3128 as proxyuser", proxy.describe());
    }

    @Test
    void eachHostIsLookedUpSeparatelyHonouringNonProxyHosts() {
        ResolverProxyLookup lookup = lookup("settings-proxies.xml");

        assertEquals(Optional.empty(), lookup.proxyFor(API), "*.confluent.cloud is in nonProxyHosts");
        assertTrue(lookup.proxyFor(UPLOAD).isPresent(), "the S3 host is not");
        assertEquals(Optional.empty(), lookup.proxyFor(URI.create("http://localhost:8089/cam/v1/x")));
    }

    @Test
    void plainHttpTargetUsesTheHttpProxy() {
        HttpProxy proxy =
                lookup("settings-proxy-https.xml").proxyFor(URI.create("http://upload.example/")).orElseThrow();

        assertEquals(new HttpProxy("http", "proxy.corp.example", 8080, null, null), proxy);
    }

    /**
     * {@code <protocol>https</protocol>} says the proxy serves https targets; Maven 3.9.16 itself still talks to
     * it in plain HTTP (resolver 1.9.27's HttpTransporter.toHost builds {@code new HttpHost(host, port)}, and
     * wagon-http does the same), tunnelling with CONNECT. Speaking TLS to it fails the handshake with the
     * usual corporate proxy that Maven's own downloads go through.
     */
    @Test
    void proxyDeclaredForHttpsIsStillSpokenToInPlainHttpAsMavenDoes() {
        HttpProxy proxy = lookup("settings-proxy-https.xml").proxyFor(UPLOAD).orElseThrow();

        assertEquals("proxy.corp.example", proxy.host());
        assertEquals(8080, proxy.port());
        assertEquals("http", proxy.scheme(), "the scheme used to reach the proxy itself");
    }

    private static ResolverProxyLookup lookup(String settingsFile) {
        return new ResolverProxyLookup(SettingsFixture.resolverSession(SettingsFixture.settings(settingsFile)));
    }
}
