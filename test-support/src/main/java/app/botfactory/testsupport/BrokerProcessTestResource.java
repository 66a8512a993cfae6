// Like PlatformTestResource, but the Kafka broker runs in its own process so a test can kill it
// and start it again (KafkaBrokerProcess), e.g. to prove an outbox survives a broker outage.
package app.botfactory.testsupport;

public class BrokerProcessTestResource extends PlatformTestResource {

    private static KafkaBrokerProcess broker;

    public static synchronized KafkaBrokerProcess broker() {
        if (broker == null) {
            broker = KafkaBrokerProcess.create();
            broker.start();
        }
        return broker;
    }

    @Override
    protected String kafkaBootstrap() {
        return broker().bootstrapServers();
    }
}
