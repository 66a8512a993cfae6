-- account-service schema: users, refresh-token families and login throttling counters.
CREATE TABLE accounts.users (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    name          varchar(100) NOT NULL,
    password_hash varchar(255) NOT NULL,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email)
);

-- A refresh token is stored only as its SHA-256 hash. Tokens issued from one login share a
-- family; presenting a spent token again revokes the whole family (reuse detection).
CREATE TABLE accounts.refresh_tokens (
    id          uuid PRIMARY KEY,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES accounts.users (id) ON DELETE CASCADE,
    token_hash  varchar(64) NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family_idx ON accounts.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expiry_idx ON accounts.refresh_tokens (expires_at);

-- Failed-login counters per key ("email:<addr>" or "client:<ip>") in a fixed window.
-- Kept in Postgres so every replica of the service sees the same counts.
CREATE TABLE accounts.login_throttle (
    throttle_key      varchar(300) PRIMARY KEY,
    failures          integer     NOT NULL,
    window_started_at timestamptz NOT NULL
);
