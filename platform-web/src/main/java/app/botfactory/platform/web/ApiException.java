// A caller-facing failure with a stable problem type; thrown by services, rendered by ProblemMappers.
package app.botfactory.platform.web;

import java.util.Map;

public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> headers;
    private java.util.List<Problem.FieldError> fieldErrors;

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ApiException(int status, String type, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = headers;
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(400, type, "Bad request", detail);
    }

    public static ApiException notFound(String type, String detail) {
        return new ApiException(404, type, "Not Found", detail);
    }

    /** A 400 that names the offending field, rendered like a Bean Validation failure. */
    public static ApiException validation(String field, String message) {
        ApiException e = new ApiException(400, "validation-failed", "Validation failed", field + ": " + message);
        e.fieldErrors = java.util.List.of(new Problem.FieldError(field, message));
        return e;
    }

    public static ApiException unauthorized(String detail) {
        return unauthorized("unauthorized", detail);
    }

    /** A 401 with a more specific type, so a client can tell a wrong password from an ended session. */
    public static ApiException unauthorized(String type, String detail) {
        return new ApiException(401, type, "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, type, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public java.util.List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
