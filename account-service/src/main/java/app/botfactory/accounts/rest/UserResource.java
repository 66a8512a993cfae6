// HTTP face of accounts: validates input, delegates to the services, maps results to the contract.
package app.botfactory.accounts.rest;

import app.botfactory.platform.web.Problem;
import app.botfactory.accounts.mapping.UserMapper;
import app.botfactory.accounts.rest.AccountDtos.LoginRequest;
import app.botfactory.accounts.rest.AccountDtos.RefreshRequest;
import app.botfactory.accounts.rest.AccountDtos.RegisterRequest;
import app.botfactory.accounts.rest.AccountDtos.TokenResponse;
import app.botfactory.accounts.rest.AccountDtos.UserResponse;
import app.botfactory.accounts.service.AccountService;
import app.botfactory.accounts.service.AuthService;
import app.botfactory.accounts.service.AuthService.TokenPair;
import app.botfactory.accounts.service.TokenIssuer;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts", description = "Sign-up, login and session tokens")
public class UserResource {

    private final AccountService accounts;
    private final AuthService auth;
    private final JsonWebToken jwt;

    public UserResource(AccountService accounts, AuthService auth, JsonWebToken jwt) {
        this.accounts = accounts;
        this.auth = auth;
        this.jwt = jwt;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an owner account")
    @APIResponse(responseCode = "201", description = "Account created",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Email already registered", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<UserResponse>> register(@Valid @NotNull RegisterRequest body) {
        return accounts.register(body.email(), body.password(), body.name())
                .map(UserMapper::toResponse)
                .map(user -> RestResponse.ResponseBuilder.<UserResponse>created(URI.create("/api/users/me"))
                        .entity(user).build());
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange email and password for an access and a refresh token")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Wrong email or password", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failures; see Retry-After", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        return auth.login(body.email(), body.password(), clientOf(request)).map(UserResource::toResponse);
    }

    @POST
    @Path("/token/refresh")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate a refresh token: it works once, and reuse revokes its whole family")
    @APIResponse(responseCode = "200", description = "A new token pair",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or reused token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest body) {
        return auth.refresh(body.refreshToken()).map(UserResource::toResponse);
    }

    @POST
    @Path("/logout")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "End this session: revokes the refresh-token family the access token belongs to")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "Missing or invalid access token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> logout() {
        String session = jwt.getClaim(TokenIssuer.SESSION_CLAIM);
        return auth.logout(session, null).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The profile of the calling owner")
    @APIResponse(responseCode = "200", description = "Profile",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid access token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserResponse> me() {
        return accounts.profile(UUID.fromString(jwt.getSubject())).map(UserMapper::toResponse);
    }

    private static TokenResponse toResponse(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
    }

    /** The caller's address; X-Forwarded-For is honoured only from the trusted gateway (see config). */
    private static String clientOf(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
