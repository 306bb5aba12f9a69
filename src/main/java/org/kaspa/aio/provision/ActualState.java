package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.NetworkInfo;
import org.kaspa.aio.engine.VolumeInfo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the engine holds of the names a desired state uses: read once, then planned against. */
public record ActualState(Optional<NetworkInfo> network, Map<String, VolumeInfo> volumes,
                          Map<String, ContainerInfo> containers, Set<String> images) {

    public static ActualState read(DockerEngine engine, DesiredState desired) {
        Map<String, VolumeInfo> volumes = new HashMap<>();
        for (DesiredVolume v : desired.volumes()) {
            engine.findVolume(v.name()).ifPresent(info -> volumes.put(v.name(), info));
        }
        Map<String, ContainerInfo> containers = new HashMap<>();
        Set<String> images = new HashSet<>();
        for (DesiredDatabase d : desired.databases()) {
            engine.findContainer(d.spec().name()).ifPresent(c -> containers.put(c.name(), c));
            if (engine.hasImage(d.spec().image())) {
                images.add(d.spec().image());
            }
        }
        for (String name : desired.disabledContainers().values()) {
            engine.findContainer(name).ifPresent(c -> containers.put(c.name(), c));
        }
        return new ActualState(engine.findNetwork(desired.network()), volumes, containers, images);
    }
}
