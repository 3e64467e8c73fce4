package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArgumentException;
import dev.catena.agents.tool.ToolArguments;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * A tool named {@code current_datetime} that tells the current date and time from an injectable
 * {@link Clock}, in the clock's zone or the zone the model asks for (optional argument {@code zone}).
 * Output: {@code 2026-11-28T17:55:00+01:00[Europe/Paris] (Saturday)}.
 */
public final class DateTimeTool implements AgentTool {

    private static final ToolSpecification SPEC = ToolSpecification.builder()
            .name("current_datetime")
            .description("Returns the current date, time and day of the week.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("zone", "optional IANA time zone, e.g. Europe/Paris; default: the system zone")
                    .build())
            .build();

    private final Clock clock;

    /** A tool reading {@code clock}. */
    public DateTimeTool(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A tool reading the system clock in the system zone. */
    public DateTimeTool() {
        this(Clock.systemDefaultZone());
    }

    @Override
    public ToolSpecification specification() {
        return SPEC;
    }

    @Override
    public String execute(String arguments) {
        var args = ToolArguments.parse(SPEC, arguments);
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (args.hasNonNull("zone") && !args.get("zone").asText().isBlank()) {
            String zone = args.get("zone").asText().strip();
            try {
                now = now.withZoneSameInstant(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new ToolArgumentException("unknown time zone '" + zone + "'; use an IANA name such as Europe/Paris or UTC");
            }
        }
        return now.format(DateTimeFormatter.ISO_ZONED_DATE_TIME) + " ("
                + now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
    }
}
