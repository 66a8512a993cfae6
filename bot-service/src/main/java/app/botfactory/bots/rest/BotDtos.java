// Request and response bodies of the bots API, as the platform contract spells them.
package app.botfactory.bots.rest;

import app.botfactory.bots.domain.BotStatus;
import app.botfactory.platform.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public final class BotDtos {

    /** BCP-47 shape: a 2-3 letter language, then subtags (script, region, variant). */
    static final String LANGUAGE_TAG = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

    private BotDtos() { }

    /** Body of POST and PUT: PUT replaces every setting, absent optional ones fall back to defaults. */
    public record BotRequest(
            @NotBlank @Size(max = 80) @PlainText String name,
            @Size(max = 8000) @PlainText String systemPrompt,
            @Size(max = 35) @Pattern(regexp = LANGUAGE_TAG, message = "must be a BCP-47 language tag such as "
                    + "en, ru, uz or uz-Cyrl") String language,
            @Size(max = 1000) @PlainText String welcomeMessage,
            @Size(max = 1000) @PlainText String fallbackMessage,
            BotStatus status) { }

    public record BotResponse(UUID id, String name, String systemPrompt, String language, String welcomeMessage,
                              String fallbackMessage, BotStatus status, Instant createdAt, Instant updatedAt,
                              Map<String, Object> channels) { }

    /** bot.channels.telegram: what channel-telegram reported (the token itself never leaves it). */
    public record TelegramChannel(String status, String username, String webhookUrl, Instant connectedAt) { }

    public record KnowledgeRequest(
            @NotBlank @Size(max = 200) @PlainText String title,
            @NotNull @NotBlank @PlainText String content) { }

    public record KnowledgeResponse(UUID id, String title, int chars, Instant createdAt) { }
}
