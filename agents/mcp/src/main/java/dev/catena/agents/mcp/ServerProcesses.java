package dev.catena.agents.mcp;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP server processes this JVM started, so that each one dies with its client and, through one
 * shutdown hook, with the JVM: a server must not outlive the application that started it.
 */
final class ServerProcesses {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("catena-mcp-servers-stop").unstarted(() -> {
            for (ProcessHandle p : List.copyOf(LIVE)) stop(p, 1_000);
        }));
    }

    private ServerProcesses() {}

    /** Remembers {@code process} until {@link #stop} or JVM exit. */
    static void track(ProcessHandle process) {
        LIVE.add(process);
    }

    /** Asks {@code process} (and what it started) to end, then kills it if it has not within {@code graceMillis}. */
    static void stop(ProcessHandle process, long graceMillis) {
        try {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!exited(process, graceMillis)) kill(process);
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } finally {
            LIVE.remove(process);
        }
    }

    /** Polls rather than waiting on onExit(): the JDK reports a child's exit to other handles only once it is reaped. */
    private static boolean exited(ProcessHandle process, long graceMillis) {
        long deadline = System.nanoTime() + graceMillis * 1_000_000;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }

    private static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
