// Login throttling: too many failures for one email or from one client inside the window
// lock that key until the window ends (429 with Retry-After). Checked before any hashing.
package app.botfactory.accounts.service;

import app.botfactory.accounts.config.AccountConfig;
import app.botfactory.platform.web.ApiException;
import app.botfactory.accounts.repository.LoginThrottleRepository;
import app.botfactory.accounts.repository.LoginThrottleRepository.Counter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final LoginThrottleRepository repository;
    private final AccountConfig.Login config;
    private final Clock clock;

    public LoginThrottle(LoginThrottleRepository repository, AccountConfig config, Clock clock) {
        this.repository = repository;
        this.config = config.login();
        this.clock = clock;
    }

    public static String emailKey(String email) {
        return "email:" + email;
    }

    public static String clientKey(String client) {
        return "client:" + client;
    }

    public Uni<Void> ensureAllowed(String emailKey, String clientKey) {
        Instant now = clock.instant();
        return repository.openCounters(List.of(emailKey, clientKey), now.minus(config.window()))
                .invoke(counters -> counters.stream()
                        .filter(this::overLimit)
                        .map(c -> c.windowStartedAt().plus(config.window()))
                        .max(Instant::compareTo)
                        .ifPresent(until -> {
                            throw tooMany(now, until);
                        }))
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(String emailKey, String clientKey) {
        Instant now = clock.instant();
        Instant windowOpenedAfter = now.minus(config.window());
        return repository.recordFailure(emailKey, now, windowOpenedAfter)
                .chain(() -> repository.recordFailure(clientKey, now, windowOpenedAfter));
    }

    public Uni<Void> recordSuccess(String emailKey) {
        return repository.clear(emailKey);
    }

    public Uni<Integer> purgeClosedWindows() {
        return repository.deleteWindowsBefore(clock.instant().minus(config.window()));
    }

    private boolean overLimit(Counter counter) {
        int limit = counter.key().startsWith("email:") ? config.maxFailuresPerEmail() : config.maxFailuresPerClient();
        return counter.failures() >= limit;
    }

    private static ApiException tooMany(Instant now, Instant until) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
        LOG.infof("login throttled outcome=429 retryAfter=%d", seconds);
        return new ApiException(429, "too-many-login-attempts", "Too Many Requests",
                "Too many failed logins. Try again in " + seconds + " seconds.",
                Map.of("Retry-After", Long.toString(seconds)));
    }
}
