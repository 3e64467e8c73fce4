package dev.catena.samples.support;

import java.util.List;

/**
 * The bot's answer to one message.
 *
 * @param conversationId the conversation
 * @param intent         what the router decided
 * @param answer         the text shown to the customer
 * @param sources        the passages a knowledge-base answer was based on
 * @param verified       whether the verification step found the answer supported by its sources
 * @param handoffTicket  the ticket of a hand-off to a person, or null
 */
public record BotReply(String conversationId, Intent intent, String answer, List<Source> sources,
                       boolean verified, String handoffTicket) {
    public BotReply {
        sources = List.copyOf(sources);
    }

    /** True when the conversation was handed to a person. */
    public boolean handedOff() {
        return handoffTicket != null;
    }
}
