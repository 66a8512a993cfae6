// One Clock for the whole service, so time-dependent rules (token expiry, throttle windows)
// can be driven by a controllable clock in tests instead of by sleeping.
package app.botfactory.platform.web;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
