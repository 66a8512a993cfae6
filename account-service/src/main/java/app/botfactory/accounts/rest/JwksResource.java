// Publishes the public signing keys so every other service can verify access tokens by `kid`.
package app.botfactory.accounts.rest;

import app.botfactory.accounts.service.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

@Path("/.well-known/jwks.json")
@Tag(name = "keys")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "RS256 public keys (JWK Set) that sign access tokens")
    public RestResponse<Map<String, Object>> jwks() {
        return RestResponse.ResponseBuilder.ok(keys.jwks())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
