package dev.swarmlab.agent.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Names a network failure the way the report does: timeout, refused, unreachable, no such name. */
final class Failures {
    private Failures() {
    }

    static String reason(Throwable e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof UnknownHostException) {
            return "no such name";
        }
        if (e instanceof SocketTimeoutException || message.contains("timed out")) {
            return "timeout";
        }
        if (e instanceof PortUnreachableException || message.contains("refused")) {
            return "refused";
        }
        if (e instanceof NoRouteToHostException || message.contains("unreachable") || message.contains("no route")) {
            return "unreachable";
        }
        if (e instanceof ConnectException) {
            return "refused";
        }
        return "error: " + e.getClass().getSimpleName();
    }
}
