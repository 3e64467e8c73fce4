package dev.catena.core.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Checks declared input variables against a template's and resolves partial values. */
final class Variables {
    private Variables() {}

    /**
     * Fails when the declared input variables (plus partials) differ from what the template uses:
     * a used-but-undeclared variable is "missing", a declared-but-unused one is "extra".
     */
    static void check(Set<String> used, Set<String> declared, Set<String> partials, String what) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(declared);
        missing.removeAll(partials);
        Set<String> extra = new TreeSet<>(declared);
        extra.removeAll(used);
        Set<String> extraPartials = new TreeSet<>(partials);
        extraPartials.removeAll(used);
        extra.addAll(extraPartials);
        if (!missing.isEmpty()) {
            throw new TemplateException(what + " uses variable(s) " + missing + " that are not declared as input or partial variables "
                    + "(declared: " + new TreeSet<>(declared) + ")");
        }
        if (!extra.isEmpty()) {
            throw new TemplateException(what + " declares variable(s) " + extra + " that the template does not use "
                    + "(used: " + new TreeSet<>(used) + ")");
        }
    }

    /** The values to render with: partials (suppliers called now) overlaid by the caller's values. */
    static Map<String, Object> withPartials(Map<String, Object> partials, Map<String, ?> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        partials.forEach((k, v) -> all.put(k, v instanceof Supplier<?> s ? s.get() : v));
        all.putAll(values);
        return all;
    }
}
