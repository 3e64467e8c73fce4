package dev.catena.samples.support;

import java.time.Instant;

/**
 * A conversation waiting for a person.
 *
 * @param ticket         ticket id shown to the customer
 * @param conversationId the conversation
 * @param reason         why the bot handed off
 * @param lastMessage    the customer's last message
 * @param createdAt      when
 */
public record Handoff(String ticket, String conversationId, String reason, String lastMessage, Instant createdAt) {}
