// Refresh-token rotation, reuse detection and logout, checked against the real database.
package app.botfactory.accounts;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static app.botfactory.accounts.AccountApi.loginOk;
import static app.botfactory.accounts.AccountApi.refresh;
import static app.botfactory.accounts.AccountApi.registerNew;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RefreshTokenTests {

    @Test
    void rotatesRefreshTokenIntoANewPair() {
        Response first = loginOk(registerNew());
        Response second = refresh(first.path("refreshToken"));
        second.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("accessToken", notNullValue());
        assertNotEquals(first.path("refreshToken").toString(), second.path("refreshToken").toString());
        given().auth().oauth2(second.path("accessToken")).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void spentRefreshTokenIsRejectedAndRevokesItsFamily() {
        Response login = loginOk(registerNew());
        String original = login.path("refreshToken");
        String rotated = refresh(original).then().statusCode(200).extract().path("refreshToken");

        refresh(original).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("invalid-refresh-token"));
        // The thief replayed the old token: the legitimate, newer token is dead too.
        refresh(rotated).then().statusCode(401);
    }

    @Test
    void otherSessionsSurviveReuseInOneFamily() {
        String email = registerNew();
        String phone = loginOk(email).path("refreshToken");
        String laptop = loginOk(email).path("refreshToken");
        refresh(phone).then().statusCode(200);
        refresh(phone).then().statusCode(401);
        refresh(laptop).then().statusCode(200);
    }

    @Test
    void rejectsUnknownRefreshToken() {
        refresh("definitely-not-issued-by-us").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void rejectsBlankRefreshTokenWith400() {
        given().contentType("application/json").body("{\"refreshToken\":\"\"}")
                .post("/api/users/token/refresh")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("refreshToken"));
    }

    @Test
    void logoutRevokesTheSessionsRefreshTokens() {
        Response login = loginOk(registerNew());
        given().auth().oauth2(login.path("accessToken")).post("/api/users/logout").then().statusCode(204);
        refresh(login.path("refreshToken")).then().statusCode(401);
    }

    @Test
    void logoutAlsoEndsRotatedDescendants() {
        Response login = loginOk(registerNew());
        Response rotated = refresh(login.path("refreshToken"));
        given().auth().oauth2(rotated.path("accessToken")).post("/api/users/logout").then().statusCode(204);
        refresh(rotated.path("refreshToken")).then().statusCode(401);
    }

    @Test
    void logoutWithoutTokenIs401() {
        given().post("/api/users/logout").then().statusCode(401).contentType("application/problem+json");
    }
}
