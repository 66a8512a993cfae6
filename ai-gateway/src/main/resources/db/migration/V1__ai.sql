-- ai-gateway schema: its own copy of each bot's settings and knowledge (from bot.events and
-- knowledge.events) cut into indexed passages, the owners' entitlements (billing.entitlements),
-- bounded conversation memory, the inbound messages already answered, and the outbox.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ai;

CREATE TABLE ai.bots (
    bot_id           uuid PRIMARY KEY,
    owner_id         uuid        NOT NULL,
    name             varchar(80) NOT NULL,
    system_prompt    text,
    language         varchar(35) NOT NULL,
    fallback_message text        NOT NULL,
    status           varchar(16) NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- Passages of the knowledge base. `norm` is TextNormalizer's spelling of title + text; the
-- `simple` text search over it is script- and language-agnostic, trigrams catch typos.
CREATE TABLE ai.chunks (
    id       bigserial PRIMARY KEY,
    bot_id   uuid         NOT NULL,
    doc_id   uuid         NOT NULL,
    title    varchar(200) NOT NULL,
    ord      integer      NOT NULL,
    content  text         NOT NULL,
    norm     text         NOT NULL,
    tsv      tsvector     GENERATED ALWAYS AS (to_tsvector('simple', norm)) STORED
);
CREATE INDEX chunks_bot_idx ON ai.chunks (bot_id);
CREATE INDEX chunks_doc_idx ON ai.chunks (doc_id);
CREATE INDEX chunks_tsv_idx ON ai.chunks USING gin (tsv);
CREATE INDEX chunks_trgm_idx ON ai.chunks USING gin (norm ai.gin_trgm_ops);

CREATE TABLE ai.entitlements (
    owner_id              uuid PRIMARY KEY,
    plan                  varchar(32) NOT NULL,
    status                varchar(16) NOT NULL,
    monthly_message_limit integer     NOT NULL,
    messages_used         integer     NOT NULL,
    period_end            timestamptz,
    updated_at            timestamptz NOT NULL
);

CREATE TABLE ai.turns (
    id         bigserial PRIMARY KEY,
    bot_id     uuid        NOT NULL,
    chat_key   varchar(120) NOT NULL,
    role       varchar(8)  NOT NULL,
    text       text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX turns_chat_idx ON ai.turns (bot_id, chat_key, id DESC);

-- An inbound messageId is answered once: the same record delivered again finds its row here.
CREATE TABLE ai.answered (
    message_id  varchar(100) PRIMARY KEY,
    outbound_id varchar(120) NOT NULL,
    kind        varchar(16)  NOT NULL,
    answered_at timestamptz  NOT NULL
);

CREATE TABLE ai.outbox (
    seq         bigserial PRIMARY KEY,
    event_id    uuid         NOT NULL UNIQUE,
    topic       varchar(100) NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    attempts    integer      NOT NULL DEFAULT 0,
    headers     text
);
