package dev.catena.llm.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import jinjava.javax.el.CompositeELResolver;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Jinjava configured as Hugging Face's chat-template environment ({@code trim_blocks}, {@code lstrip_blocks},
 * {@code tojson}, {@code raise_exception}, {@code strftime_now}, Python string methods, {@code generation}
 * tag) and as a sandbox for untrusted template text: no resource loading ({@code include}, {@code import},
 * {@code from}, {@code extends} are disabled and the resource locator refuses every name), bounded output,
 * string, list and map sizes, {@code range()} length, tag/macro nesting, node steps and wall-clock time.
 * Every failure is a {@link ChatTemplateException} naming the template's source. Thread-safe.
 */
final class SandboxedJinja {

    /** Jinjava reports these as warnings and carries on (e.g. macro recursion past the limit); Jinja2 would raise. */
    private static final Set<TemplateError.ErrorReason> FAILING = Set.of(TemplateError.ErrorReason.EXCEPTION,
            TemplateError.ErrorReason.OUTPUT_TOO_BIG, TemplateError.ErrorReason.OVER_LIMIT, TemplateError.ErrorReason.COLLECTION_TOO_BIG,
            TemplateError.ErrorReason.DISABLED, TemplateError.ErrorReason.SYNTAX_ERROR, TemplateError.ErrorReason.BAD_URL,
            TemplateError.ErrorReason.INVALID_ARGUMENT, TemplateError.ErrorReason.INVALID_INPUT);

    private static final Set<String> DISABLED_TAGS = Set.of("include", "import", "from", "extends");

    private final String source;
    private final String template;
    private final TemplateLimits limits;
    private final Clock clock;
    private final Jinjava jinjava;

    /** One configured engine per set of limits: Jinjava is thread-safe and costly to build. */
    private static final Map<TemplateLimits, Jinjava> ENGINES = new ConcurrentHashMap<>();

    SandboxedJinja(String source, String template, TemplateLimits limits, Clock clock) {
        this.source = source;
        this.template = JinjaCompat.rewrite(template);
        this.limits = limits;
        this.clock = clock;
        if (ENGINES.size() > 16) {
            ENGINES.clear();
        }
        this.jinjava = ENGINES.computeIfAbsent(limits, SandboxedJinja::engine);
    }

    private static Jinjava engine(TemplateLimits limits) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PyStringMethods(limits.maxOutputChars()));
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
        int collection = limits.maxCollection();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withIterateOverMapKeys(true)
                        .withEvaluateMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUsePyishObjectMapper(true)
                        .build())
                .withElResolver(resolver)
                .withMaxOutputSize(limits.maxOutputChars())
                .withMaxStringLength(limits.maxOutputChars())
                .withMaxListSize(collection)
                .withMaxMapSize(collection)
                .withRangeLimit(collection)
                .withMaxRenderDepth(limits.maxDepth())
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(limits.maxDepth())
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withDisabled(Map.of(Context.Library.TAG, DISABLED_TAGS))
                .withNodePreProcessor(RenderState::beforeNode)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator((name, charset, interpreter) -> {
            throw new IOException("template tried to load '" + name + "': chat templates may not load files");
        });
        Context globals = jinjava.getGlobalContext();
        globals.registerFilter(new TojsonFilter(limits.maxOutputChars()));
        globals.registerFilter(new ItemsFilter());
        globals.registerFilter(PythonStringFilter.trim());
        globals.registerFilter(PythonStringFilter.string());
        globals.registerFunction(new ELFunctionDefinition("", PythonStr.FUNCTION, PythonStr.class, "str", Object.class));
        globals.registerFunction(new ELFunctionDefinition("", LoopItems.FUNCTION, LoopItems.class, "wrap", Object.class));
        globals.registerFunction(new ELFunctionDefinition("", LoopFilter.FUNCTION, LoopFilter.class, "filter", Object.class, String.class, String.class));
        globals.registerTag(new GenerationTag());
        globals.registerExpTest(PythonTypeTest.iterable());
        globals.registerExpTest(PythonTypeTest.sequence());
        globals.registerFunction(new ELFunctionDefinition("", "raise_exception", HfFunctions.class, "raiseException", Object.class));
        globals.registerFunction(new ELFunctionDefinition("", "strftime_now", HfFunctions.class, "strftimeNow", Object.class));
        return jinjava;
    }

    /** Whether a Jinjava error fails the render (Jinja2 would have raised). */
    static boolean failing(TemplateError e) {
        return e.getSeverity() == TemplateError.ErrorType.FATAL || FAILING.contains(e.getReason());
    }

    static String describe(TemplateError e) {
        return (e.getLineno() > 0 ? "line " + e.getLineno() + ": " : "") + e.getMessage();
    }

    String source() {
        return source;
    }

    /** Renders the template with these variables (already in the Python shapes templates expect). */
    String render(Map<String, Object> variables) {
        RenderState state = RenderState.begin(limits, clock);
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, variables);
        } catch (RenderState.Stop stop) {
            throw new ChatTemplateException(source, stop.getMessage());
        } catch (StackOverflowError e) {
            throw new ChatTemplateException(source, "template nests too deeply", e);
        } catch (RuntimeException e) {
            if (state.stopReason() != null) {
                throw new ChatTemplateException(source, state.stopReason());
            }
            throw new ChatTemplateException(source, "cannot render: " + e.getMessage(), e);
        } finally {
            state.end();
        }
        if (state.stopReason() != null) {
            throw new ChatTemplateException(source, state.stopReason());
        }
        List<TemplateError> fatal = result.getErrors().stream().filter(SandboxedJinja::failing).toList();
        if (!fatal.isEmpty()) {
            String messages = fatal.stream().limit(3).map(SandboxedJinja::describe).collect(Collectors.joining("; "));
            throw new ChatTemplateException(source, "cannot render: " + messages);
        }
        String out = result.getOutput();
        if (out.length() > limits.maxOutputChars()) {
            throw new ChatTemplateException(source, "output longer than " + limits.maxOutputChars() + " characters");
        }
        return out;
    }
}
