package dev.catena.llm.template;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates share one Jinjava engine per limit set and keep per-render state in a thread-local: renders of
 * different templates and conversations on many threads at once give exactly the single-threaded reference outputs.
 */
class ConcurrentRenderTest {

    @Test
    void parallelRendersMatchTheReference() throws Exception {
        record Job(JinjaChatTemplate template, ReferenceConversations.Conversation conversation, boolean prompt, String expected) {
        }
        List<Job> jobs = new ArrayList<>();
        for (var t : ReferenceConversations.templates()) {
            JinjaChatTemplate template = t.build();
            for (var c : ReferenceConversations.conversations()) {
                for (boolean p : c.generationPrompts()) {
                    var e = ReferenceConversations.expectedFor(ReferenceConversations.key(t, c, p));
                    if (e.output() != null) {
                        jobs.add(new Job(template, c, p, e.output()));
                    }
                }
            }
        }
        var tools = ReferenceConversations.tools();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Job j : jobs) {
                    results.add(pool.submit(() -> j.expected().equals(
                            j.template().render(j.conversation().messages(), j.conversation().tools() ? tools : List.of(), j.prompt()))));
                }
            }
            int same = 0;
            for (Future<Boolean> f : results) {
                same += f.get() ? 1 : 0;
            }
            assertThat(same).isEqualTo(results.size());
        }
    }
}
