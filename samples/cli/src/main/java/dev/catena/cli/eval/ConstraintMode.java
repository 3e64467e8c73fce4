package dev.catena.cli.eval;

import java.util.List;

/** Whether an evaluation runs its models with constrained decoding, without, or both (one run each). */
public enum ConstraintMode {
    /** Models that can constrain their decoding do (the default behaviour of Catena). */
    on,
    /** Every model is used as a remote model would be: instructions and parsing only. */
    off,
    /** One run with constraints, one without. */
    both;

    /** Whether each run is constrained, in run order. */
    public List<Boolean> runs() {
        return switch (this) {
            case on -> List.of(true);
            case off -> List.of(false);
            case both -> List.of(true, false);
        };
    }
}
