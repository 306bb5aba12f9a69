package org.kaspa.aio.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One object of the catalog's JSON, read strictly: a key it does not know, a missing key or a value of the wrong
 * type is a broken catalog, named by the object and the key (the catalog ships in the jar; this guards its edits).
 */
final class CatalogJson {
    private final JsonNode node;
    private final String what;

    CatalogJson(JsonNode node, String what, Set<String> keys) {
        if (node == null || !node.isObject()) {
            throw broken(what, "is not an object");
        }
        this.node = node;
        this.what = what;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw broken(what, "has an unknown key '" + name + "'");
            }
        }
    }

    String text(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw broken(what, "needs a text '" + key + "'");
        }
        return v.asText();
    }

    int integer(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isInt()) {
            throw broken(what, "needs a whole number '" + key + "'");
        }
        return v.asInt();
    }

    List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(key)) {
            if (!v.isTextual()) {
                throw broken(what, "'" + key + "' holds a non-text value");
            }
            out.add(v.asText());
        }
        return out;
    }

    JsonNode array(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw broken(what, "needs an array '" + key + "'");
        }
        return v;
    }

    /** An object-valued key that may be absent (or null); null then. */
    JsonNode optional(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private static IllegalStateException broken(String what, String problem) {
        return new IllegalStateException("catalog data broken: the " + what + " " + problem);
    }
}
