package dev.catena.cli.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.core.eval.EvalReport;

import java.util.List;
import java.util.Locale;

/**
 * One pass of an agent over a dataset: its mode and seed, the evaluation report and a tally per case (in the
 * report's order).
 */
record AgentEvalRun(boolean constrained, long seed, EvalReport report, List<AgentTally> tallies) {

    AgentEvalRun {
        tallies = List.copyOf(tallies);
        if (tallies.size() != report.results().size()) {
            throw new IllegalArgumentException(tallies.size() + " tallies for " + report.results().size() + " results");
        }
    }

    int parseErrors() {
        return tallies.stream().mapToInt(AgentTally::parseErrors).sum();
    }

    int toolCalls() {
        return tallies.stream().mapToInt(AgentTally::toolCalls).sum();
    }

    /** Cases with at least one reply that did not parse. */
    long casesWithParseErrors() {
        return tallies.stream().filter(t -> t.parseErrors() > 0).count();
    }

    String mode() {
        return constrained ? "constrained" : "unconstrained";
    }

    /** The runs as a table, one row each, then one total row per mode. */
    static String table(List<AgentEvalRun> runs) {
        StringBuilder sb = new StringBuilder();
        String row = "%-14s %5s %15s %13s %12s %11s%n";
        sb.append(String.format(Locale.ROOT, row, "mode", "seed", "solved", "parse errors", "(in cases)", "tool calls"));
        for (AgentEvalRun r : runs) {
            sb.append(String.format(Locale.ROOT, row, r.mode(), r.seed(), solved(r.report().passed(), r.report().total()),
                    r.parseErrors(), r.casesWithParseErrors(), r.toolCalls()));
        }
        for (boolean constrained : List.of(true, false)) {
            List<AgentEvalRun> mode = runs.stream().filter(r -> r.constrained() == constrained).toList();
            if (mode.size() < 2) continue;
            sb.append(String.format(Locale.ROOT, row, mode.getFirst().mode(), "all",
                    solved(mode.stream().mapToInt(r -> r.report().passed()).sum(), mode.stream().mapToInt(r -> r.report().total()).sum()),
                    mode.stream().mapToInt(AgentEvalRun::parseErrors).sum(), mode.stream().mapToLong(AgentEvalRun::casesWithParseErrors).sum(),
                    mode.stream().mapToInt(AgentEvalRun::toolCalls).sum()));
        }
        return sb.toString();
    }

    private static String solved(int passed, int total) {
        return String.format(Locale.ROOT, "%d/%d %5.1f%%", passed, total, total == 0 ? 0 : 100.0 * passed / total);
    }

    /** The run as JSON: mode, seed, totals, and the report with each case's tally. */
    ObjectNode toJson() {
        ObjectNode report = report().toJson();
        ArrayNode cases = (ArrayNode) report.get("cases");
        for (int i = 0; i < tallies.size(); i++) {
            AgentTally t = tallies.get(i);
            ObjectNode c = ((ObjectNode) cases.get(i)).put("parseErrors", t.parseErrors()).put("toolCalls", t.toolCalls())
                    .put("stopReason", t.stopReason() == null ? null : t.stopReason().name());
            ArrayNode steps = c.putArray("steps");
            t.transcript().forEach(steps::add);
        }
        ObjectNode root = report.objectNode();
        root.put("constrained", constrained).put("seed", seed).put("passed", report().passed()).put("total", report().total())
                .put("parseErrors", parseErrors()).put("casesWithParseErrors", casesWithParseErrors()).put("toolCalls", toolCalls());
        root.set("report", report);
        return root;
    }
}
