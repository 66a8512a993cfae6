// Until a payment provider is integrated, plan changes are approved without charging.
package app.botfactory.billing.payment;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@DefaultBean
@ApplicationScoped
public class NoPaymentGateway implements PaymentGateway {

    @Override
    public Uni<Charge> charge(UUID accountId, String planCode, int amountCents, String currency) {
        return Uni.createFrom().item(new Charge(true, null, "no-payment-required"));
    }
}
