package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.NetworkInfo;
import org.kaspa.aio.engine.VolumeInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine holds of the names a desired state uses: read once, then planned against.
 * {@code liveHashes}: per existing container, the {@link LiveHash} of what it runs with now.
 */
public record ActualState(Optional<NetworkInfo> network, Map<String, VolumeInfo> volumes,
                          Map<String, ContainerInfo> containers, Set<String> images, Map<String, String> liveHashes) {

    public ActualState(Optional<NetworkInfo> network, Map<String, VolumeInfo> volumes, Map<String, ContainerInfo> containers,
                       Set<String> images) {
        this(network, volumes, containers, images, Map.of());
    }

    /**
     * Asks the engine about every name at once: one listing of the volumes, one of the containers (then an
     * inspection of each of ours that exists), one question per image and the network, concurrently. A profile
     * names some forty containers and volumes that could exist (replicas, previous and retired containers), most
     * of which do not; asking for each by name cost a JVM's cold start ~40 ms more than the listings.
     */
    public static ActualState read(DockerEngine engine, DesiredState desired) {
        Set<String> images = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        Set<String> volumeNames = new LinkedHashSet<>();
        desired.volumes().forEach(v -> volumeNames.add(v.name()));
        volumeNames.addAll(desired.discarded().values());
        CompletableFuture<Map<String, VolumeInfo>> volumes = CompletableFuture.supplyAsync(() -> engine.volumesNamed(volumeNames));
        calls.add(volumes);
        Set<String> names = new LinkedHashSet<>(desired.retired().keySet());
        Set<String> imageNames = new LinkedHashSet<>();
        for (DesiredComponent c : desired.components()) {
            names.add(c.name());
            names.add(DesiredState.previousName(c.name()));
            imageNames.add(c.spec().image());
        }
        for (String image : imageNames) {
            calls.add(CompletableFuture.runAsync(() -> {
                if (engine.hasImage(image)) {
                    images.add(image);
                }
            }));
        }
        CompletableFuture<Map<String, ContainerInfo>> listed = CompletableFuture.supplyAsync(() -> engine.containersNamed(names));
        calls.add(listed);
        CompletableFuture<Optional<NetworkInfo>> network = CompletableFuture.supplyAsync(() -> engine.findNetwork(desired.network()));
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            Map<String, ContainerInfo> containers = listed.join();
            Map<String, String> live = new ConcurrentHashMap<>();
            List<CompletableFuture<?>> reads = new ArrayList<>();
            for (DesiredComponent c : desired.components()) {
                ContainerInfo existing = containers.get(c.name());
                if (existing != null && c.liveHash() != null) {
                    reads.add(CompletableFuture.runAsync(() -> live.put(c.name(), LiveHash.read(engine, existing.id(), c.spec()))));
                }
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
            return new ActualState(network.join(), Map.copyOf(volumes.join()), Map.copyOf(containers), Set.copyOf(images), Map.copyOf(live));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
