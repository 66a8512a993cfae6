-- billing-service schema: the plan catalogue, one subscription row per account (kept forever, so
-- "one trial per account" survives every plan change), metered usage per period, the bots each
-- owner has (from bot.events) and the outbox of billing.entitlements events.
CREATE TABLE billing.plans (
    code                  varchar(32) PRIMARY KEY,
    name                  varchar(80) NOT NULL,
    price_monthly_cents   integer     NOT NULL,
    currency              varchar(3)  NOT NULL,
    bot_limit             integer     NOT NULL,
    monthly_message_limit integer     NOT NULL,
    trial_days            integer     NOT NULL,
    sort_order            integer     NOT NULL
);

INSERT INTO billing.plans VALUES
    ('TRIAL',    'Free trial',  0,     'USD', 1,  300,   14, 0),
    ('STARTER',  'Starter',     1900,  'USD', 1,  2000,  0,  1),
    ('PRO',      'Pro',         4900,  'USD', 3,  10000, 0,  2),
    ('BUSINESS', 'Business',    14900, 'USD', 10, 50000, 0,  3);

CREATE TABLE billing.subscriptions (
    account_id           uuid PRIMARY KEY,
    plan_code            varchar(32) NOT NULL REFERENCES billing.plans (code),
    status               varchar(16) NOT NULL,
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    trial_started_at     timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX subscriptions_due_idx ON billing.subscriptions (current_period_end) WHERE status <> 'EXPIRED';

-- Messages counted per account and period; `message_id` makes redelivered records count once.
CREATE TABLE billing.metered_messages (
    message_id   varchar(100) PRIMARY KEY,
    account_id   uuid        NOT NULL,
    period_start timestamptz NOT NULL,
    counted_at   timestamptz NOT NULL
);
CREATE INDEX metered_messages_counted_idx ON billing.metered_messages (counted_at);

CREATE TABLE billing.usage_counters (
    account_id   uuid        NOT NULL,
    period_start timestamptz NOT NULL,
    messages     integer     NOT NULL,
    PRIMARY KEY (account_id, period_start)
);

CREATE TABLE billing.owner_bots (
    bot_id   uuid PRIMARY KEY,
    owner_id uuid NOT NULL
);
CREATE INDEX owner_bots_owner_idx ON billing.owner_bots (owner_id);

CREATE TABLE billing.outbox (
    seq         bigserial PRIMARY KEY,
    event_id    uuid         NOT NULL UNIQUE,
    topic       varchar(100) NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    attempts    integer      NOT NULL DEFAULT 0
);
