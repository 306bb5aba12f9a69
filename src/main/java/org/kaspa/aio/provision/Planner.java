package org.kaspa.aio.provision;

import org.kaspa.aio.engine.ContainerInfo;
import org.kaspa.aio.engine.VolumeInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.kaspa.aio.provision.PlanAction.Kind.*;

/**
 * Desired state vs actual state → plan, the way docker compose converges: a container is recreated only
 * when its config-hash label differs, started when stopped, left alone otherwise. Pure logic, no I/O.
 */
public final class Planner {
    private Planner() {
    }

    public static ProvisionPlan plan(DesiredState desired, ActualState actual) {
        List<PlanAction> actions = new ArrayList<>();
        // Pulls first: a pull that fails must leave nothing half-created behind.
        Set<String> pulls = new HashSet<>();
        for (DesiredDatabase d : desired.databases()) {
            String image = d.spec().image();
            ContainerInfo c = actual.containers().get(d.spec().name());
            boolean needsContainer = c == null || !d.configHash().equals(c.label(Labels.CONFIG_HASH));
            if (needsContainer && !actual.images().contains(image) && pulls.add(image)) {
                actions.add(new PlanAction(PULL_IMAGE, image, d.serviceId(), "not present on the engine"));
            }
        }
        if (actual.network().isEmpty()) {
            actions.add(new PlanAction(CREATE_NETWORK, desired.network(), Labels.SHARED, "shared by the database containers"));
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
        for (DesiredDatabase d : desired.databases()) {
            String name = d.spec().name();
            ContainerInfo c = actual.containers().get(name);
            if (c == null) {
                actions.add(new PlanAction(CREATE_CONTAINER, name, d.serviceId(),
                        d.spec().image() + ", " + d.spec().bindAddress() + ":" + d.spec().hostPort() + " -> 5432"));
            } else if (!Labels.isOurs(c.labels())) {
                throw new ForeignResourceException("container", name);
            } else if (!d.configHash().equals(c.label(Labels.CONFIG_HASH))) {
                actions.add(new PlanAction(RECREATE_CONTAINER, name, d.serviceId(), differenceOf(d, c) + "; volume kept"));
            } else if (!c.running()) {
                actions.add(new PlanAction(START_CONTAINER, name, d.serviceId(), "container is " + c.state()));
            } else {
                actions.add(new PlanAction(KEEP, name, d.serviceId(), "running, configuration unchanged"));
            }
        }
        desired.disabledContainers().forEach((serviceId, name) -> {
            ContainerInfo c = actual.containers().get(name);
            if (c != null) {
                if (!Labels.isOurs(c.labels())) {
                    throw new ForeignResourceException("container", name);
                }
                actions.add(new PlanAction(REMOVE_CONTAINER, name, serviceId, "service disabled; volume kept"));
            }
        });
        return new ProvisionPlan(actions);
    }

    /** The user-visible part of what changed, where the engine lets us see it. */
    private static String differenceOf(DesiredDatabase d, ContainerInfo c) {
        List<String> parts = new ArrayList<>();
        if (c.image() != null && !c.image().equals(d.spec().image())) {
            parts.add("image " + c.image() + " -> " + d.spec().image());
        }
        if (c.hostPort() != null && c.hostPort() != d.spec().hostPort()) {
            parts.add("port " + c.hostPort() + " -> " + d.spec().hostPort());
        }
        if (c.hostIp() != null && !c.hostIp().equals(d.spec().bindAddress())) {
            parts.add("bind address " + c.hostIp() + " -> " + d.spec().bindAddress());
        }
        return parts.isEmpty() ? "configuration changed" : String.join(", ", parts);
    }
}
