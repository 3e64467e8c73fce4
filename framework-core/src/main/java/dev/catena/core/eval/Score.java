package dev.catena.core.eval;

/**
 * A scorer's verdict on one output.
 *
 * @param passed whether the output counts as correct
 * @param value  a grade in [0, 1] (1 or 0 for pass/fail scorers)
 * @param detail why, in a few words (shown in reports)
 */
public record Score(boolean passed, double value, String detail) {
    public Score {
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("score value must be in [0, 1], was " + value);
        detail = detail == null ? "" : detail;
    }

    public static Score pass(String detail) {
        return new Score(true, 1, detail);
    }

    public static Score fail(String detail) {
        return new Score(false, 0, detail);
    }
}
