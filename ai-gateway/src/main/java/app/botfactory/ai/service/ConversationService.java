// One customer message in, exactly one reply out: produces the answer (AnswerService, which also
// notices a message answered already), then ReplyRecorder claims the inbound id, remembers the turns
// and writes the chat.outbound record to the outbox in one transaction, batched with the other
// answers in flight. The outbound id derives from the inbound id, so even a lost race can never put
// two different replies on the wire. The owner's test chat asks bot-service (with the owner's token)
// about a bot bot.events has not brought yet, instead of a 404.
package app.botfactory.ai.service;

import app.botfactory.ai.client.BotServiceApi;
import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.service.AnswerService.Answer;
import app.botfactory.platform.web.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

@ApplicationScoped
public class ConversationService {

    /** Channel name of the owner's test chat (POST /api/bots/{id}/ask). */
    public static final String TEST_CHAT = "test-chat";

    private static final Logger LOG = Logger.getLogger(ConversationService.class);

    private final CachedCopies copies;
    private final AnswerService answers;
    private final ReplyRecorder recorder;
    private final Clock clock;
    private final BotServiceApi botService;

    public ConversationService(CachedCopies copies, AnswerService answers, ReplyRecorder recorder, Clock clock,
                               @RestClient BotServiceApi botService) {
        this.copies = copies;
        this.answers = answers;
        this.recorder = recorder;
        this.clock = clock;
        this.botService = botService;
    }

    /** A channel message: answered once; a redelivery returns null and publishes nothing. */
    public Uni<Answer> reply(Events.InboundMessage m) {
        return knownBot(m).chain(bot -> {
            if (bot == null) {
                return Uni.createFrom().nullItem();
            }
            String chatKey = m.channel() + ":" + m.chatId();
            return answers.answer(bot, chatKey, m.text(), m.messageId())
                    .call(a -> a == null ? Uni.createFrom().voidItem()
                            : recorder.record(bot, m.messageId(), m.channel(), m.chatId(), chatKey, m.text(), a));
        });
    }

    /**
     * The message's bot. One created a moment ago may still be on its way through bot.events: wait a
     * little. Null when there is none but the message was answered already (redelivered after its bot
     * went), so a redelivery never lands on the dead-letter topic.
     */
    private Uni<BotCopy> knownBot(Events.InboundMessage m) {
        return copies.bot(m.botId())
                .onItem().ifNull().failWith(() -> new UnknownBot(m.botId()))
                .onFailure(UnknownBot.class).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .atMost(8)
                .onFailure().recoverWithUni(failure -> recorder.answered(m.messageId())
                        .onFailure().recoverWithItem(false)
                        .chain(answered -> answered ? Uni.createFrom().<BotCopy>nullItem()
                                : Uni.createFrom().failure(failure)));
    }

    /** The owner's test chat: same path, answered synchronously; counts toward usage via chat.outbound. */
    public Uni<Answer> ask(UUID ownerId, UUID botId, String text, String authorization) {
        return copies.bot(botId)
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
                    return answers.answer(bot, chatKey, text, null, authorization)
                            .call(a -> recorder.record(bot, messageId, TEST_CHAT, chatId, chatKey, text, a));
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

    /** A message for a bot we do not know (deleted, or never announced): ends on chat.inbound.dlq. */
    static class UnknownBot extends IllegalArgumentException {
        UnknownBot(UUID botId) {
            super("chat.inbound for unknown bot " + botId);
        }
    }
}
