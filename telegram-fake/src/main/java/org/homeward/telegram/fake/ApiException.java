package org.homeward.telegram.fake;

/** An error answer of the Bot API: {@code {"ok":false,"error_code":…,"description":…}}. */
final class ApiException extends RuntimeException {
    final int code;
    final String description;
    final Integer retryAfter;

    ApiException(int code, String description, Integer retryAfter) {
        super(description, null, false, false);
        this.code = code;
        this.description = description;
        this.retryAfter = retryAfter;
    }

    static ApiException badRequest(String what) {
        return new ApiException(400, "Bad Request: " + what, null);
    }

    static ApiException tooManyRequests(int retryAfter) {
        return new ApiException(429, "Too Many Requests: retry after " + retryAfter, retryAfter);
    }
}
