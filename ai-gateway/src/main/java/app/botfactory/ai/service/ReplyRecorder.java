// Records answers by group commit: every answer in flight (up to botfactory.ai.inbound-concurrency
// chats, plus test-chat asks) queues its reply, and one writer stores whatever has queued up, at
// most botfactory.ai.record-batch-size at a time, in one statement (ReplyJournal): claim, turns,
// outbox row. An answer's Uni completes once its batch has committed, so chat.inbound acknowledges a
// record only when its reply is safe; a failed batch is written again answer by answer, so a bad
// one fails alone. Conversation memory is trimmed a chat at a time once it has grown TRIM_MARGIN
// turns past the last trim, together with the other chats due, after the batch.
package app.botfactory.ai.service;

import app.botfactory.ai.config.AiConfig;
import app.botfactory.ai.domain.BotCopy;
import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.repository.ConversationRepository;
import app.botfactory.ai.repository.ConversationRepository.Chat;
import app.botfactory.ai.repository.ReplyJournal;
import app.botfactory.ai.service.AnswerService.Answer;
import app.botfactory.platform.web.GroupCommit;
import app.botfactory.platform.web.GroupCommit.OnFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ReplyRecorder {

    /** Turns a chat may grow past ConversationRepository.KEEP before it is trimmed back. */
    public static final int TRIM_MARGIN = 20;

    /** Chats whose appended turns are counted; a chat forgotten here is trimmed TRIM_MARGIN turns later. */
    private static final int COUNTED_CHATS = 100_000;

    private static final Logger LOG = Logger.getLogger(ReplyRecorder.class);

    /** One answered message on its way to the journal. */
    private record Reply(ReplyJournal.Entry entry, int sources) { }

    private final ReplyJournal journal;
    private final ConversationRepository conversations;
    private final ObjectMapper json;
    private final Clock clock;
    private final GroupCommit<Reply, Boolean> commits;
    private final DistributionSummary batchSizes;
    private final Map<Chat, Integer> appendedSinceTrim = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Chat, Integer> eldest) {
            return size() > COUNTED_CHATS;
        }
    };

    public ReplyRecorder(ReplyJournal journal, ConversationRepository conversations, ObjectMapper json,
                         Clock clock, AiConfig config, MeterRegistry registry) {
        this.journal = journal;
        this.conversations = conversations;
        this.json = json;
        this.clock = clock;
        this.commits = new GroupCommit<>(config.recordBatchSize(), OnFailure.RETRY_ITEMS_ALONE, this::write);
        this.batchSizes = DistributionSummary.builder("botfactory.ai.record.batch")
                .description("Answers recorded per transaction").register(registry);
    }

    /**
     * Records the answer to `messageId` with its turns and chat.outbound reply; answers true once
     * committed, false when the message had been answered already (then nothing is written).
     */
    public Uni<Boolean> record(BotCopy bot, String messageId, String channel, String chatId, String chatKey,
                               String question, Answer a) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String outboundId = "out:" + messageId;
        Events.OutboundMessage out = new Events.OutboundMessage(outboundId, messageId, bot.botId, bot.ownerId,
                channel, chatId, a.text(), a.kind(),
                a.sources().stream().map(s -> new Events.Source(s.docId(), s.title())).toList(), now);
        ReplyJournal.Entry entry = new ReplyJournal.Entry(messageId, outboundId, a.kind(), now, bot.botId,
                chatKey, question, a.text(), UUID.randomUUID(), Events.CHAT_OUTBOUND,
                bot.botId + ":" + chatId, serialise(out));
        return commits.submit(new Reply(entry, a.sources().size()));
    }

    /** Whether the inbound message was answered already (its reply written). */
    public Uni<Boolean> answered(String messageId) {
        return journal.answered(messageId);
    }

    private Uni<List<Boolean>> write(List<Reply> batch) {
        batchSizes.record(batch.size());
        return journal.write(batch.stream().map(Reply::entry).toList())
                .call(claimed -> trim(dueForTrim(batch, claimed)))
                .invoke(claimed -> log(batch, claimed));
    }

    /** Counts each claimed chat's new turns; answers the chats that have grown past the margin. */
    private synchronized List<Chat> dueForTrim(List<Reply> batch, List<Boolean> claimed) {
        Map<Chat, Boolean> due = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!claimed.get(i)) {
                continue;
            }
            ReplyJournal.Entry e = batch.get(i).entry();
            Chat chat = new Chat(e.botId(), e.chatKey());
            int appended = appendedSinceTrim.merge(chat, 2, Integer::sum);
            if (appended >= TRIM_MARGIN) {
                appendedSinceTrim.remove(chat);
                due.put(chat, true);
            }
        }
        return List.copyOf(due.keySet());
    }

    /** Housekeeping: a failed trim only leaves a chat longer until its next one; the replies stand. */
    private Uni<Void> trim(List<Chat> chats) {
        if (chats.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conversations.trim(chats)
                .invoke(n -> LOG.debugf("trimmed chats=%d turns=%d", chats.size(), n))
                .onFailure().invoke(e -> LOG.warnf("memory trim failed chats=%d reason=%s", chats.size(),
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static void log(List<Reply> batch, List<Boolean> claimed) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LOG.debugf("recorded batch=%d", batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Reply r = batch.get(i);
            LOG.debugf("answered bot=%s message=%s kind=%s sources=%d outcome=%s", r.entry().botId(),
                    r.entry().messageId(), r.entry().kind(), r.sources(),
                    claimed.get(i) ? "sent" : "duplicate");
        }
    }

    private String serialise(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + event.getClass().getSimpleName(), e);
        }
    }
}
