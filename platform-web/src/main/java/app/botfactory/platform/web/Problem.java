// RFC 9457 problem document; `errors` only appears on validation failures.
package app.botfactory.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) { }

    public static Problem of(int status, String type, String title, String detail, String instance) {
        return new Problem(type, title, status, detail, instance, null);
    }

    /** Hand-written JSON for places outside JAX-RS (Vert.x failure handlers) where no mapper runs. */
    public String toJson() {
        return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + (instance == null ? "" : ",\"instance\":\"" + instance.replace("\"", "%22") + "\"") + "}";
    }
}
