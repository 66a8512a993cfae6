// Asks billing-service what the caller's plan allows right now, failing soft: any error, timeout or
// 404 (never subscribed) yields empty, so a refusal based on the read model simply stands.
package app.botfactory.bots.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

@ApplicationScoped
public class BillingClient {

    private static final Logger LOG = Logger.getLogger(BillingClient.class);

    private final BillingApi api;
    private final Duration timeout;

    public BillingClient(@RestClient BillingApi api,
                         @ConfigProperty(name = "botfactory.billing.timeout", defaultValue = "2s") Duration timeout) {
        this.api = api;
        this.timeout = timeout;
    }

    public Uni<Optional<BillingApi.Subscription>> current(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return api.me(authorization)
                .ifNoItem().after(timeout).fail()
                .map(s -> s == null || s.plan() == null || s.status() == null || s.usage() == null
                        || s.usage().botLimit() == null ? Optional.<BillingApi.Subscription>empty() : Optional.of(s))
                .onFailure().recoverWithItem(e -> {
                    // The reason only: no token or body in the log.
                    LOG.debugf("billing subscription lookup failed: %s", e.getClass().getSimpleName());
                    return Optional.empty();
                });
    }
}
