// The answer path shared by chat.inbound and the owner's /ask: entitlement check (LIMIT, no model
// call), retrieval, then Gemini with the persona, grounding rules, passages and recent turns —
// or, without a key, the best passage's most relevant sentences. FALLBACK when nothing relevant
// is known or the model cannot be reached. The entitlement comes from CachedCopies; the passages
// and the recent turns (with "already answered?" for a redelivered message) are read side by side.
package app.botfactory.ai.service;

import app.botfactory.ai.client.BillingApi;
import app.botfactory.ai.client.GeminiClient;
import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.domain.Entitlement;
import app.botfactory.ai.repository.ConversationRepository;
import app.botfactory.ai.repository.ConversationRepository.Memory;
import app.botfactory.ai.retrieval.Concept;
import app.botfactory.ai.retrieval.Relevance;
import app.botfactory.ai.retrieval.TextNormalizer;
import app.botfactory.ai.service.Retriever.Passage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AnswerService {

    /** What the bot says, why, and from which documents. */
    public record Answer(String kind, String text, List<Source> sources) { }

    public record Source(UUID docId, String title) { }

    private static final Logger LOG = Logger.getLogger(AnswerService.class);

    private final CachedCopies copies;
    private final ConversationRepository conversations;
    private final Retriever retriever;
    private final GeminiClient gemini;
    private final AiConfig config;
    private final Clock clock;
    private final BillingApi billing;

    public AnswerService(CachedCopies copies, ConversationRepository conversations,
                         Retriever retriever, GeminiClient gemini, AiConfig config, Clock clock,
                         @RestClient BillingApi billing) {
        this.billing = billing;
        this.copies = copies;
        this.conversations = conversations;
        this.retriever = retriever;
        this.gemini = gemini;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The answer to a channel message, or null when `messageId` turns out to be answered already (a
     * redelivery: no model call). A LIMIT answer is not checked that way; recording it claims nothing.
     */
    public Uni<Answer> answer(BotCopy bot, String chatKey, String question, String messageId) {
        return answer(bot, chatKey, question, messageId, null);
    }

    /**
     * With the owner's Authorization (the test chat), an owner billing.entitlements has not brought yet
     * is looked up in billing-service instead of being answered with LIMIT; the event stores it later.
     */
    public Uni<Answer> answer(BotCopy bot, String chatKey, String question, String messageId,
                              String authorization) {
        return entitlement(bot.ownerId, authorization)
                .chain(entitlement -> {
                    if (entitlement == null || !entitlement.allowsAnotherMessage(clock.instant())) {
                        return Uni.createFrom().item(new Answer("LIMIT", Replies.limit(bot.language), List.of()));
                    }
                    return context(bot, chatKey, question, messageId).chain(ctx -> {
                        if (ctx.answered()) {
                            return Uni.createFrom().nullItem();
                        }
                        return ctx.passages().isEmpty() ? Uni.createFrom().item(fallback(bot))
                                : gemini.enabled() ? generative(bot, question, ctx)
                                : Uni.createFrom().item(extractive(question, ctx.passages()));
                    });
                });
    }

    /** Retrieval and the chat's memory, two reads at once. */
    private Uni<Context> context(BotCopy bot, String chatKey, String question, String messageId) {
        Uni<List<Passage>> passages = retriever.retrieve(bot.botId, question);
        Uni<Memory> memory = conversations.memory(bot.botId, chatKey, config.memoryTurns(), messageId);
        return Uni.combine().all().unis(passages, memory).asTuple()
                .map(t -> new Context(t.getItem1(), t.getItem2().turns(), t.getItem2().answered()));
    }

    /**
     * The owner's entitlement. None in the copy means "not arrived yet" (a bot exists only under a
     * plan): the test chat asks billing; a channel message waits a few seconds for billing.entitlements
     * before it is answered with LIMIT.
     */
    private Uni<Entitlement> entitlement(UUID ownerId, String authorization) {
        Uni<Entitlement> local = copies.entitlement(ownerId);
        if (authorization != null && !authorization.isBlank()) {
            return local.chain(e -> e != null ? Uni.createFrom().item(e) : fromBilling(ownerId, authorization));
        }
        return local.onItem().ifNull().failWith(MissingEntitlement::new)
                .onFailure(MissingEntitlement.class).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(8)
                .onFailure(MissingEntitlement.class).recoverWithNull();
    }

    /** No entitlement for the owner in the copy (yet). */
    private static final class MissingEntitlement extends RuntimeException {
        MissingEntitlement() {
            super("entitlement not in the copy yet", null, false, false);
        }
    }

    private Uni<Entitlement> fromBilling(UUID ownerId, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return billing.me(authorization)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(s -> {
                    if (s == null || s.status() == null || s.usage() == null || s.usage().messageLimit() == null) {
                        return null;
                    }
                    Entitlement e = new Entitlement();
                    e.ownerId = ownerId;
                    e.plan = s.plan();
                    e.status = s.status();
                    e.monthlyMessageLimit = s.usage().messageLimit();
                    e.messagesUsed = s.usage().messages() == null ? 0 : s.usage().messages();
                    e.periodEnd = s.currentPeriodEnd();
                    return e;
                })
                .onFailure().recoverWithNull();
    }

    private record Context(List<Passage> passages, List<ConversationRepository.Turn> turns,
                           boolean answered) { }

    private Uni<Answer> generative(BotCopy bot, String question, Context ctx) {
        List<GeminiClient.Turn> contents = new ArrayList<>();
        ctx.turns().forEach(t -> contents.add(new GeminiClient.Turn(t.role(), t.text())));
        contents.add(new GeminiClient.Turn("user", question));
        return gemini.generate(systemInstruction(bot, ctx.passages()), contents)
                .map(text -> text.strip().equals(bot.fallbackMessage.strip()) ? fallback(bot)
                        : new Answer("ANSWER", text, sources(ctx.passages())))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("model unavailable bot=%s reason=%s outcome=fallback", bot.botId, e.getMessage());
                    return fallback(bot);
                });
    }

    /** Persona, grounding rules and the passages: everything the model may know about this business. */
    static String systemInstruction(BotCopy bot, List<Passage> passages) {
        StringBuilder s = new StringBuilder();
        s.append(bot.systemPrompt == null || bot.systemPrompt.isBlank()
                ? "You are the helpful assistant of \"" + bot.name + "\"." : bot.systemPrompt.strip()).append("\n\n");
        s.append("Rules:\n")
                .append("- Answer only with facts from the knowledge passages below. Never invent prices, hours, ")
                .append("addresses or policies.\n")
                .append("- If the passages do not contain the answer, reply with exactly this text and nothing else: ")
                .append(bot.fallbackMessage.strip()).append('\n')
                .append("- Reply in the language and script the customer wrote in (Uzbek Latin or Cyrillic, ")
                .append("Russian or English), even when the passage is in another language.\n")
                .append("- Be brief and friendly. Plain text only: no Markdown, no HTML.\n\n")
                .append("Knowledge passages:\n");
        int i = 1;
        for (Passage p : passages) {
            s.append('[').append(i++).append("] ").append(p.title()).append('\n').append(p.content().strip())
                    .append("\n\n");
        }
        return s.toString().strip();
    }

    /** Without a model: the sentences of the best passage that cover most of the question. */
    static Answer extractive(String question, List<Passage> passages) {
        Passage best = passages.get(0);
        String[] sentences = best.content().split("(?<=[.!?])\\s+|\\R+");
        List<Concept> concepts = best.concepts();
        int bestScore = -1;
        int bestAt = 0;
        for (int i = 0; i < sentences.length; i++) {
            int score = coverage(sentences[i], concepts);
            if (score > bestScore) {
                bestScore = score;
                bestAt = i;
            }
        }
        StringBuilder text = new StringBuilder(sentences[bestAt].strip());
        if (bestAt + 1 < sentences.length && text.length() < 160) {
            text.append(' ').append(sentences[bestAt + 1].strip());
        }
        return new Answer("ANSWER", text.toString(), List.of(new Source(best.docId(), best.title())));
    }

    private static int coverage(String sentence, List<Concept> concepts) {
        return Relevance.covered(concepts, TextNormalizer.tokens(sentence));
    }

    private static Answer fallback(BotCopy bot) {
        return new Answer("FALLBACK", bot.fallbackMessage, List.of());
    }

    private static List<Source> sources(List<Passage> passages) {
        Map<UUID, Source> distinct = new LinkedHashMap<>();
        passages.forEach(p -> distinct.putIfAbsent(p.docId(), new Source(p.docId(), p.title())));
        return List.copyOf(distinct.values());
    }
}
