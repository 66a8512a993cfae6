// Retrieval holds each bot's passages in memory (KnowledgeCache) but must never answer from an old
// copy: a document added or deleted, by this replica or any other, counts from the next question, and
// one replaced while a question is being answered is read again rather than dropped;
// past its budget the cache lets the least recently asked bot go and still answers for every bot.
package app.botfactory.ai;

import app.botfactory.ai.messaging.Events;
import app.botfactory.ai.repository.ChunkRepository;
import app.botfactory.ai.service.KnowledgeCache;
import app.botfactory.ai.service.KnowledgeIndex;
import app.botfactory.ai.service.Retriever;
import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class KnowledgeCacheTests {

    @Inject
    KnowledgeIndex index;
    @Inject
    Retriever retriever;
    @Inject
    ChunkRepository chunks;
    @Inject
    KnowledgeCache cache;
    @Inject
    app.botfactory.ai.config.AiConfig config;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void aDocumentAddedOrDeletedCountsFromTheNextQuestionThoughThePassagesAreHeldInMemory() {
        UUID bot = UUID.randomUUID();
        UUID delivery = add(bot, "Delivery", "Delivery costs 15 000 so'm and takes one day.");
        assertEquals(List.of(delivery), found(bot, "How much is delivery?"));
        assertTrue(cache.holds(bot), "the bot's passages are held after its first question");

        UUID payment = add(bot, "Payment", "We accept Click, Payme and cash.");
        assertEquals(List.of(payment), found(bot, "Can I pay with Click?"), "added: found at once");

        await(() -> index.deleteDocument(delivery));
        assertEquals(List.of(), found(bot, "How much is delivery?"), "deleted: gone at once");

        await(() -> index.deleteBot(bot));
        assertEquals(List.of(), found(bot, "Can I pay with Click?"), "bot deleted: nothing left");
    }

    @Test
    void pastItsBudgetTheLeastRecentlyAskedBotIsLetGoAndEveryBotStillAnswers() {
        KnowledgeCache small = new KnowledgeCache(chunks, 2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID big = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        add(a, "Hours", "We are open every day from 9:00 to 21:00.");
        add(b, "Address", "We are at Chilonzor 5, Tashkent.");
        for (int i = 0; i < 3; i++) {
            add(big, "Menu " + i, "Plov number " + i + " costs 35 000 so'm.");
        }
        add(d, "Payment", "We accept Click and cash.");

        assertEquals(1, sources(small, a));
        assertEquals(1, sources(small, b));
        assertEquals(1, sources(small, a));                 // a is now the more recently asked
        assertEquals(3, sources(small, big), "a bot bigger than the budget still gets all its passages");
        assertFalse(small.holds(big), "but is not held");
        assertEquals(1, sources(small, d));
        assertTrue(small.holds(a) && small.holds(d) && !small.holds(b), "b, asked longest ago, was let go");
        assertEquals(2, small.held());
        assertEquals(1, sources(small, b), "and is read again when asked");
    }

    @Test
    void questionsArrivingTogetherRightAfterAStartAllFindTheKnowledge() throws Exception {
        UUID bot = UUID.randomUUID();
        UUID delivery = add(bot, "Delivery", "Delivery costs 15 000 so'm and takes one day.");
        // A fresh process: nothing held yet, and a burst of questions for the same bot at once.
        Retriever fresh = new Retriever(new KnowledgeCache(chunks, 50_000), chunks, config);
        List<Uni<List<UUID>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(fresh.retrieve(bot, "Delivery price? #" + i)
                    .map(found -> found.stream().map(Retriever.Passage::docId).distinct().toList()));
        }
        List<List<UUID>> answers = await(() -> Uni.join().all(all).andFailFast());
        answers.forEach(found -> assertEquals(List.of(delivery), found));
    }

    @Test
    void aPassageReplacedBetweenTheVersionCheckAndTheReadingOfItsTextIsFoundAgainNotDropped() {
        UUID bot = UUID.randomUUID();
        String text = "Delivery costs 15 000 so'm and takes one day.";
        UUID doc = add(bot, "Delivery", text);
        AtomicReference<Long> stale = new AtomicReference<>();
        ChunkRepository lagging = new ChunkRepository(pool) {
            @Override
            public Uni<Long> version(UUID botId) {
                Long v = stale.getAndSet(null);
                return v != null ? Uni.createFrom().item(v) : super.version(botId);
            }
        };
        Retriever retrieverOfAReplica = new Retriever(new KnowledgeCache(lagging, 50_000), lagging, config);
        long before = await(() -> lagging.version(bot));
        assertEquals(List.of(doc), ids(await(() -> retrieverOfAReplica.retrieve(bot, "How much is delivery?"))));

        // The document replaced (edited by its owner): its passages get new ids. This question checked the
        // version a moment before that commit.
        await(() -> index.addDocument(new Events.KnowledgeEvent("DocumentAdded", bot, doc, "Delivery",
                text + " Free from 200 000 so'm.")));
        stale.set(before);
        assertEquals(List.of(doc), ids(await(() -> retrieverOfAReplica.retrieve(bot, "How much is delivery?"))),
                "read again at the new version, not answered with nothing");
    }

    @Test
    void theSameDocumentRedeliveredLeavesTheKnowledgeAsItIsAndAnEditedOneReplacesIt() {
        UUID bot = UUID.randomUUID();
        String text = "Delivery costs 15 000 so'm and takes one day.";
        UUID doc = add(bot, "Delivery", text);
        long version = await(() -> chunks.version(bot));
        List<Long> passages = passageIds(bot);

        // A knowledge.events record delivered again (its offset was not committed before a crash).
        await(() -> index.addDocument(new Events.KnowledgeEvent("DocumentAdded", bot, doc, "Delivery", text)));
        assertEquals(version, await(() -> chunks.version(bot)), "no new version: replicas keep what they hold");
        assertEquals(passages, passageIds(bot));

        await(() -> index.addDocument(new Events.KnowledgeEvent("DocumentAdded", bot, doc, "Delivery",
                "Delivery costs 20 000 so'm from January.")));
        assertTrue(await(() -> chunks.version(bot)) > version, "edited: a new version");
        assertEquals(List.of(doc), found(bot, "How much is delivery?"));
        List<Long> edited = passageIds(bot);
        assertEquals(List.of("Delivery costs 20 000 so'm from January."),
                List.copyOf(await(() -> chunks.contents(edited)).values()));
    }

    private List<Long> passageIds(UUID bot) {
        return await(() -> pool.preparedQuery("SELECT id FROM ai.chunks WHERE bot_id = $1 ORDER BY id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(bot))
                .map(rows -> { List<Long> ids = new java.util.ArrayList<>(); rows.forEach(r -> ids.add(r.getLong(0))); return ids; }));
    }

    private static List<UUID> ids(List<Retriever.Passage> passages) {
        return passages.stream().map(Retriever.Passage::docId).distinct().toList();
    }

    private UUID add(UUID bot, String title, String content) {
        UUID doc = UUID.randomUUID();
        await(() -> index.addDocument(new Events.KnowledgeEvent("DocumentAdded", bot, doc, title, content)));
        return doc;
    }

    private List<UUID> found(UUID bot, String question) {
        return await(() -> retriever.retrieve(bot, question)).stream().map(Retriever.Passage::docId).distinct()
                .toList();
    }

    private int sources(KnowledgeCache c, UUID bot) {
        return await(() -> c.knowledge(bot)).sources().size();
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
