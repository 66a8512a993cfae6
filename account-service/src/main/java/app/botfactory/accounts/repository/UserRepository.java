// Users by id and by normalised email.
package app.botfactory.accounts.repository;

import app.botfactory.accounts.domain.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Uni<User> findByEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResult();
    }

    public Uni<Boolean> emailTaken(String normalisedEmail) {
        return count("email", normalisedEmail).map(n -> n > 0);
    }
}
