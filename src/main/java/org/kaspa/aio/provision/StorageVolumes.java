package org.kaspa.aio.provision;

import org.kaspa.aio.profile.ServiceProfile;

import java.util.List;

/** The storage role: a file-based indexer's volume (Kasia's store), created and kept, with no container of ours. */
public final class StorageVolumes implements ComponentSource {
    @Override
    public List<DesiredComponent> components(ServiceContext service) {
        return List.of();
    }

    @Override
    public List<DesiredVolume> standaloneVolumes(ServiceContext s) {
        return s.service().storage() == null ? List.of()
                : List.of(new DesiredVolume(s.service().storage().volume(), s.serviceId(), Labels.ROLE_STORAGE));
    }

    @Override
    public List<String> volumeNames(String serviceId, ServiceProfile service) {
        return service.storage() == null ? List.of() : List.of(service.storage().volume());
    }

    @Override
    public List<String> containerNames(String serviceId, ServiceProfile service) {
        return List.of();
    }
}
