// Plain Kafka clients for tests: publish a record as another service would, and read a topic
// from the beginning until the records a test waits for show up (bounded by a timeout).
package app.botfactory.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

public final class TestKafkaClient {

    private TestKafkaClient() { }

    public static void send(String bootstrap, String topic, String key, String value) {
        sendAll(bootstrap, topic, List.of(Map.entry(key, value)));
    }

    /** Publishes key/value pairs in order through one producer and waits for every ack. */
    public static void sendAll(String bootstrap, String topic, List<Map.Entry<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"))) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Map.Entry<String, String> r : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Records of `topic` (from its start) that match, once at least `count` of them arrived. */
    public static List<ConsumerRecord<String, String>> await(String bootstrap, String topic,
                                                             Predicate<ConsumerRecord<String, String>> match,
                                                             int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && found.size() < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** Everything that matches within `window`: for proving that something was NOT published. */
    public static List<ConsumerRecord<String, String>> collect(String bootstrap, String topic,
                                                               Predicate<ConsumerRecord<String, String>> match,
                                                               Duration window) {
        return await(bootstrap, topic, match, Integer.MAX_VALUE, window);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024));
    }
}
