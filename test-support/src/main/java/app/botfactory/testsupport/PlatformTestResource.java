// Quarkus test resource that gives a service under test the real platform around it:
// PostgreSQL, the Kafka broker and RS256 keys, wired in through the services' own config names.
package app.botfactory.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres.Endpoint db = TestPostgres.start();
        String kafka = kafkaBootstrap();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("kafka.bootstrap.servers", kafka);
        config.put("botfactory.jwt.private-key-location", TestKeys.privateKeyFile().toString());
        config.put("mp.jwt.verify.publickey.location", TestKeys.jwksFile().toString());
        return config;
    }

    /** Broker address for this resource; subclasses may bring their own broker. */
    protected String kafkaBootstrap() {
        return TestKafka.start();
    }

    @Override
    public void stop() {
        // Postgres and Kafka live for the whole test JVM and stop with it (shutdown hooks),
        // so test classes that restart Quarkus do not pay for a new broker each time.
    }
}
