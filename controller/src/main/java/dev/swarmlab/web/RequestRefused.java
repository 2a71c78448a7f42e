package dev.swarmlab.web;

import dev.swarmlab.SwarmlabException;

/** A request the server will not serve, with the HTTP status that says why (400, 403, 405, 413, 414, 431) and a remedy. */
final class RequestRefused extends SwarmlabException {
    private final int status;

    RequestRefused(int status, String message, String remedy) {
        super(message, remedy);
        this.status = status;
    }

    int status() {
        return status;
    }
}
