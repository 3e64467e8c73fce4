package dev.catena.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades one output against its case. The built-in scorers compare with {@link EvalCase#expected()}; any other
 * rule is a lambda.
 */
@FunctionalInterface
public interface Scorer {

    Score score(EvalCase evalCase, String output);

    /** Passes when the output, trimmed, equals the expected text. */
    static Scorer exact() {
        return (c, output) -> output.strip().equals(c.expected().strip()) ? Score.pass("equal") : Score.fail("expected '" + c.expected() + "'");
    }

    /** Passes when the output contains the expected text, ignoring case. */
    static Scorer contains() {
        return (c, output) -> output.toLowerCase(Locale.ROOT).contains(c.expected().toLowerCase(Locale.ROOT))
                ? Score.pass("contains '" + c.expected() + "'") : Score.fail("no '" + c.expected() + "'");
    }

    /**
     * Passes when the last number in the output (thousands commas allowed) is within {@code tolerance} of the
     * expected number, relative to its size when that is above 1.
     */
    static Scorer numeric(double tolerance) {
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be at least 0, was " + tolerance);
        Pattern number = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|-?\\.\\d+");
        return (c, output) -> {
            double expected;
            try {
                expected = Double.parseDouble(c.expected().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("case " + c.id() + ": expected '" + c.expected() + "' is not a number");
            }
            Matcher m = number.matcher(output);
            String last = null;
            while (m.find()) last = m.group();
            if (last == null) return Score.fail("no number in the output");
            double actual = Double.parseDouble(last.replace(",", ""));
            double bound = tolerance * Math.max(1, Math.abs(expected));
            return Math.abs(actual - expected) <= bound ? Score.pass(last + " ~ " + c.expected())
                    : Score.fail(last + " is not within " + tolerance + " of " + c.expected());
        };
    }

    /**
     * Scores each case with the scorer its {@code scorer} field names ({@code exact}, {@code contains} or
     * {@code numeric}, within {@code tolerance}); {@code fallback} when the case names none.
     */
    static Scorer byCase(String fallback, double tolerance) {
        Scorer numeric = numeric(tolerance);
        return (c, output) -> switch (c.field("scorer", fallback)) {
            case "numeric" -> numeric.score(c, output);
            case "exact" -> exact().score(c, output);
            case "contains" -> contains().score(c, output);
            default -> throw new IllegalArgumentException("case " + c.id() + ": unknown scorer '" + c.field("scorer", fallback)
                    + "' (exact, contains, numeric)");
        };
    }

    /** Passes when the output is JSON valid against {@code schema} (a JSON Schema, draft 2020-12 unless it says). */
    static Scorer jsonSchema(String schema) {
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema, InputFormat.JSON);
        ObjectMapper json = new ObjectMapper();
        return (c, output) -> {
            JsonNode node;
            try {
                node = json.readTree(output.strip());
            } catch (Exception e) {
                return Score.fail("not JSON");
            }
            if (node == null || node.isMissingNode()) return Score.fail("not JSON");
            List<Error> errors = compiled.validate(node);
            return errors.isEmpty() ? Score.pass("valid") : Score.fail(errors.getFirst().toString());
        };
    }
}
