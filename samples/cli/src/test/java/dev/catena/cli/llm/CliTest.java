package dev.catena.cli.llm;

import dev.catena.cli.CommandTest;

/** Base of the model commands' tests: they run {@link CatenaLlmCli}. */
abstract class CliTest extends CommandTest {

    CliTest() {
        super(CatenaLlmCli::commandLine);
    }
}
