package org.kaspa.aio.catalog;

import java.util.List;

/** The design's defaults for one service's database container (DESIGN §1). */
public record CatalogDatabase(String container, String name, String user, int port, String volume,
                              List<String> initScripts) {
    public CatalogDatabase {
        initScripts = List.copyOf(initScripts);
    }
}
