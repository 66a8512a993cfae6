// Identifies the service at its root, so a misrouted gateway call is easy to spot.
package app.botfactory.telegram.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

@Path("/")
public class ServiceInfoResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Service name; real endpoints arrive with this service's issue")
    public Map<String, String> info() {
        return Map.of("service", "channel-telegram", "status", "skeleton");
    }
}
