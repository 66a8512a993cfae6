// The whole platform for the end-to-end tests, started by the README's own launcher (`./botfactory start`)
// with every port moved by 20000, its state in e2e/target/run and stand-in Telegram/Gemini servers, so it
// runs beside a developer's `./botfactory up`. Started once per test JVM, stopped when the JVM exits.
package app.botfactory.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

final class Platform {

    static final int OFFSET = 20000;
    static final String GATEWAY = "http://127.0.0.1:" + (8080 + OFFSET);
    static final String TELEGRAM_STANDIN = "http://127.0.0.1:" + (8091 + OFFSET);
    static final String PUBLIC_BASE_URL = "http://localhost:" + (8080 + OFFSET);

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path RUN = ROOT.resolve("e2e/target/run");
    static final Path LOGS = RUN.resolve("logs");

    /** Settings a caller's shell might carry that would point the platform elsewhere. */
    private static final List<String> FOREIGN_ENV = List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER",
            "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "GOOGLE_API_KEY",
            "GEMINI_BASE_URL", "GEMINI_MODEL", "TELEGRAM_API_BASE_URL", "PUBLIC_BASE_URL", "JWT_JWKS_URL",
            "JWT_PRIVATE_KEY_FILE", "JWT_PUBLIC_KEY_FILE", "GATEWAY_PORT", "BILLING_URL", "BOT_SERVICE_URL");

    private static boolean started;

    private Platform() { }

    /** Starts the platform unless this JVM already did; leftovers of an aborted earlier run are stopped first. */
    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        launcher(Duration.ofMinutes(2), "stop");
        launcher(Duration.ofMinutes(12), "start");
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> launcher(Duration.ofMinutes(2), "stop")));
    }

    /** kill -9: the process gets no chance to finish anything it was doing. */
    static void kill9(String service) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(RUN.resolve("pids/" + service + ".pid")).strip());
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + service + " failed");
        }
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    /** `./botfactory start` again: what runs is reused, what is missing (a killed service) starts. */
    static void restartMissing() {
        launcher(Duration.ofMinutes(5), "start");
    }

    static String log(String process) throws IOException {
        return Files.readString(LOGS.resolve(process + ".log"), StandardCharsets.UTF_8);
    }

    private static void launcher(Duration timeout, String command) {
        Path output = ROOT.resolve("e2e/target/launcher-" + command + ".log");
        try {
            Files.createDirectories(output.getParent());
            ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("botfactory").toString(), command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            Map<String, String> env = pb.environment();
            FOREIGN_ENV.forEach(env::remove);
            env.put("BOTFACTORY_RUN_DIR", RUN.toString());
            env.put("BOTFACTORY_PORT_OFFSET", Integer.toString(OFFSET));
            env.put("BOTFACTORY_STANDINS", "1");
            env.put("BOTFACTORY_SKIP_BUILD", "1");
            Process process = pb.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./botfactory " + command + " took longer than " + timeout
                        + "; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./botfactory " + command + " failed (exit " + process.exitValue()
                        + "):\n" + tail(output, 40));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./botfactory " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./botfactory " + command, e);
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
