// A real PostgreSQL for tests: embedded PostgreSQL 15 binaries from Maven Central, one server
// per test JVM, or an existing server named by DB_JDBC_URL (then each run gets a fresh database).
package app.botfactory.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

public final class TestPostgres {

    /** Where to reach the database: a JDBC URL, the reactive client's URL, and credentials. */
    public record Endpoint(String jdbcUrl, String reactiveUrl, String user, String password) { }

    private static Endpoint endpoint;
    private static EmbeddedPostgres embedded;

    private TestPostgres() { }

    /** Starts (once per JVM) and returns the database every test in this JVM uses. */
    public static synchronized Endpoint start() {
        if (endpoint == null) {
            String external = System.getenv("DB_JDBC_URL");
            endpoint = external == null || external.isBlank() ? startEmbedded() : freshDatabaseOn(external);
        }
        return endpoint;
    }

    private static Endpoint startEmbedded() {
        try {
            // Each module's target/ (java.io.tmpdir in surefire) keeps parallel modules apart.
            Path dir = Files.createTempDirectory("embedded-pg-");
            embedded = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopQuietly));
            String jdbc = embedded.getJdbcUrl("postgres", "postgres");
            int port = embedded.getPort();
            return new Endpoint(jdbc, "postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static Endpoint freshDatabaseOn(String adminJdbcUrl) {
        String user = envOr("DB_USER", "postgres");
        String password = envOr("DB_PASSWORD", "postgres");
        String db = "bf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test database on " + adminJdbcUrl, e);
        }
        String base = adminJdbcUrl.substring(0, adminJdbcUrl.lastIndexOf('/') + 1);
        String jdbc = base + db;
        return new Endpoint(jdbc, jdbc.substring("jdbc:".length()), user, password);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void stopQuietly() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (Exception ignored) {
            // the JVM is going away; nothing useful to do
        }
    }
}
