package org.kaspa.aio.ops;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.provision.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Removes what kaspa-aio created — and only that: everything is found by our labels, never by name.
 * Containers and the network always go; volumes (the data) only when asked explicitly.
 */
public final class Uninstaller {
    private final DockerEngine engine;
    private final String network;

    public Uninstaller(DockerEngine engine, String network) {
        this.engine = engine;
        this.network = network;
    }

    /** Our volumes, by label. */
    public List<String> ourVolumes() {
        return engine.volumesWithLabel(Labels.SERVICE).stream().map(VolumeInfo::name).sorted().toList();
    }

    public record Result(List<String> removedContainers, boolean removedNetwork, List<String> keptVolumes, List<String> removedVolumes) {
    }

    public Result uninstall(boolean deleteData, Consumer<String> progress) {
        List<String> containers = new ArrayList<>();
        for (ContainerInfo c : engine.containersWithLabel(Labels.SERVICE)) {
            progress.accept(c.name() + ": removing container");
            engine.removeContainer(c.id());
            containers.add(c.name());
        }
        boolean removedNetwork = false;
        var net = engine.findNetwork(network);
        if (net.isPresent() && Labels.isOurs(net.get().labels())) {
            progress.accept(network + ": removing network");
            engine.removeNetwork(network);
            removedNetwork = true;
        }
        List<String> volumes = ourVolumes();
        if (!deleteData) {
            return new Result(containers, removedNetwork, volumes, List.of());
        }
        for (String v : volumes) {
            progress.accept(v + ": removing volume and its data");
            engine.removeVolume(v);
        }
        return new Result(containers, removedNetwork, List.of(), volumes);
    }
}
