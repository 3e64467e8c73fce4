package dev.catena.quarkus.deployment;

/** The messages of an exception and all its causes, one per line: what a failed start shows. */
final class Messages {
    private Messages() {}

    static String of(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) all.append(of(s));
        }
        return all.toString();
    }
}
