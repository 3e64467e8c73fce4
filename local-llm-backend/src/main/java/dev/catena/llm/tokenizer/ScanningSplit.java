package dev.catena.llm.tokenizer;

/**
 * The three common byte-level BPE pre-tokenizer regexes, scanned by hand as llama.cpp does (same
 * results as its hand-written splitters, including at the end of a segment):
 * <ul>
 *   <li>{@link #GPT2}: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}</li>
 *   <li>{@link #LLAMA3}: {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
 *       ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}</li>
 *   <li>{@link #QWEN2}: as LLAMA3 with single digits ({@code \p{N}}).</li>
 * </ul>
 */
enum ScanningSplit implements SplitStage {
    GPT2(false, 0),
    LLAMA3(true, 3),
    QWEN2(true, 1);

    private final boolean llama3Style;
    private final int digitGroup;

    ScanningSplit(boolean llama3Style, int digitGroup) {
        this.llama3Style = llama3Style;
        this.digitGroup = digitGroup;
    }

    @Override
    public void split(int[] cps, int from, int to, IntList lengths) {
        Scan s = new Scan(cps, from, to, lengths);
        if (llama3Style) {
            s.llama3(digitGroup);
        } else {
            s.gpt2();
        }
    }

    /** The state of one scan over {@code cps[from, to)}; code points outside it read as "nothing". */
    private static final class Scan {
        private static final int NONE = -1;
        private final int[] cps;
        private final int from;
        private final int to;
        private final IntList lengths;
        private int wordStart;

        Scan(int[] cps, int from, int to, IntList lengths) {
            this.cps = cps;
            this.from = from;
            this.to = to;
            this.lengths = lengths;
            this.wordStart = from;
        }

        private int at(int pos) {
            return pos >= from && pos < to ? cps[pos] : NONE;
        }

        private boolean letter(int pos) {
            int c = at(pos);
            return c != NONE && CodePoints.isLetter(c);
        }

        private boolean number(int pos) {
            int c = at(pos);
            return c != NONE && CodePoints.isNumber(c);
        }

        private boolean space(int pos) {
            int c = at(pos);
            return c != NONE && CodePoints.isWhitespace(c);
        }

        /** A code point that is neither whitespace, letter nor number (and lies inside the segment). */
        private boolean other(int pos) {
            return at(pos) != NONE && !space(pos) && !letter(pos) && !number(pos);
        }

        private void cut(int end) {
            if (end > wordStart) {
                lengths.add(end - wordStart);
            }
            wordStart = end;
        }

        /** Length of a contraction ('s 't 'm 'd 're 've 'll) starting at pos, or 0. */
        private int contraction(int pos, boolean ignoreCase) {
            if (at(pos) != '\'' || pos + 1 >= to) {
                return 0;
            }
            int a = fold(at(pos + 1), ignoreCase);
            if (a == 's' || a == 't' || a == 'm' || a == 'd') {
                return 2;
            }
            if (pos + 2 < to) {
                int b = fold(at(pos + 2), ignoreCase);
                if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                    return 3;
                }
            }
            return 0;
        }

        private static int fold(int c, boolean ignoreCase) {
            return ignoreCase && c != NONE ? Character.toLowerCase(c) : c;
        }

        void gpt2() {
            int pos = from;
            while (pos < to) {
                int c = cps[pos];
                int k = contraction(pos, false);
                if (k > 0) {
                    pos += k;
                    cut(pos);
                    continue;
                }
                int probe = c == ' ' ? pos + 1 : pos;
                if (letter(probe)) {
                    pos = probe;
                    while (letter(pos)) {
                        pos++;
                    }
                    cut(pos);
                    continue;
                }
                if (number(probe)) {
                    pos = probe;
                    while (number(pos)) {
                        pos++;
                    }
                    cut(pos);
                    continue;
                }
                if (other(probe)) {
                    pos = probe;
                    while (other(pos)) {
                        pos++;
                    }
                    cut(pos);
                    continue;
                }
                pos = whitespace(pos, false);
            }
        }

        void llama3(int digitGroup) {
            int pos = from;
            while (pos < to) {
                int c = cps[pos];
                int k = contraction(pos, true);
                if (k > 0) {
                    pos += k;
                    cut(pos);
                    continue;
                }
                // [^\r\n\p{L}\p{N}]?\p{L}+
                if (c != '\r' && c != '\n' && !number(pos) && (letter(pos) || letter(pos + 1))) {
                    pos++;
                    while (letter(pos)) {
                        pos++;
                    }
                    cut(pos);
                    continue;
                }
                // \p{N}{1,digitGroup}
                if (number(pos)) {
                    int group = pos;
                    while (number(pos)) {
                        pos++;
                        if (pos - group >= digitGroup) {
                            cut(pos);
                            group = pos;
                        }
                    }
                    cut(pos);
                    continue;
                }
                // ' ?[^\s\p{L}\p{N}]+[\r\n]*' (a lone space at the very end also ends up here)
                int probe = c == ' ' ? pos + 1 : pos;
                if (!space(probe) && !letter(probe) && !number(probe)) {
                    pos = probe;
                    while (other(pos)) {
                        pos++;
                    }
                    while (at(pos) == '\r' || at(pos) == '\n') {
                        pos++;
                    }
                    cut(pos);
                    continue;
                }
                pos = whitespace(pos, true);
            }
        }

        /** \s*[\r\n]+ (when newlines count), then \s+(?!\S), then \s+, else a single code point. */
        private int whitespace(int pos, boolean newlines) {
            int count = 0;
            int afterNewline = 0;
            while (space(pos + count)) {
                int c = at(pos + count);
                if (c == '\r' || c == '\n') {
                    afterNewline = pos + count + 1;
                }
                count++;
            }
            if (newlines && afterNewline > 0) {
                cut(afterNewline);
                return afterNewline;
            }
            if (count > 1 && pos + count < to) {
                cut(pos + count - 1);
                return pos + count - 1;
            }
            int end = count > 0 ? pos + count : pos + 1;
            cut(end);
            return end;
        }
    }
}
