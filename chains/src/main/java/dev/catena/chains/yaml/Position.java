package dev.catena.chains.yaml;

/** A 1-based line and column in a YAML file. */
record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);
}
