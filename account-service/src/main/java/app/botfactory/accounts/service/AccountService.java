// Sign-up and profile. Hashing runs on a worker thread before the transaction opens, so no
// database connection is held while Argon2 burns CPU.
package app.botfactory.accounts.service;

import app.botfactory.accounts.domain.User;
import app.botfactory.platform.web.ApiException;
import app.botfactory.accounts.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    public static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Uni<User> register(String email, String password, String name) {
        String normalised = normaliseEmail(email);
        return hasher.hashAsync(password)
                .chain(hash -> Panache.withTransaction(() -> insertUnlessTaken(normalised, name.trim(), hash)))
                .onFailure(AccountService::isEmailUniqueViolation).transform(e -> emailTaken())
                .invoke(user -> LOG.infof("account registered user=%s outcome=created", user.id));
    }

    @WithSession
    public Uni<User> profile(UUID userId) {
        return users.findById(userId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("This account no longer exists."));
    }

    private Uni<User> insertUnlessTaken(String email, String name, String hash) {
        return users.emailTaken(email).chain(taken -> {
            if (taken) {
                return Uni.createFrom().failure(emailTaken());
            }
            User user = new User();
            user.id = UUID.randomUUID();
            user.email = email;
            user.name = name;
            user.passwordHash = hash;
            // Postgres keeps microseconds; truncating keeps the 201 body equal to later reads.
            user.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return users.persist(user);
        });
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("email-taken", "An account with this email already exists.");
    }

    /** Two sign-ups racing for one email: the loser hits the unique index, which is a 409 too. */
    private static boolean isEmailUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("users_email_key")) {
                return true;
            }
        }
        return false;
    }
}
