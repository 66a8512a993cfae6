-- What the channel services report about a bot's connections (channel.events): shown as
-- bot.channels.telegram. Owned by channel-telegram; this is bot-service's copy for display only.
ALTER TABLE bots.bots
    ADD COLUMN telegram_username     text,
    ADD COLUMN telegram_webhook_url  text,
    ADD COLUMN telegram_connected_at timestamptz;
