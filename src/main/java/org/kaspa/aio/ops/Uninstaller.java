package org.kaspa.aio.ops;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.EngineException;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.provision.DesiredState;
import org.kaspa.aio.provision.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Removes what kaspa-aio created for this profile — and only that: the profile's containers and volumes
 * that carry our labels, never another home's resources on the same engine. Containers and the network
 * always go (the network only when nothing else uses it); volumes (the data) only those confirmed.
 */
public final class Uninstaller {
    private final DockerEngine engine;
    private final String network;
    private final Profile profile;

    public Uninstaller(DockerEngine engine, String network, Profile profile) {
        this.engine = engine;
        this.network = network;
        this.profile = profile;
    }

    /** This profile's volumes that exist on the engine and are ours, sorted: what --delete-data would remove. */
    public List<String> ourVolumes() {
        List<String> names = new java.util.ArrayList<>(DesiredState.volumeNames(profile));
        // the volumes a point-in-time restore left behind, kept until now: the one the database ran on before
        // (<database container>-data, the default name) and earlier restores' (<database container>-data-<time>)
        List<String> restorePrefixes = profile.services().values().stream().filter(s -> s.database() != null)
                .map(s -> s.database().container() + "-data").toList();
        engine.volumesWithLabel(Labels.SERVICE).stream().map(VolumeInfo::name)
                .filter(n -> restorePrefixes.stream().anyMatch(p -> n.equals(p) || n.startsWith(p + "-")
                        && n.substring(p.length() + 1).matches("\\d{8}-\\d{6}")))
                .forEach(names::add);
        return names.stream().distinct()
                .filter(v -> engine.findVolume(v).map(VolumeInfo::labels).map(Labels::isOurs).orElse(false))
                .sorted().toList();
    }

    public record Result(List<String> removedContainers, boolean removedNetwork, List<String> keptVolumes, List<String> removedVolumes) {
    }

    /** @param deleteVolumes the volumes the person confirmed; each must be one of {@link #ourVolumes()} */
    public Result uninstall(List<String> deleteVolumes, Consumer<String> progress) {
        List<String> ours = ourVolumes();
        for (String v : deleteVolumes) {
            if (!ours.contains(v)) {
                throw new EngineException("volume " + v + " is not one of this profile's (" + String.join(" ", ours) + "); nothing was removed");
            }
        }
        List<String> containers = new ArrayList<>();
        for (String name : DesiredState.containerNames(profile)) {
            Optional<ContainerInfo> c = engine.findContainer(name).filter(info -> Labels.isOurs(info.labels()));
            if (c.isPresent()) {
                progress.accept(name + ": removing container");
                engine.removeContainer(c.get().id());
                containers.add(name);
            }
        }
        boolean removedNetwork = false;
        var net = engine.findNetwork(network);
        if (net.isPresent() && Labels.isOurs(net.get().labels())) {
            try {
                engine.removeNetwork(network);
                progress.accept(network + ": removed network");
                removedNetwork = true;
            } catch (EngineException inUse) {
                progress.accept(network + ": network kept (other containers still use it)");
            }
        }
        List<String> removed = new ArrayList<>();
        for (String v : deleteVolumes) {
            progress.accept(v + ": removing volume and its data");
            engine.removeVolume(v);
            removed.add(v);
        }
        List<String> kept = ours.stream().filter(v -> !removed.contains(v)).toList();
        return new Result(containers, removedNetwork, kept, removed);
    }
}
