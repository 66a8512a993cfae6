// One customer message in, exactly one reply out: skips messages already answered, produces the
// answer (AnswerService), then in one transaction claims the inbound id, remembers the turns and
// writes the chat.outbound record to the outbox. The outbound id derives from the inbound id, so
// even a lost race can never put two different replies on the wire. The owner's test chat asks
// bot-service (with the owner's token) about a bot bot.events has not brought yet, instead of a 404.
package app.botfactory.ai.service;

import app.botfactory.ai.client.BotServiceApi;
import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.repository.AnsweredRepository;
import app.botfactory.ai.repository.BotCopyRepository;
import app.botfactory.ai.repository.ConversationRepository;
import app.botfactory.ai.service.AnswerService.Answer;
import app.botfactory.platform.outbox.EventOutbox;
import app.botfactory.platform.web.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class ConversationService {

    /** Channel name of the owner's test chat (POST /api/bots/{id}/ask). */
    public static final String TEST_CHAT = "test-chat";

    private static final Logger LOG = Logger.getLogger(ConversationService.class);

    private final BotCopyRepository bots;
    private final AnsweredRepository answered;
    private final ConversationRepository conversations;
    private final AnswerService answers;
    private final EventOutbox outbox;
    private final Clock clock;
    private final BotServiceApi botService;

    public ConversationService(BotCopyRepository bots, AnsweredRepository answered,
                               ConversationRepository conversations, AnswerService answers, EventOutbox outbox,
                               Clock clock, @RestClient BotServiceApi botService) {
        this.botService = botService;
        this.bots = bots;
        this.answered = answered;
        this.conversations = conversations;
        this.answers = answers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A channel message: answered once; a redelivery returns null and publishes nothing. */
    public Uni<Answer> reply(Events.InboundMessage m) {
        return Panache.withSession(() -> answered.seen(m.messageId())).chain(seen -> seen
                        ? Uni.createFrom().<Answer>nullItem() : answerNew(m));
    }

    private Uni<Answer> answerNew(Events.InboundMessage m) {
        // A bot created a moment ago may still be on its way through bot.events: wait a little.
        return Panache.withSession(() -> bots.findById(m.botId()))
                .onItem().ifNull().failWith(() -> new UnknownBot(m.botId()))
                .onFailure(UnknownBot.class).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(8)
                .chain(bot -> {
                    String chatKey = m.channel() + ":" + m.chatId();
                    return answers.answer(bot, chatKey, m.text())
                            .call(a -> record(bot, m.messageId(), m.channel(), m.chatId(), chatKey, m.text(), a));
                });
    }

    /** The owner's test chat: same path, answered synchronously; counts toward usage via chat.outbound. */
    public Uni<Answer> ask(UUID ownerId, UUID botId, String text, String authorization) {
        return Panache.withSession(() -> bots.findById(botId))
                .onItem().ifNull().switchTo(() -> newBot(ownerId, botId, authorization))
                .onItem().ifNull().failWith(() -> ApiException.notFound("bot-not-found", "No bot with id " + botId + "."))
                .invoke(bot -> {
                    if (!bot.ownerId.equals(ownerId)) {
                        throw ApiException.notFound("bot-not-found", "No bot with id " + botId + ".");
                    }
                })
                .chain(bot -> {
                    String chatId = "owner-" + ownerId;
                    String chatKey = TEST_CHAT + ":" + chatId;
                    String messageId = "ask:" + UUID.randomUUID();
                    return answers.answer(bot, chatKey, text, authorization)
                            .call(a -> record(bot, messageId, TEST_CHAT, chatId, chatKey, text, a));
                });
    }

    /**
     * The caller's bot as bot-service knows it, when bot.events has not delivered it yet; null when
     * bot-service says no (not the caller's, or gone) or cannot be asked. Not stored: the event does that.
     */
    private Uni<BotCopy> newBot(UUID ownerId, UUID botId, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return botService.get(botId, authorization)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(view -> {
                    if (view == null || !botId.equals(view.id())) {
                        return null;
                    }
                    BotCopy bot = new BotCopy();
                    bot.botId = botId;
                    bot.ownerId = ownerId;
                    bot.name = view.name();
                    bot.systemPrompt = view.systemPrompt();
                    bot.language = view.language() == null ? "en" : view.language();
                    bot.fallbackMessage = view.fallbackMessage() == null ? "" : view.fallbackMessage();
                    bot.status = view.status() == null ? "ACTIVE" : view.status();
                    bot.updatedAt = clock.instant();
                    LOG.infof("ask for a bot not yet in the copy bot=%s owner=%s: settings from bot-service", botId,
                            ownerId);
                    return bot;
                })
                .onFailure().recoverWithNull();
    }

    private Uni<Void> record(BotCopy bot, String messageId, String channel, String chatId, String chatKey,
                             String question, Answer a) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String outboundId = "out:" + messageId;
        Events.OutboundMessage out = new Events.OutboundMessage(outboundId, messageId, bot.botId, bot.ownerId,
                channel, chatId, a.text(), a.kind(),
                a.sources().stream().map(s -> new Events.Source(s.docId(), s.title())).toList(), now);
        return Panache.withTransaction(() -> answered.claim(messageId, outboundId, a.kind(), now).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            return conversations.append(bot.botId, chatKey, question, a.text(), now)
                    .chain(() -> outbox.append(Events.CHAT_OUTBOUND, bot.botId + ":" + chatId, UUID.randomUUID(), out,
                            now));
        })).invoke(() -> LOG.infof("answered bot=%s message=%s kind=%s sources=%d", bot.botId, messageId, a.kind(),
                a.sources().size()));
    }

    /** A message for a bot we do not know (deleted, or never announced): ends on chat.inbound.dlq. */
    static class UnknownBot extends IllegalArgumentException {
        UnknownBot(UUID botId) {
            super("chat.inbound for unknown bot " + botId);
        }
    }
}
