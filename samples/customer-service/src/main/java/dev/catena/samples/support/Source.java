package dev.catena.samples.support;

/**
 * A knowledge-base passage an answer was based on.
 *
 * @param file  the document's file name, e.g. {@code returns.md}
 * @param title the document's title
 * @param text  the passage
 */
public record Source(String file, String title, String text) {}
