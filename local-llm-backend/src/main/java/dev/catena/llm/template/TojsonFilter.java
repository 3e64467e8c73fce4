package dev.catena.llm.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code tojson} filter: {@code json.dumps(x, ensure_ascii=False, indent=indent,
 * separators=separators, sort_keys=sort_keys)} (replaces Jinjava's own, which writes compact JSON).
 */
final class TojsonFilter implements AdvancedFilter {

    private final long maxChars;

    TojsonFilter(long maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
        int indentWidth = indent == null ? -1 : ((Number) indent).intValue();
        String items = null;
        String keys = null;
        if (kwargs.get("separators") instanceof List<?> seps && seps.size() == 2) {
            items = String.valueOf(seps.get(0));
            keys = String.valueOf(seps.get(1));
        }
        boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
        return PythonJson.dumps(var, indentWidth, items, keys, sortKeys, maxChars);
    }
}
