package dev.catena.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The results of one evaluation run: per case and in total (pass rate, mean score, latency, tokens).
 *
 * @param name      what was evaluated
 * @param startedAt when the run began
 * @param results   one per case, in dataset order
 */
public record EvalReport(String name, Instant startedAt, List<EvalResult> results) {
    public EvalReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        results = List.copyOf(results);
    }

    public int total() {
        return results.size();
    }

    public int passed() {
        return (int) results.stream().filter(r -> r.score().passed()).count();
    }

    /** Passed cases over all cases (0 for an empty run). */
    public double passRate() {
        return results.isEmpty() ? 0 : (double) passed() / results.size();
    }

    public double meanScore() {
        return results.stream().mapToDouble(r -> r.score().value()).average().orElse(0);
    }

    /** The latency below which {@code percent} of the cases finished (nearest rank). */
    public Duration latencyPercentile(int percent) {
        if (results.isEmpty()) return Duration.ZERO;
        List<Duration> sorted = results.stream().map(EvalResult::latency).sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    public long inputTokens() {
        return results.stream().mapToLong(EvalResult::inputTokens).sum();
    }

    public long outputTokens() {
        return results.stream().mapToLong(EvalResult::outputTokens).sum();
    }

    /** A plain-text table: one row per case, then the totals. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String row = "%-12s %-4s %9s %7s %7s  %s%n";
        sb.append(String.format(Locale.ROOT, row, "case", "pass", "latency", "in tok", "out tok", "detail"));
        for (EvalResult r : results) {
            String detail = r.error() != null ? "error: " + r.error() : r.score().detail();
            sb.append(String.format(Locale.ROOT, row, cut(r.evalCase().id(), 12), r.score().passed() ? "yes" : "no",
                    millis(r.latency()), r.inputTokens(), r.outputTokens(), cut(detail, 80)));
        }
        sb.append(String.format(Locale.ROOT, "%s: %d/%d passed (%.1f%%), mean score %.3f, latency p50 %s p90 %s, tokens in %d out %d%n",
                name, passed(), total(), 100 * passRate(), meanScore(), millis(latencyPercentile(50)), millis(latencyPercentile(90)),
                inputTokens(), outputTokens()));
        return sb.toString();
    }

    /** The report as JSON: the totals and every case with its output. */
    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("name", name).put("startedAt", startedAt.toString()).put("total", total()).put("passed", passed())
                .put("passRate", passRate()).put("meanScore", meanScore())
                .put("latencyP50Millis", latencyPercentile(50).toMillis()).put("latencyP90Millis", latencyPercentile(90).toMillis())
                .put("inputTokens", inputTokens()).put("outputTokens", outputTokens());
        ArrayNode cases = root.putArray("cases");
        for (EvalResult r : results) {
            ObjectNode c = cases.addObject();
            c.put("id", r.evalCase().id()).put("input", r.evalCase().input()).put("expected", r.evalCase().expected())
                    .put("output", r.output()).put("passed", r.score().passed()).put("score", r.score().value())
                    .put("detail", r.score().detail()).put("latencyMillis", r.latency().toMillis())
                    .put("inputTokens", r.inputTokens()).put("outputTokens", r.outputTokens());
            if (r.error() != null) c.put("error", r.error());
        }
        return root;
    }

    /** Writes {@link #toJson()} to {@code file}, creating its folder. */
    public void write(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the evaluation report " + file + ": " + e.getMessage(), e);
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String cut(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
