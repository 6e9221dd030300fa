package dev.connectops.cam;

import dev.connectops.cam.api.ApiCredentials;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Finds the Confluent Cloud API key and secret: the settings.xml server named by {@code serverId}
 * (decrypting that server only, so an unrelated server that cannot be decrypted breaks nothing), else
 * the two environment variables whose names are parameters.
 */
final class SettingsCredentials {
    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Properties environment;

    /**
     * @param environment Maven's system properties, where every environment variable NAME is {@code env.NAME}
     */
    SettingsCredentials(Settings settings, SettingsDecrypter decrypter, Properties environment) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    ApiCredentials resolve(String serverId, String keyEnv, String secretEnv) throws MojoFailureException {
        Server server = settings == null || serverId == null ? null : settings.getServer(serverId);
        if (server != null) {
            return fromServer(server, keyEnv, secretEnv);
        }
        String key = env(keyEnv);
        String secret = env(secretEnv);
        if (key != null && secret != null) {
            return new ApiCredentials(key, secret, "environment variables " + keyEnv + "/" + secretEnv);
        }
        if (key != null || secret != null) {
            String missing = key == null ? keyEnv : secretEnv;
            throw new MojoFailureException("Only half of the Confluent Cloud API credentials are set: the environment"
                    + " variable " + missing + " is missing or empty. " + howTo(serverId, keyEnv, secretEnv));
        }
        throw new MojoFailureException("No Confluent Cloud API credentials found: settings.xml has no <server> with"
                + " id '" + serverId + "' and the environment variables " + keyEnv + " and " + secretEnv
                + " are not set. " + howTo(serverId, keyEnv, secretEnv));
    }

    private ApiCredentials fromServer(Server server, String keyEnv, String secretEnv) throws MojoFailureException {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        String problems = result.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage).collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            throw new MojoFailureException("The password of settings.xml server '" + server.getId() + "' cannot be"
                    + " decrypted: " + problems + ". Check ~/.m2/settings-security.xml (see 'mvn"
                    + " --encrypt-master-password').");
        }
        Server decrypted = result.getServer() == null ? server : result.getServer();
        String key = blankToNull(decrypted.getUsername());
        String secret = blankToNull(decrypted.getPassword());
        if (key == null || secret == null) {
            throw new MojoFailureException("settings.xml server '" + server.getId() + "' has no "
                    + (key == null ? "<username> (the API key)" : "<password> (the API secret)") + ". "
                    + howTo(server.getId(), keyEnv, secretEnv));
        }
        return new ApiCredentials(key, secret, "settings.xml server '" + server.getId() + "'");
    }

    private String env(String name) {
        return name == null || name.isBlank() ? null : blankToNull(environment.getProperty("env." + name.strip()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String howTo(String serverId, String keyEnv, String secretEnv) {
        return "Either add to ~/.m2/settings.xml <servers><server><id>" + serverId + "</id><username>API key"
                + "</username><password>API secret (encrypt it with 'mvn --encrypt-password')</password></server>"
                + "</servers> (the id is set by <serverId>, -Dcam.serverId), or export " + keyEnv + " and " + secretEnv
                + " (names set by <apiKeyEnv> and <apiSecretEnv>, -Dcam.apiKeyEnv and -Dcam.apiSecretEnv).";
    }
}
