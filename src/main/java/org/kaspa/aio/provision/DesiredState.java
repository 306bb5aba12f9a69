package org.kaspa.aio.provision;

import org.kaspa.aio.health.PortAccess;
import org.kaspa.aio.catalog.ServiceCatalog;
import org.kaspa.aio.engine.VolumeMount;
import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine should hold for a profile: the shared network, every volume, the components of enabled
 * services in dependency order, and the containers of disabled services (to be removed, volumes kept).
 *
 * @param retired   container name → service id, for containers that belong to disabled services or that
 *                  the profile no longer makes (a pooler turned off, a replica the count no longer covers)
 * @param discarded retired container name → its volume, for volumes that hold only a copy (removed with it)
 */
public record DesiredState(String network, String bindAddress, List<DesiredVolume> volumes,
                           List<DesiredComponent> components, Map<String, String> retired, Map<String, String> discarded) {

    /** Every role, in the order their components are listed when nothing else orders them. */
    static final List<ComponentSource> SOURCES = List.of(new DatabaseComponents(), new PoolerComponents(),
            new ReplicaComponents(), new ExporterComponents(), new PoolerExporterComponents(), new BackupComponents(), new StorageVolumes());
    /** Every role of the installation as a whole. */
    static final List<SharedComponentSource> SHARED_SOURCES = List.of(new VolumeExporterComponents(), new PrometheusComponents(),
            new GrafanaComponents());

    public DesiredState {
        volumes = List.copyOf(volumes);
        components = List.copyOf(components);
        retired = Map.copyOf(retired);
        discarded = Map.copyOf(discarded);
    }

    public DesiredState(String network, String bindAddress, List<DesiredVolume> volumes, List<DesiredComponent> components,
                        Map<String, String> retired) {
        this(network, bindAddress, volumes, components, retired, Map.of());
    }

    /** The desired state as the compose export and unit tests see it: published ports dialled on this machine. */
    public static DesiredState of(Profile profile, Secrets secrets, ServiceCatalog catalog) {
        return of(profile, secrets, catalog, PortAccess.LOCAL);
    }

    public static DesiredState of(Profile profile, Secrets secrets, ServiceCatalog catalog, PortAccess ports) {
        Map<String, DesiredVolume> volumes = new LinkedHashMap<>();
        List<DesiredComponent> components = new ArrayList<>();
        Map<String, String> retired = new LinkedHashMap<>();
        Map<String, String> discarded = new LinkedHashMap<>();
        profile.services().forEach((id, service) -> {
            ServiceContext ctx = new ServiceContext(id, service, profile, secrets, catalog.require(id), catalog.network(), ports);
            for (ComponentSource source : SOURCES) {
                if (!service.enabled()) {
                    source.containerNames(id, service).forEach(name -> retired.put(name, id));
                    continue;
                }
                source.standaloneVolumes(ctx).forEach(v -> volumes.putIfAbsent(v.name(), v));
                List<DesiredComponent> made = source.components(ctx);
                // a container the role names but does not make now (a pooler turned off) goes, like a disabled service's
                source.containerNames(id, service).stream().filter(n -> made.stream().noneMatch(c -> c.name().equals(n)))
                        .forEach(n -> {
                            retired.put(n, id);
                            source.copyVolume(n, service).ifPresent(v -> discarded.put(n, v));
                        });
                for (DesiredComponent c : made) {
                    components.add(c);
                    for (VolumeMount m : c.spec().mounts()) {
                        volumes.putIfAbsent(m.volume(), new DesiredVolume(m.volume(), id, c.role()));
                    }
                }
            }
        });
        SharedContext shared = new SharedContext(profile, secrets, catalog, catalog.network(), ports);
        for (SharedComponentSource source : SHARED_SOURCES) {
            List<DesiredComponent> made = source.components(shared);
            source.containerNames(profile).stream().filter(n -> made.stream().noneMatch(c -> c.name().equals(n)))
                    .forEach(n -> retired.put(n, Labels.SHARED));
            for (DesiredComponent c : made) {
                components.add(c);
                for (VolumeMount m : c.spec().mounts()) {
                    volumes.putIfAbsent(m.volume(), new DesiredVolume(m.volume(), Labels.SHARED, c.role()));
                }
            }
        }
        return new DesiredState(catalog.network(), profile.bindAddress(), List.copyOf(volumes.values()),
                inDependencyOrder(components), retired, discarded);
    }

    /**
     * Every container name the profile's services own, enabled or not, with the {@link #previousName}
     * each may leave behind when a recreate was interrupted.
     */
    public static List<String> containerNames(Profile profile) {
        List<String> out = new ArrayList<>();
        profile.services().forEach((id, s) -> SOURCES.forEach(src -> src.containerNames(id, s).forEach(n -> {
            out.add(n);
            out.add(previousName(n));
        })));
        SHARED_SOURCES.forEach(src -> src.containerNames(profile).forEach(n -> {
            out.add(n);
            out.add(previousName(n));
        }));
        return out;
    }

    /**
     * The name a container is renamed to while its replacement starts during a recreate; it is removed
     * once the new one is ready, or renamed back and started if the new one fails.
     */
    public static String previousName(String name) {
        return name + "-previous";
    }

    /** Every volume name the profile's services own, enabled or not. */
    public static List<String> volumeNames(Profile profile) {
        List<String> out = new ArrayList<>();
        profile.services().forEach((id, s) -> SOURCES.forEach(src -> out.addAll(src.volumeNames(id, s))));
        SHARED_SOURCES.forEach(src -> out.addAll(src.volumeNames(profile)));
        return out;
    }

    public DesiredComponent component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + name));
    }

    /** Components whose dependencies come first; a dependency that is not desired or a cycle is a bug in a source. */
    static List<DesiredComponent> inDependencyOrder(List<DesiredComponent> components) {
        Map<String, DesiredComponent> byName = new HashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (DesiredComponent c : components) {
            visit(c, byName, done, visiting);
        }
        return done.stream().map(byName::get).toList();
    }

    private static void visit(DesiredComponent c, Map<String, DesiredComponent> byName, Set<String> done, Set<String> visiting) {
        if (done.contains(c.name())) {
            return;
        }
        if (!visiting.add(c.name())) {
            throw new IllegalStateException("dependency cycle through " + c.name());
        }
        for (String dep : c.dependsOn()) {
            DesiredComponent d = byName.get(dep);
            if (d == null) {
                throw new IllegalStateException(c.name() + " depends on " + dep + ", which is not desired");
            }
            visit(d, byName, done, visiting);
        }
        visiting.remove(c.name());
        done.add(c.name());
    }
}
