package dev.catena.quarkus.runtime;

import java.util.List;

/** Catena's configuration is invalid; one line per problem, each naming the full property key. */
public final class CatenaConfigException extends RuntimeException {

    private final List<String> problems;

    public CatenaConfigException(List<String> problems) {
        this(problems, null);
    }

    /** The problems, and the failure behind them (kept so that a database that is down can be told apart). */
    public CatenaConfigException(List<String> problems, Throwable cause) {
        super(String.join("\n", problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each starting with the property key it concerns. */
    public List<String> problems() {
        return problems;
    }
}
