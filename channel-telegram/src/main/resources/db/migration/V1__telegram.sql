-- channel-telegram schema: the bots it serves (read model of bot.events), each bot's Telegram
-- connection (token encrypted with AES-GCM), updates already taken in (dedupe by update_id),
-- the durable queue of replies to deliver, and the outbox for chat.inbound and dead letters.
CREATE TABLE telegram.bots (
    bot_id          uuid PRIMARY KEY,
    owner_id        uuid        NOT NULL,
    welcome_message text        NOT NULL,
    status          varchar(16) NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE telegram.connections (
    bot_id          uuid PRIMARY KEY,
    token_sealed    text         NOT NULL,
    secret_token    varchar(64)  NOT NULL,
    telegram_id     bigint       NOT NULL,
    username        varchar(64)  NOT NULL,
    webhook_url     varchar(500) NOT NULL,
    connected_at    timestamptz  NOT NULL
);

CREATE TABLE telegram.processed_updates (
    bot_id      uuid        NOT NULL,
    update_id   bigint      NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX processed_updates_received_idx ON telegram.processed_updates (received_at);

-- One row per reply (chat.outbound messageId): delivered once, in order per chat, resumable
-- part by part after a crash, retried with backoff, dead-lettered on permanent refusals.
CREATE TABLE telegram.deliveries (
    message_id      varchar(100) PRIMARY KEY,
    bot_id          uuid         NOT NULL,
    chat_id         varchar(64)  NOT NULL,
    kind            varchar(16)  NOT NULL,
    text            text         NOT NULL,
    payload         text         NOT NULL,
    status          varchar(16)  NOT NULL,
    parts_sent      integer      NOT NULL DEFAULT 0,
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    last_error      varchar(500),
    created_at      timestamptz  NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX deliveries_pending_idx ON telegram.deliveries (next_attempt_at, created_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_chat_idx ON telegram.deliveries (bot_id, chat_id, created_at) WHERE status = 'PENDING';

CREATE TABLE telegram.outbox (
    seq         bigserial PRIMARY KEY,
    event_id    uuid         NOT NULL UNIQUE,
    topic       varchar(100) NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    attempts    integer      NOT NULL DEFAULT 0,
    headers     text
);
