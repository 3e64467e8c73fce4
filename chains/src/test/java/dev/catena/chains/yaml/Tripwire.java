package dev.catena.chains.yaml;

/** A class that records when it is initialized: files name it to check that loading never touches it. */
public final class Tripwire {
    static {
        TripwireFlag.initialized = true;
    }

    public Tripwire() {
        TripwireFlag.initialized = true;
    }
}

/** Set when {@link Tripwire} is initialized; a separate class so reading it does not initialize Tripwire. */
final class TripwireFlag {
    static volatile boolean initialized;

    private TripwireFlag() {}
}
