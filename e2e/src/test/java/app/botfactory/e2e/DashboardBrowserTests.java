// The owner's whole journey in a real browser: runs the dashboard's own playwright-core suite
// (`npm run test:e2e`, Debian's /usr/bin/chromium, never a downloaded browser) against this platform's
// gateway and stand-in Telegram, in Uzbek, Russian and English. Screenshots are kept as test artefacts
// in dashboard/test-results/screenshots; the suite's output goes to e2e/target/dashboard-browser.log.
package app.botfactory.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DashboardBrowserTests {

    private static final Path DASHBOARD = Platform.ROOT.resolve("dashboard");

    @BeforeAll
    static void platform() {
        Platform.ensureStarted();
    }

    @Test
    void ownerGoesFromSignUpToAnAnsweringBotInEveryLanguage() throws Exception {
        assertTrue(Files.exists(DASHBOARD.resolve("out/index.html")), "the launcher built the dashboard");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Debian's chromium is needed (./botfactory test installs it)");
        Path log = Platform.ROOT.resolve("e2e/target/dashboard-browser.log");
        Path screenshots = DASHBOARD.resolve("test-results/screenshots");
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> old = Files.list(screenshots)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder("npm", "run", "--silent", "test:e2e")
                .directory(DASHBOARD.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BASE_URL", Platform.GATEWAY);
        pb.environment().put("TELEGRAM_STANDIN_URL", Platform.TELEGRAM_STANDIN);
        Process browser = pb.start();
        if (!browser.waitFor(15, TimeUnit.MINUTES)) {
            browser.destroyForcibly();
            fail("the browser journey took longer than 15 minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, browser.exitValue(), "the browser journey failed:\n" + output);
        try (Stream<Path> shots = Files.list(screenshots)) {
            assertTrue(shots.filter(p -> p.toString().endsWith(".png")).count() >= 3,
                    "screenshots of the journey are kept in " + screenshots);
        }
    }
}
