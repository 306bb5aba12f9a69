package org.kaspa.aio.engine;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container. {@code env} never holds a secret: secrets travel as
 * {@link #files()} so that {@code docker inspect} cannot show them.
 */
public record ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                            String bindAddress, int hostPort, int containerPort,
                            String volume, String volumePath, String network, List<ContainerFile> files) {
    public ContainerSpec {
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        files = List.copyOf(files);
    }
}
