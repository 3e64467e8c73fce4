package dev.catena.quarkus.deployment;

/**
 * The kind and type a component is declared with, in a YAML file or in configuration.
 *
 * @param kind its kind ({@code Model}, {@code Chain}, {@code Agent}, {@code Store}...)
 * @param type its type within the kind ({@code scripted}, {@code react}, {@code lucene}...)
 */
record DeclaredType(String kind, String type) {}
