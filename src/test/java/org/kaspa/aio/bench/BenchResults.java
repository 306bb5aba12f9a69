package org.kaspa.aio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Measured figures, printed and collected in target/bench/results.json plus a markdown table
 * (results.md). Each metric: value, unit, and what it was measured against in the same run.
 */
public final class BenchResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of(System.getProperty("bench.dir", "target/bench"));

    private BenchResults() {
    }

    public static synchronized void record(String metric, double value, String unit, String detail) {
        System.out.printf("BENCH %-24s %12.2f %-3s %s%n", metric, value, unit, detail);
        try {
            Files.createDirectories(DIR);
            Path json = DIR.resolve("results.json");
            ObjectNode root = Files.exists(json) ? (ObjectNode) JSON.readTree(json.toFile()) : JSON.createObjectNode();
            root.put("machine", machine());
            root.put("updated", Instant.now().toString());
            ObjectNode metrics = root.has("metrics") ? (ObjectNode) root.get("metrics") : root.putObject("metrics");
            metrics.putObject(metric).put("value", Math.round(value * 100) / 100.0).put("unit", unit).put("detail", detail);
            Files.writeString(json, JSON.writeValueAsString(root));
            StringBuilder md = new StringBuilder("| metric | value | unit | measured against / detail |\n|---|---:|---|---|\n");
            for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                ObjectNode m = (ObjectNode) metrics.get(name);
                md.append("| `").append(name).append("` | ").append(m.get("value").asText()).append(" | ")
                        .append(m.get("unit").asText()).append(" | ").append(m.get("detail").asText()).append(" |\n");
            }
            md.append("\nMachine: ").append(machine()).append('\n');
            Files.writeString(DIR.resolve("results.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    }

    public static double median(List<Double> xs) {
        return percentile(xs, 50);
    }

    public static double percentile(List<Double> xs, double p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
