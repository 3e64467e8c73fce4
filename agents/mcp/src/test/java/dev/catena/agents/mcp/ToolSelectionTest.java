package dev.catena.agents.mcp;

import dev.catena.agents.ApprovalHook;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSelectionTest {

    @Test
    void selectsByNameAndGlob() {
        ToolSelection s = ToolSelection.only("read_*", "get-sum", "{echo,ping}");
        assertThat(List.of("read_text_file", "read_file", "get-sum", "echo", "ping", "write_file", "get-env"))
                .filteredOn(s::includes).containsExactly("read_text_file", "read_file", "get-sum", "echo", "ping");
        assertThat(ToolSelection.ALL.includes("anything")).isTrue();
    }

    @Test
    void approvalAppliesOnlyToTheToolsItNames() {
        ToolSelection s = ToolSelection.ALL.approvedBy(ApprovalHook.APPROVE_ALL, "write_*");
        assertThat(s.needsApproval("write_file")).isTrue();
        assertThat(s.needsApproval("read_file")).isFalse();
    }

    @Test
    void badPatternsAndAMissingHookAreClearErrors() {
        assertThatThrownBy(() -> ToolSelection.only("read_[")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tool pattern 'read_[' is not a valid glob");
        assertThatThrownBy(() -> new ToolSelection(List.of(), List.of("x"), null)).hasMessage("requireApproval names tools but no approval hook was given");
    }
}
