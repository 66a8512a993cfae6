// Keeps the layering honest (LayeringRules): resources talk to services, never to repositories.
package app.botfactory.telegram;

import app.botfactory.testsupport.LayeringRules;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    @Test
    void keepsTheServiceLayering() {
        LayeringRules.check("app.botfactory.telegram");
    }
}
