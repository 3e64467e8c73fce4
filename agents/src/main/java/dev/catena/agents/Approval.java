package dev.catena.agents;

/**
 * A decision of an {@link ApprovalHook} about one tool call.
 *
 * @param approved true to let the tool run
 * @param reason   why the call was denied (told to the model), or null when approved
 */
public record Approval(boolean approved, String reason) {

    private static final Approval APPROVED = new Approval(true, null);

    /** Lets the call run. */
    public static Approval approve() {
        return APPROVED;
    }

    /** Refuses the call; {@code reason} goes back to the model as an observation. */
    public static Approval deny(String reason) {
        return new Approval(false, reason == null || reason.isBlank() ? "no reason given" : reason);
    }
}
