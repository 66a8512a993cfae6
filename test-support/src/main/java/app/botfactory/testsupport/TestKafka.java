// A real Kafka broker for tests: Apache Kafka's own KRaft broker started in this JVM
// (KafkaClusterTestKit), or an existing cluster named by KAFKA_BOOTSTRAP_SERVERS.
package app.botfactory.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;

public final class TestKafka {

    private static String bootstrapServers;
    private static KafkaClusterTestKit cluster;

    private TestKafka() { }

    /** Starts (once per JVM) and returns the bootstrap servers every test in this JVM uses. */
    public static synchronized String start() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            bootstrapServers = external == null || external.isBlank() ? startEmbedded() : external;
        }
        return bootstrapServers;
    }

    private static String startEmbedded() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(Files.createTempDirectory("embedded-kafka-"))
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "4")
                    .setConfigProp("message.max.bytes", "5242880")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stopQuietly));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void stopQuietly() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception ignored) {
            // the JVM is going away; nothing useful to do
        }
    }
}
