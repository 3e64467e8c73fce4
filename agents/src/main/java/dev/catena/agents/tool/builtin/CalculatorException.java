package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.ToolArgumentException;

/** An expression the {@link Calculator} cannot evaluate; the message says where and why. */
public class CalculatorException extends ToolArgumentException {
    public CalculatorException(String message) {
        super(message);
    }
}
