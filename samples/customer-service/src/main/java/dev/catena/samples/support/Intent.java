package dev.catena.samples.support;

/** What the customer wants, as the router decides it. */
public enum Intent {
    /** A question the knowledge base may answer. */
    QUESTION,
    /** The customer is unhappy. */
    COMPLAINT,
    /** A question about one order. */
    ORDER,
    /** Greetings, thanks, small talk. */
    CHITCHAT,
    /** The customer asked for a person. */
    HUMAN
}
