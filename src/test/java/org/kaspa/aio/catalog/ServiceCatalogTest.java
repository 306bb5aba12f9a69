package org.kaspa.aio.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedCatalogReadsIntoTheDesignsServices() {
        ServiceCatalog c = ServiceCatalog.load();
        assertEquals("kaspa-aio", c.network());
        assertEquals(List.of("k-indexer", "simply-kaspa-indexer", "kasia-indexer"), c.services().stream().map(CatalogService::id).toList());
        CatalogDatabase k = c.require("k-indexer").databaseDefaults().orElseThrow();
        assertEquals("k-social-db", k.container());
        assertEquals(5433, k.port());
        assertEquals(6433, k.poolerPort());
        assertEquals(5443, k.replicaPort());
        assertEquals(1, k.share());
        assertEquals(List.of("sql/init/001-kaspa-aio-database.sql"), k.initScripts());
        assertTrue(c.require("k-indexer").expectedTables().contains("k_broadcasts"));
        assertEquals(CatalogDatabase.WRITE_HEAVY, c.require("simply-kaspa-indexer").databaseDefaults().orElseThrow().workload());
        CatalogService kasia = c.require("kasia-indexer");
        assertNull(kasia.database());
        assertEquals(new CatalogStorage("kasia-indexer-data", "/app/data"), kasia.storage());
        assertEquals(List.of(), kasia.expectedTables());
    }

    @Test
    void aBrokenCatalogIsNamedByObjectAndKey() throws Exception {
        ObjectNode shipped = (ObjectNode) JSON.readTree(ServiceCatalog.class.getResourceAsStream("/assets/catalog/services.json"));

        ObjectNode unknownKey = shipped.deepCopy();
        ((ObjectNode) unknownKey.get("services").get(0).get("database")).put("prot", 1);
        assertEquals("catalog data broken: the database has an unknown key 'prot'",
                assertThrows(IllegalStateException.class, () -> ServiceCatalog.fromJson(unknownKey)).getMessage());

        ObjectNode missing = shipped.deepCopy();
        missing.remove("network");
        assertEquals("catalog data broken: the catalog needs a text 'network'",
                assertThrows(IllegalStateException.class, () -> ServiceCatalog.fromJson(missing)).getMessage());

        ObjectNode wrongType = shipped.deepCopy();
        ((ObjectNode) wrongType.get("services").get(1).get("database")).put("port", "5434");
        assertEquals("catalog data broken: the database needs a whole number 'port'",
                assertThrows(IllegalStateException.class, () -> ServiceCatalog.fromJson(wrongType)).getMessage());
    }
}
