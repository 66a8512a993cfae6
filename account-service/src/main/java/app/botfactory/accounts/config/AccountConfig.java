// Typed configuration of account-service: token signing, password hashing cost, login throttling.
package app.botfactory.accounts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "botfactory")
public interface AccountConfig {

    Jwt jwt();

    Password password();

    Login login();

    interface Jwt {
        /** `iss` of every access token; other services verify it. */
        @WithDefault("https://botfactory.local")
        String issuer();

        /** PEM file (PKCS#8) of the RS256 signing key. Mounted in production, generated locally. */
        Optional<String> privateKeyLocation();

        @WithDefault("15M")
        Duration accessTokenLifetime();

        @WithDefault("30D")
        Duration refreshTokenLifetime();
    }

    interface Password {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    interface Login {
        @WithDefault("5")
        int maxFailuresPerEmail();

        @WithDefault("30")
        int maxFailuresPerClient();

        @WithDefault("15M")
        Duration window();
    }
}
