package dev.catena.llm.constraint.schema;

import dev.catena.llm.constraint.grammar.CodePointSet;
import dev.catena.llm.constraint.grammar.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an expression over decoded string characters into one over the characters of a JSON string literal's
 * body: quote, backslash and control characters are written as their escapes, everything else as itself.
 */
final class JsonStringContent {

    private static final Expr.CharSet UNESCAPED = new CodePointSet().add(0x20, 0x10FFFF).toExpr();
    private static final Expr.CharSet NEEDS_ESCAPE = new CodePointSet().add(0, 0x1F).add('"').add('\\').toExpr();
    private static final Expr.CharSet HEX = new CodePointSet().add('0', '9').add('a', 'f').add('A', 'F').toExpr();

    /** One character of a JSON string body: an unescaped character or an escape. */
    static final Expr CHAR = Expr.alt(CodePointSet.minus(UNESCAPED, NEEDS_ESCAPE),
            Expr.seq(Expr.literal("\\"), Expr.alt(new CodePointSet().add('"').add('\\').add('/').add('b').add('f')
                    .add('n').add('r').add('t').toExpr(), Expr.seq(Expr.literal("u"), new Expr.Repeat(HEX, 4, 4)))));

    private JsonStringContent() {
    }

    static Expr of(Expr e) {
        return switch (e) {
            case Expr.Literal l -> {
                List<Expr> parts = new ArrayList<>();
                l.text().codePoints().forEach(cp -> parts.add(character(cp)));
                yield new Expr.Seq(parts);
            }
            case Expr.CharSet c -> {
                List<Expr> choices = new ArrayList<>();
                Expr.CharSet plain = CodePointSet.minus(c, NEEDS_ESCAPE);
                if (plain.ranges().length > 0) {
                    choices.add(plain);
                }
                int[] r = CodePointSet.minus(c, CodePointSet.minus(c, NEEDS_ESCAPE)).ranges(); // c ∩ NEEDS_ESCAPE
                for (int i = 0; i < r.length; i += 2) {
                    for (int cp = r[i]; cp <= r[i + 1]; cp++) {
                        choices.add(character(cp));
                    }
                }
                yield choices.isEmpty() ? c : choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices);
            }
            case Expr.Seq s -> new Expr.Seq(s.parts().stream().map(JsonStringContent::of).toList());
            case Expr.Alt a -> new Expr.Alt(a.choices().stream().map(JsonStringContent::of).toList());
            case Expr.Repeat r -> new Expr.Repeat(of(r.body()), r.min(), r.max());
            case Expr.ByteRange b -> b;
            case Expr.Ref r -> r;
        };
    }

    /** How a JSON string writes one character (Jackson's escapes). */
    private static Expr character(int cp) {
        return switch (cp) {
            case '"' -> Expr.literal("\\\"");
            case '\\' -> Expr.literal("\\\\");
            case '\n' -> Expr.literal("\\n");
            case '\r' -> Expr.literal("\\r");
            case '\t' -> Expr.literal("\\t");
            case '\b' -> Expr.literal("\\b");
            case '\f' -> Expr.literal("\\f");
            default -> cp < 0x20 ? Expr.literal(String.format("\\u%04x", cp)) : Expr.literal(new String(Character.toChars(cp)));
        };
    }
}
