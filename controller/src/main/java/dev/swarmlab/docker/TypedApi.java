package dev.swarmlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.swarmlab.SwarmlabException;
import java.util.Optional;
import java.util.function.Function;

/** docker-java's typed calls, its exceptions translated at this boundary, in one place. */
final class TypedApi {
    private final DockerClient client;
    private final String endpoint;

    TypedApi(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** The call's answer; a refusal carries Docker's own words ("network lab-bridge not found"). */
    <T> T call(String what, Function<DockerClient, T> request) {
        try {
            return request.apply(client);
        } catch (NotFoundException e) {
            throw new DockerRefusal("docker " + what + " on " + endpoint + ": not found: " + dockerMessage(e), dockerMessage(e), e);
        } catch (DockerException e) {
            throw new DockerRefusal("docker " + what + " on " + endpoint + " failed: " + dockerMessage(e), dockerMessage(e), e);
        } catch (RuntimeException e) {
            if (e instanceof SwarmlabException known) {
                throw known;
            }
            throw new SwarmlabException("docker " + what + " on " + endpoint + " failed: " + describe(e), e);
        }
    }

    /** A call whose answer is nothing (docker-java's Void). */
    void run(String what, Function<DockerClient, Void> request) {
        call(what, request);
    }

    String endpoint() {
        return endpoint;
    }

    /** Docker's own words, without docker-java's "Status 404: {...}" wrapping. */
    private static String dockerMessage(DockerException e) {
        String text = Optional.ofNullable(e.getMessage()).orElse("");
        int brace = text.indexOf('{');
        return brace >= 0 ? RawApi.message(text.substring(brace)) : text.strip();
    }

    /** The root cause's message, or its class where it has none. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
