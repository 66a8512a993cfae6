// Entities -> API bodies and event payloads; no logic beyond copying.
package app.botfactory.bots.mapping;

import app.botfactory.bots.domain.Bot;
import app.botfactory.bots.domain.KnowledgeDocument;
import app.botfactory.bots.messaging.Events;
import app.botfactory.bots.repository.KnowledgeRepository.Summary;
import app.botfactory.bots.rest.BotDtos.BotResponse;
import app.botfactory.bots.rest.BotDtos.KnowledgeResponse;
import app.botfactory.bots.rest.BotDtos.TelegramChannel;

import java.util.HashMap;
import java.util.Map;

public final class BotMapper {

    private BotMapper() { }

    public static BotResponse toResponse(Bot bot) {
        // Channel connections are owned by the channel services; this is their summary from channel.events.
        Map<String, Object> channels = new HashMap<>();
        channels.put("telegram", bot.telegramUsername == null ? null : new TelegramChannel("CONNECTED",
                bot.telegramUsername, bot.telegramWebhookUrl, bot.telegramConnectedAt));
        return new BotResponse(bot.id, bot.name, bot.systemPrompt, bot.language, bot.welcomeMessage,
                bot.fallbackMessage, bot.status, bot.createdAt, bot.updatedAt, channels);
    }

    public static Events.BotSettings toSettings(Bot bot) {
        return new Events.BotSettings(bot.id, bot.name, bot.systemPrompt, bot.language, bot.welcomeMessage,
                bot.fallbackMessage, bot.status.name(), bot.updatedAt);
    }

    public static KnowledgeResponse toResponse(KnowledgeDocument doc) {
        return new KnowledgeResponse(doc.id, doc.title, doc.chars, doc.createdAt);
    }

    public static KnowledgeResponse toResponse(Summary doc) {
        return new KnowledgeResponse(doc.id(), doc.title(), doc.chars(), doc.createdAt());
    }
}
