package org.kaspa.aio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Measured figures, printed as {@code BENCH} lines and collected in target/bench/results.json plus one
 * markdown table (results.md, the README's Performance table as it stands after the run). Each metric: value,
 * unit, what it was measured against in the same run, and where an issue set one, the target and whether
 * this run met it.
 */
public final class BenchResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of(System.getProperty("bench.dir", "target/bench"));

    private BenchResults() {
    }

    public static synchronized void record(String metric, double value, String unit, String detail) {
        System.out.printf("BENCH %-24s %12.2f %-3s %s%n", metric, value, unit, detail);
        update(metrics -> metrics.putObject(metric).put("value", Math.round(value * 100) / 100.0).put("unit", unit).put("detail", detail));
    }

    /** The target a metric is held to and whether this run met it (recorded after the metric itself). */
    public static synchronized void target(String metric, String target, boolean met) {
        System.out.printf("BENCH %-24s target %s: %s%n", metric, target, met ? "met" : "MISSED");
        update(metrics -> {
            ObjectNode m = metrics.has(metric) ? (ObjectNode) metrics.get(metric) : metrics.putObject(metric);
            m.put("target", target).put("met", met);
        });
    }

    private interface Edit {
        void apply(ObjectNode metrics);
    }

    private static void update(Edit edit) {
        try {
            Files.createDirectories(DIR);
            Path json = DIR.resolve("results.json");
            ObjectNode root = Files.exists(json) ? (ObjectNode) JSON.readTree(json.toFile()) : JSON.createObjectNode();
            root.put("machine", machine());
            root.put("date", LocalDate.now(ZoneOffset.UTC).toString());
            ObjectNode metrics = root.has("metrics") ? (ObjectNode) root.get("metrics") : root.putObject("metrics");
            edit.apply(metrics);
            Files.writeString(json, JSON.writeValueAsString(root));
            Files.writeString(DIR.resolve("results.md"), table(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one table: every metric of the run (and of earlier runs into the same directory), with its target. */
    static String table(ObjectNode root) {
        ObjectNode metrics = (ObjectNode) root.get("metrics");
        StringBuilder md = new StringBuilder("Figures of `mvn -Pbench verify` — " + root.get("machine").asText() + "; " + root.get("date").asText()
                + ".\n\n| metric | value | measured against / detail | target |\n|---|---:|---|---|\n");
        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            ObjectNode m = (ObjectNode) metrics.get(name);
            String target = !m.has("target") ? "" : m.get("target").asText() + ": " + (m.get("met").asBoolean() ? "met" : "**missed**");
            md.append("| `").append(name).append("` | ").append(m.path("value").asText()).append(' ').append(m.path("unit").asText())
                    .append(" | ").append(m.path("detail").asText()).append(" | ").append(target).append(" |\n");
        }
        return md.toString();
    }

    static String machine() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "") + ", Linux " + System.getProperty("os.version");
                }
            }
        } catch (IOException ignored) {
            // not Linux: the JVM's name for the OS will do
        }
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(memKb / 1048576.0) + " GiB, " + os
                + ", OpenJDK " + System.getProperty("java.version");
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
