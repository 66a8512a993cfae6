// A business owner's account. The email is stored lower-cased; the password only as an Argon2id hash.
package app.botfactory.accounts.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
