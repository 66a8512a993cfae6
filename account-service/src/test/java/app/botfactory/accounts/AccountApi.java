// Small helpers the account tests share: unique emails and clients, sign-up and login calls.
package app.botfactory.accounts;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

final class AccountApi {

    static final String PASSWORD = "correct horse battery";

    private AccountApi() { }

    static String uniqueEmail() {
        return "owner-" + UUID.randomUUID() + "@example.com";
    }

    /** A documentation-range address, so each test's failed logins count against its own client. */
    static String randomClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
    }

    static Response register(String email, String password, String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "name", name))
                .post("/api/users/register");
    }

    static String registerNew() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Dilnoza").then().statusCode(201);
        return email;
    }

    static Response login(String email, String password, String client) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("email", email, "password", password))
                .post("/api/users/login");
    }

    static Response loginOk(String email) {
        Response response = login(email, PASSWORD, randomClient());
        response.then().statusCode(200);
        return response;
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/users/token/refresh");
    }
}
