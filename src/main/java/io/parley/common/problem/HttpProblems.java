package io.parley.common.problem;

import java.util.Map;

/** Problems for plain HTTP statuses, shared by the REST mappers and the HTTP-level error handler. */
public final class HttpProblems {

    private static final Map<Integer, String[]> KNOWN = Map.of(
            400, new String[] { "Bad request", "The request could not be understood" },
            401, new String[] { "Unauthorized", "A valid bearer token is required" },
            403, new String[] { "Forbidden", "Your role does not allow this operation" },
            404, new String[] { "Not found", "No resource exists at this path" },
            405, new String[] { "Method not allowed", "This path does not support that HTTP method" },
            406, new String[] { "Not acceptable", "No representation matches the Accept header" },
            413, new String[] { "Payload too large", "The request body exceeds the configured limit" },
            415, new String[] { "Unsupported media type", "This endpoint does not accept that Content-Type" });

    private HttpProblems() {
    }

    public static Problem forStatus(int status) {
        String[] text = KNOWN.getOrDefault(status, new String[] { "HTTP " + status, "The request failed" });
        return Problem.of(status, text[0], text[1]);
    }
}
