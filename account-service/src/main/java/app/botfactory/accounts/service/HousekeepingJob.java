// Periodically deletes expired refresh tokens and closed throttle windows so both tables stay small.
package app.botfactory.accounts.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

@ApplicationScoped
public class HousekeepingJob {

    private static final Logger LOG = Logger.getLogger(HousekeepingJob.class);

    private final AuthService auth;
    private final LoginThrottle throttle;

    public HousekeepingJob(AuthService auth, LoginThrottle throttle) {
        this.auth = auth;
        this.throttle = throttle;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return auth.purgeExpiredRefreshTokens()
                .chain(tokens -> throttle.purgeClosedWindows()
                        .invoke(windows -> LOG.infof("housekeeping refreshTokens=%d throttleWindows=%d",
                                tokens, windows)))
                .replaceWithVoid();
    }
}
