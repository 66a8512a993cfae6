-- bot-service schema: bots, their knowledge documents, the local read model of each owner's
-- entitlement (from billing.entitlements) and the transactional outbox of events to publish.
CREATE TABLE bots.bots (
    id               uuid PRIMARY KEY,
    owner_id         uuid         NOT NULL,
    name             varchar(80)  NOT NULL,
    system_prompt    text,
    language         varchar(35)  NOT NULL,
    welcome_message  text         NOT NULL,
    fallback_message text         NOT NULL,
    status           varchar(16)  NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);
CREATE INDEX bots_owner_idx ON bots.bots (owner_id, created_at DESC);

CREATE TABLE bots.knowledge_documents (
    id         uuid PRIMARY KEY,
    bot_id     uuid         NOT NULL REFERENCES bots.bots (id) ON DELETE CASCADE,
    title      varchar(200) NOT NULL,
    content    text         NOT NULL,
    chars      integer      NOT NULL,
    created_at timestamptz  NOT NULL
);
CREATE INDEX knowledge_documents_bot_idx ON bots.knowledge_documents (bot_id, created_at DESC);

-- Last entitlement billing published for an owner. No row = never subscribed = no allowance.
CREATE TABLE bots.entitlements (
    owner_id              uuid PRIMARY KEY,
    plan                  varchar(32) NOT NULL,
    status                varchar(16) NOT NULL,
    bot_limit             integer     NOT NULL,
    monthly_message_limit integer     NOT NULL,
    messages_used         integer     NOT NULL,
    period_end            timestamptz,
    updated_at            timestamptz NOT NULL
);

-- Events committed with the change that caused them; OutboxRelay publishes them in `seq` order.
CREATE TABLE bots.outbox (
    seq         bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    topic       varchar(100) NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0
);
