package org.kaspa.aio.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFilterIsTheEnginesJsonUrlEncoded() throws Exception {
        String q = EngineJson.filter("label", "kaspa-aio.service");
        assertEquals("filters=", q.substring(0, 8));
        String json = URLDecoder.decode(q.substring(8), StandardCharsets.UTF_8);
        assertEquals(Map.of("label", List.of("kaspa-aio.service")), JSON.readValue(json, Map.class));
    }

    @Test
    void anExecsCommandIsAJsonArrayWhateverItHolds() throws Exception {
        List<String> command = List.of("sh", "-c", "printf '%s\\n' \"$1\" | tr -d \"\\t\"", "x\u0001y");
        assertEquals(command, JSON.readValue(EngineJson.array(command), List.class));
        assertEquals(List.of(), JSON.readValue(EngineJson.array(List.of()), List.class));
    }

    @Test
    void namesGoIntoPathsAsTheyAreAndAnythingElseEncoded() {
        assertEquals("kaspa-aio-standin/postgres:15-abc", EngineJson.segment("kaspa-aio-standin/postgres:15-abc"));
        assertEquals("127.0.0.1:5000/a/b@sha256:00ff", EngineJson.segment("127.0.0.1:5000/a/b@sha256:00ff"));
        assertEquals("a%20b%3Fc%23", EngineJson.segment("a b?c#"));
    }
}
