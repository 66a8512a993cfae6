// Sign-up over REST against the real Postgres: success, every documented error, hostile bodies.
package app.botfactory.accounts;

import app.botfactory.testsupport.PlatformTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.botfactory.accounts.AccountApi.PASSWORD;
import static app.botfactory.accounts.AccountApi.register;
import static app.botfactory.accounts.AccountApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RegistrationTests {

    @Test
    void registersOwnerWithLowerCasedEmail() {
        String email = uniqueEmail();
        register("  " + email.toUpperCase() + " ", PASSWORD, "Dilnoza Karimova")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/users/me"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("email", equalTo(email))
                .body("name", equalTo("Dilnoza Karimova"))
                .body("createdAt", notNullValue())
                .body("password", nullValue())
                .body("passwordHash", nullValue());
    }

    @Test
    void keepsUzbekAndRussianNamesIntact() {
        register(uniqueEmail(), PASSWORD, "Oʻgʻiloy Toʻxtayeva — Ўғилой Тўхтаева, Ольга")
                .then().statusCode(201)
                .body("name", equalTo("Oʻgʻiloy Toʻxtayeva — Ўғилой Тўхтаева, Ольга"));
    }

    @Test
    void rejectsTakenEmailWith409WhateverItsCase() {
        String email = uniqueEmail();
        register(email, PASSWORD, "First").then().statusCode(201);
        register(email.toUpperCase(), PASSWORD, "Second")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("email-taken"))
                .body("status", equalTo(409))
                .body("instance", equalTo("/api/users/register"));
    }

    @Test
    void rejectsShortPasswordWithFieldError() {
        register(uniqueEmail(), "short", "Name")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("validation-failed"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void rejectsInvalidEmailAndBlankNameTogether() {
        register("not-an-email", PASSWORD, " ")
                .then().statusCode(400)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void rejectsMissingBodyWith400() {
        given().contentType(ContentType.JSON).post("/api/users/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("validation-failed"));
    }

    @Test
    void rejectsNulCharacterInNameWith400() {
        register(uniqueEmail(), PASSWORD, "Bad\u0000Name")
                .then().statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void rejectsMalformedJsonWith400() {
        given().contentType(ContentType.JSON).body("{\"email\": \"a@b.co\", ")
                .post("/api/users/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("malformed-json"));
    }

    @Test
    void rejectsWrongFieldTypeWith400() {
        given().contentType(ContentType.JSON).body("{\"email\": [1], \"password\": {}, \"name\": 3}")
                .post("/api/users/register")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("malformed-json"));
    }

    @Test
    void rejectsDeeplyNestedJsonWith400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        given().contentType(ContentType.JSON).body("{\"email\": " + deep + "}")
                .post("/api/users/register")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsWrongContentTypeWith415() {
        given().contentType(ContentType.TEXT).body("email=a@b.co")
                .post("/api/users/register")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void rejectsOversizedBodyWith413() {
        String huge = "x".repeat(64 * 1024);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", huge))
                .post("/api/users/register")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void answersUnknownPathWithProblem404() {
        given().get("/api/users/nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void answersWrongMethodWithProblem405() {
        given().get("/api/users/register")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }
}
