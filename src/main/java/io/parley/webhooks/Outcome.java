package io.parley.webhooks;

/**
 * What one attempt got.
 *
 * @param status the receiver's HTTP status, or null when none came (connection failure, timeout)
 * @param error why it failed without a status (an exception's kind, never a body), or null
 */
record Outcome(Integer status, String error, int latencyMs) {

    boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }
}
