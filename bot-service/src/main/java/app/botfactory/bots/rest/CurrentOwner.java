// The calling owner's account id, from the verified access token's `sub`.
package app.botfactory.bots.rest;

import app.botfactory.platform.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

@RequestScoped
public class CurrentOwner {

    private final JsonWebToken jwt;

    public CurrentOwner(JsonWebToken jwt) {
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
