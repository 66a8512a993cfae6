// Creates the platform's topics (contract: Kafka topics, each with a .dlq) if they are missing, so
// no consumer subscribes to a topic that does not exist yet (it would wait for a metadata refresh,
// minutes, before seeing it). Run by the launcher as a single-file program:
//   java -cp "<kafka libs>/*" infra/kafka/CreateTopics.java <bootstrap> <partitions>
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

public class CreateTopics {

    static final List<String> TOPICS = List.of("bot.events", "knowledge.events", "chat.inbound", "chat.outbound",
            "billing.entitlements", "channel.events");

    public static void main(String[] args) throws Exception {
        int partitions = Integer.parseInt(args[1]);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                for (String name : List.of(topic, topic + ".dlq")) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, partitions, (short) 1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics ready (" + missing.size() + " created)");
        }
    }
}
