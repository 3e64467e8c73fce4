package dev.catena.quarkus.deployment;

/**
 * One Catena component that becomes a bean.
 *
 * @param name         its name ({@code @Named} value)
 * @param productClass what its type creates
 * @param origin       where it is declared, for messages ({@code quarkus.catena.models.x}, {@code catena/a.yaml})
 * @param configured   true when declared in configuration, false when in a YAML file
 * @param markedDefault true when configured with {@code default=true}
 */
record ComponentBean(String name, String productClass, String origin, boolean configured, boolean markedDefault) {}
