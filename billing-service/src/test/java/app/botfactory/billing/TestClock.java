// Replaces the service's system clock (a @DefaultBean) with one the lifecycle tests move by hand.
package app.botfactory.billing;

import app.botfactory.testsupport.MutableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

public class TestClock {

    static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
