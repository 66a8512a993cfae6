// Login over REST against the real Postgres: token shape, uniform failures and throttling.
package app.botfactory.accounts;

import app.botfactory.testsupport.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static app.botfactory.accounts.AccountApi.PASSWORD;
import static app.botfactory.accounts.AccountApi.login;
import static app.botfactory.accounts.AccountApi.loginOk;
import static app.botfactory.accounts.AccountApi.randomClient;
import static app.botfactory.accounts.AccountApi.registerNew;
import static app.botfactory.accounts.AccountApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class LoginTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void issuesBearerPairWithContractClaims() throws Exception {
        String email = registerNew();
        Response response = loginOk(email.toUpperCase());
        response.then()
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue());

        String[] parts = response.path("accessToken").toString().split("\\.");
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertEquals("RS256", header.get("alg").asText());
        assertTrue(header.hasNonNull("kid"), "token names its key");
        assertEquals("https://botfactory.local", claims.get("iss").asText());
        assertEquals(email, claims.get("upn").asText());
        assertEquals("user", claims.get("groups").get(0).asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());

        String me = given().auth().oauth2(response.path("accessToken")).get("/api/users/me")
                .then().statusCode(200).extract().path("id");
        assertEquals(me, claims.get("sub").asText());
    }

    @Test
    void answersUnknownEmailAndWrongPasswordIdentically() {
        String email = registerNew();
        Response wrongPassword = login(email, "wrong password!", randomClient());
        Response unknownEmail = login(uniqueEmail(), "wrong password!", randomClient());

        wrongPassword.then().statusCode(401).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("invalid-credentials"));
        unknownEmail.then().statusCode(401).contentType("application/problem+json");
        assertEquals(wrongPassword.path("type").toString(), unknownEmail.path("type").toString());
        assertEquals(wrongPassword.path("detail").toString(), unknownEmail.path("detail").toString());
    }

    @Test
    void rejectsLoginWithMissingFieldsWith400() {
        given().contentType("application/json").body("{\"email\":\"a@b.co\"}")
                .post("/api/users/login")
                .then().statusCode(400)
                .body("type", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void locksAnEmailAfterFiveFailuresWithRetryAfter() {
        String email = registerNew();
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, randomClient()).then().statusCode(401);
        }
        // Even the right password waits now: the lock protects the account, not the guess.
        login(email, PASSWORD, randomClient())
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("too-many-login-attempts"))
                .header("Retry-After", notNullValue());
        int retryAfter = Integer.parseInt(login(email, PASSWORD, randomClient()).header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After within the window: " + retryAfter);
    }

    @Test
    void successfulLoginResetsTheEmailCounter() {
        String email = registerNew();
        for (int i = 0; i < 4; i++) {
            login(email, "wrong password " + i, randomClient()).then().statusCode(401);
        }
        loginOk(email);
        for (int i = 0; i < 4; i++) {
            login(email, "wrong again " + i, randomClient()).then().statusCode(401);
        }
        loginOk(email);
    }

    @Test
    void locksAClientThatSpraysManyEmails() {
        String client = randomClient();
        for (int i = 0; i < 30; i++) {
            login(uniqueEmail(), "guess " + i, client).then().statusCode(401);
        }
        login(registerNew(), PASSWORD, client)
                .then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        // Another client is unaffected.
        loginOk(registerNew()).then().body("accessToken", notNullValue());
    }

    @Test
    void neverEchoesThePasswordInErrors() {
        String secret = "my-very-secret-password-123";
        String body = login(uniqueEmail(), secret, randomClient()).then().statusCode(401).extract().asString();
        assertTrue(!body.contains(secret), "password must not appear in the response");
        assertTrue(body.length() > 0);
        given().contentType("application/json").body("{\"email\":\"x@y.co\",\"password\":\"" + secret + "\",}")
                .post("/api/users/login").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)))
                .body("status", greaterThan(399));
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
