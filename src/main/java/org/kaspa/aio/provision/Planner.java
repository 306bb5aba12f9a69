package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.PublishedPort;
import org.kaspa.aio.engine.VolumeInfo;
import org.kaspa.aio.plan.PlanAction;
import org.kaspa.aio.plan.ProvisionPlan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.kaspa.aio.plan.PlanAction.Kind.*;

/**
 * Desired state vs actual state → plan, the way docker compose converges: a container is recreated only
 * when its config-hash label differs, started when stopped, left alone otherwise. It knows components,
 * never roles. Pure logic, no I/O.
 */
public final class Planner {
    private Planner() {
    }

    public static ProvisionPlan plan(DesiredState desired, ActualState actual) {
        List<PlanAction> actions = new ArrayList<>();
        // Pulls first: a pull that fails must leave nothing half-created behind.
        Set<String> pulls = new HashSet<>();
        for (DesiredComponent d : desired.components()) {
            String image = d.spec().image();
            ContainerInfo c = actual.containers().get(d.name());
            boolean needsContainer = c == null || !d.configHash().equals(c.label(Labels.CONFIG_HASH));
            if (needsContainer && !actual.images().contains(image) && pulls.add(image)) {
                actions.add(new PlanAction(PULL_IMAGE, image, d.serviceId(), "not present on the engine"));
            }
        }
        if (actual.network().isEmpty()) {
            actions.add(new PlanAction(CREATE_NETWORK, desired.network(), Labels.SHARED, "shared by every container"));
        } else if (!Labels.isOurs(actual.network().get().labels())) {
            throw new ForeignResourceException("network", desired.network());
        } else {
            actions.add(new PlanAction(KEEP, desired.network(), Labels.SHARED, "network exists"));
        }
        for (DesiredVolume v : desired.volumes()) {
            VolumeInfo existing = actual.volumes().get(v.name());
            if (existing == null) {
                actions.add(new PlanAction(CREATE_VOLUME, v.name(), v.serviceId(), v.role() + " data"));
            } else if (!Labels.isOurs(existing.labels())) {
                throw new ForeignResourceException("volume", v.name());
            } else {
                actions.add(new PlanAction(KEEP, v.name(), v.serviceId(), "volume exists, data kept"));
            }
        }
        for (DesiredComponent d : desired.components()) {
            String name = d.name();
            ContainerInfo c = actual.containers().get(name);
            if (c == null) {
                actions.add(new PlanAction(CREATE_CONTAINER, name, d.serviceId(), describeNew(d)));
            } else if (!Labels.isOurs(c.labels())) {
                throw new ForeignResourceException("container", name);
            } else if (!d.configHash().equals(c.label(Labels.CONFIG_HASH))) {
                actions.add(new PlanAction(RECREATE_CONTAINER, name, d.serviceId(), differenceOf(d, c)
                        + (d.spec().mounts().isEmpty() ? "" : "; volume kept")));
            } else if (d.liveHash() != null && !d.liveHash().equals(actual.liveHashes().get(name))) {
                actions.add(new PlanAction(UPDATE_CONTAINER, name, d.serviceId(), "settings or CPUs changed; container kept"
                        + (c.running() ? "" : ", then started")));
            } else if (!c.running()) {
                actions.add(new PlanAction(START_CONTAINER, name, d.serviceId(), "container is " + c.state()));
            } else {
                actions.add(new PlanAction(KEEP, name, d.serviceId(), "running, configuration unchanged"));
            }
        }
        for (DesiredComponent d : desired.components()) {
            // a recreate that was interrupted (kill -9) left the old container stopped under another name
            String previous = DesiredState.previousName(d.name());
            ContainerInfo c = actual.containers().get(previous);
            if (c != null && Labels.isOurs(c.labels())) {
                actions.add(new PlanAction(REMOVE_CONTAINER, previous, d.serviceId(), "left by an interrupted recreate of "
                        + d.name() + (d.spec().mounts().isEmpty() ? "" : "; volume kept")));
            }
        }
        desired.retired().forEach((name, serviceId) -> {
            ContainerInfo c = actual.containers().get(name);
            if (c != null) {
                if (!Labels.isOurs(c.labels())) {
                    throw new ForeignResourceException("container", name);
                }
                boolean serviceStays = desired.components().stream().anyMatch(d -> d.serviceId().equals(serviceId));
                boolean copyGoes = desired.discarded().containsKey(name);
                actions.add(new PlanAction(REMOVE_CONTAINER, name, serviceId, !serviceStays ? "service disabled; volume kept"
                        : copyGoes ? "no longer in profile.json; its volume holds only a copy and goes too; the database stays"
                        : "turned off in profile.json; the service's other containers and volumes stay"));
            }
        });
        desired.discarded().forEach((container, volume) -> {
            VolumeInfo v = actual.volumes().get(volume);
            if (v != null && Labels.isOurs(v.labels())) {
                actions.add(new PlanAction(REMOVE_VOLUME, volume, desired.retired().get(container), "it holds only a copy, and its container goes"));
            }
        });
        return new ProvisionPlan(actions);
    }

    private static String describeNew(DesiredComponent d) {
        PublishedPort p = d.spec().mainPort();
        var r = d.spec().resources();
        return d.spec().image() + (p == null ? "" : ", " + p.hostAddress() + ":" + p.hostPort() + " -> " + p.containerPort())
                + (r == null ? "" : ", " + (r.memoryBytes() >> 20) + " MB, " + (r.cpus() == Math.rint(r.cpus()) ? String.valueOf((long) r.cpus())
                : String.valueOf(r.cpus())) + " CPUs");
    }

    /** The user-visible part of what changed, where the engine lets us see it. */
    private static String differenceOf(DesiredComponent d, ContainerInfo c) {
        if (Labels.ORIGIN_COMPOSE_EXPORT.equals(c.label(Labels.ORIGIN))) {
            return "adopting the container of an exported compose stack";
        }
        List<String> parts = new ArrayList<>();
        if (c.image() != null && !org.kaspa.aio.engine.ImageReference.sameImage(c.image(), d.spec().image())) {
            parts.add("image " + org.kaspa.aio.engine.ImageReference.canonical(c.image()) + " -> " + d.spec().image());
        }
        PublishedPort p = d.spec().mainPort();
        if (p != null && c.hostPort() != null && c.hostPort() != p.hostPort()) {
            parts.add("port " + c.hostPort() + " -> " + p.hostPort());
        }
        if (p != null && c.hostIp() != null && !c.hostIp().equals(p.hostAddress())) {
            parts.add("bind address " + c.hostIp() + " -> " + p.hostAddress());
        }
        long memory = d.spec().resources() == null ? 0 : d.spec().resources().memoryBytes();
        if (memory != c.memoryBytes()) {
            parts.add("memory " + (c.memoryBytes() == 0 ? "unlimited" : (c.memoryBytes() >> 20) + " MB") + " -> "
                    + (memory == 0 ? "unlimited" : (memory >> 20) + " MB") + " (its /dev/shm follows, which only a new container can change)");
        }
        return parts.isEmpty() ? "configuration changed" : String.join(", ", parts);
    }
}
