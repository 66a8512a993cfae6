// Access-token checks on a protected endpoint: valid, missing, expired, tampered, unsigned,
// foreign-key and wrong-issuer tokens; plus the JWKS that lets other services verify ours.
package app.botfactory.accounts;

import app.botfactory.testsupport.PlatformTestResource;
import app.botfactory.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.botfactory.accounts.AccountApi.loginOk;
import static app.botfactory.accounts.AccountApi.registerNew;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class TokenTests {

    @Test
    void returnsProfileForValidToken() {
        String email = registerNew();
        String token = loginOk(email).path("accessToken");
        given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("name", equalTo("Dilnoza"));
    }

    @Test
    void rejectsMissingTokenWithProblem401() {
        given().get("/api/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("unauthorized"));
    }

    @Test
    void rejectsExpiredToken() {
        String token = TestTokens.forUser(UUID.randomUUID(), "x@example.com", Instant.now().minusSeconds(60));
        assertUnauthorized(token);
    }

    @Test
    void rejectsTamperedToken() {
        String[] parts = loginOk(registerNew()).path("accessToken").toString().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthorized(forged);
    }

    @Test
    void rejectsUnsignedAlgNoneToken() {
        assertUnauthorized(TestTokens.unsigned(UUID.randomUUID(), "x@example.com"));
    }

    @Test
    void rejectsTokenSignedByAnotherKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String claims = b64("{\"iss\":\"https://botfactory.local\",\"sub\":\"" + UUID.randomUUID()
                + "\",\"upn\":\"x@example.com\",\"groups\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(gen.generateKeyPair().getPrivate());
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        assertUnauthorized(header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(rsa.sign()));
    }

    @Test
    void rejectsGarbageBearerValue() {
        assertUnauthorized("not-a-jwt");
    }

    @Test
    void publishesJwksWhoseKeyVerifiesIssuedTokens() throws Exception {
        String token = loginOk(registerNew()).path("accessToken");
        Response jwks = given().get("/.well-known/jwks.json");
        jwks.then().statusCode(200).body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"));
        List<Map<String, String>> keys = jwks.path("keys");
        Map<String, String> key = keys.get(0);

        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"" + key.get("kid") + "\""), "token kid matches the JWKS");

        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e")))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "JWKS key verifies the signature");
        assertEquals(1, keys.size());
        assertTrue(!key.containsKey("d"), "no private part in the JWKS");
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
