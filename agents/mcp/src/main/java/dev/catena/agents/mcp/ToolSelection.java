package dev.catena.agents.mcp;

import dev.catena.agents.ApprovalHook;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;

/**
 * Which of a server's tools an application exposes to its agents, and which of those need the
 * {@link ApprovalHook}'s consent before each call. Patterns are tool names or globs ({@code read_*},
 * {@code get-?um}, {@code {echo,get-sum}}).
 *
 * @param include         tools to expose; empty exposes all
 * @param requireApproval tools whose every call the hook must approve
 * @param approval        the hook asked for those tools
 */
public record ToolSelection(List<String> include, List<String> requireApproval, ApprovalHook approval) {

    /** Every tool, none needing approval. */
    public static final ToolSelection ALL = new ToolSelection(List.of(), List.of(), ApprovalHook.APPROVE_ALL);

    public ToolSelection {
        include = include == null ? List.of() : List.copyOf(include);
        requireApproval = requireApproval == null ? List.of() : List.copyOf(requireApproval);
        approval = Objects.requireNonNull(approval == null && requireApproval.isEmpty() ? ApprovalHook.APPROVE_ALL : approval,
                "requireApproval names tools but no approval hook was given");
        for (String p : include) matcher(p);
        for (String p : requireApproval) matcher(p);
    }

    /** Only the tools matching one of {@code patterns}. */
    public static ToolSelection only(String... patterns) {
        return new ToolSelection(List.of(patterns), List.of(), ApprovalHook.APPROVE_ALL);
    }

    /** This selection, with calls of tools matching {@code patterns} reviewed by {@code hook}. */
    public ToolSelection approvedBy(ApprovalHook hook, String... patterns) {
        return new ToolSelection(include, List.of(patterns), hook);
    }

    /** Whether {@code tool} is exposed. */
    public boolean includes(String tool) {
        return include.isEmpty() || matches(include, tool);
    }

    /** Whether calls of {@code tool} need approval. */
    public boolean needsApproval(String tool) {
        return matches(requireApproval, tool);
    }

    private static boolean matches(List<String> patterns, String tool) {
        Path name = Path.of(tool.replace('/', '_'));
        return patterns.stream().anyMatch(p -> p.equals(tool) || matcher(p).matches(name));
    }

    private static PathMatcher matcher(String pattern) {
        if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("a tool pattern must not be blank");
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tool pattern '" + pattern + "' is not a valid glob: " + e.getMessage());
        }
    }
}
