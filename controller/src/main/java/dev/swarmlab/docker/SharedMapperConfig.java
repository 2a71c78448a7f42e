package dev.swarmlab.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * docker-java gives every client a fresh copy of its ObjectMapper, so each client learns the
 * large API model classes again (about 0.1 CPU-second per client, paid for every host). All of
 * swarmlab's clients share one mapper instead.
 */
final class SharedMapperConfig implements DockerClientConfig {
    private static final ObjectMapper MAPPER = DockerClientConfig.getDefaultObjectMapper().copy();
    private final DockerClientConfig delegate;

    SharedMapperConfig(DockerClientConfig delegate) {
        this.delegate = delegate;
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return MAPPER;
    }

    @Override
    public URI getDockerHost() {
        return delegate.getDockerHost();
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return delegate.getApiVersion();
    }

    @Override
    public String getRegistryUsername() {
        return delegate.getRegistryUsername();
    }

    @Override
    public String getRegistryPassword() {
        return delegate.getRegistryPassword();
    }

    @Override
    public String getRegistryEmail() {
        return delegate.getRegistryEmail();
    }

    @Override
    public String getRegistryUrl() {
        return delegate.getRegistryUrl();
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return delegate.effectiveAuthConfig(imageName);
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return delegate.getAuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return delegate.getSSLConfig();
    }
}
