// account-service benchmark: login throughput and latency (Argon2id dominates), plus GET /me
// (JWT verification + one indexed read) for contrast. Usage: AccountBench <baseUrl> <seconds>.
package app.botfactory.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class AccountBench {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private AccountBench() { }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int users = 64;
        LoadDriver driver = new LoadDriver(base, 64);

        List<String> emails = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < users; i++) {
            String email = "bench-" + run + "-" + i + "@example.com";
            HttpResponse<String> r = driver.send(new LoadDriver.Call("POST", "/api/users/register",
                    "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\",\"name\":\"Bench " + i + "\"}", JSON));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("register failed: " + r.statusCode() + " " + r.body());
            }
            emails.add(email);
        }
        String token = extract(driver.send(login(emails.get(0))).body(), "accessToken");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);

        System.out.println("warm-up ...");
        driver.run("warm-up", 8, Duration.ofSeconds(5), 200, n -> login(emails.get(n % users)));
        driver.run("warm-up", 8, Duration.ofSeconds(3), 200, n -> new LoadDriver.Call("GET", "/api/users/me", null, auth));

        for (int c : new int[] {4, 16, 64}) {
            driver.run("POST /api/users/login", c, Duration.ofSeconds(seconds), 200,
                    n -> login(emails.get(n % users))).print();
        }
        for (int c : new int[] {16, 64}) {
            driver.run("GET /api/users/me", c, Duration.ofSeconds(seconds), 200,
                    n -> new LoadDriver.Call("GET", "/api/users/me", null, auth)).print();
        }
        System.exit(0);
    }

    private static LoadDriver.Call login(String email) {
        return new LoadDriver.Call("POST", "/api/users/login",
                "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\"}", JSON);
    }

    private static String extract(String json, String field) {
        int i = json.indexOf("\"" + field + "\":\"") + field.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }
}
