// The calling owner's account id, taken from the verified access token's `sub`; every query a
// service runs for a caller is scoped by it.
package app.botfactory.platform.web;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

@RequestScoped
public class CallerAccount {

    private final JsonWebToken jwt;

    public CallerAccount(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public UUID id() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw ApiException.unauthorized("The access token does not name an account.");
        }
    }
}
