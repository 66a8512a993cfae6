// Request and response bodies of the accounts API, exactly as the platform contract spells them.
package app.botfactory.accounts.rest;

import app.botfactory.platform.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

public final class AccountDtos {

    private AccountDtos() { }

    public record RegisterRequest(
            @NotBlank @Size(max = 254) @Pattern(regexp = "^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$",
                    message = "must be a valid email address") String email,
            @NotBlank @Size(min = 8, max = 128, message = "must be between 8 and 128 characters")
            String password,
            @NotBlank @Size(max = 100) @PlainText
            String name) { }

    public record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password) { }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) { }

    public record UserResponse(UUID id, String email, String name, Instant createdAt) { }

    public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) { }
}
