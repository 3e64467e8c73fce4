package dev.catena.llm.tools;

import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tensor.GgmlType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Writes a Llama-shaped GGUF model with seeded random weights through {@link GgufWriter}, for benchmarks
 * and tests: a byte-level BPE vocabulary (256 byte tokens, 4 control tokens, 28 merges, padded with unused
 * tokens to the preset's size) so that the file loads anywhere, matrices uniform in
 * ±1.5/√(row length) (token embeddings ±1), norm weights 1 ± 0.2 in F32, as
 * {@code src/test/reference/model/make_models.py} does. Tensors are generated, quantized (on several
 * threads, a row at a time, each row from its own seeded generator so the file does not depend on the thread
 * count) and written one after the other in slices of a few MiB: memory stays small whatever the model size.
 */
public final class RandomLlama {

    /** A model shape. */
    public record Preset(String name, int dim, int layers, int heads, int kvHeads, int ffn, int vocab, int context) {
    }

    /** TinyLlama 1.1B's shape. */
    public static final Preset B1 = new Preset("1b", 2048, 22, 32, 4, 5632, 32000, 2048);
    /** The smallest shape every type can hold (K-quant rows are multiples of 256). */
    public static final Preset TINY = new Preset("tiny", 256, 2, 4, 2, 512, 288, 256);

    public static Preset preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "1b" -> B1;
            case "tiny" -> TINY;
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; known: 1b, tiny");
        };
    }

    /** The tensor kinds whose type a {@link Mix} chooses. */
    enum Kind { TOKEN_EMBD, OUTPUT, ATTN_Q, ATTN_K, ATTN_V, ATTN_OUTPUT, FFN_GATE, FFN_UP, FFN_DOWN }

    /** Which type each weight matrix gets, and the {@code general.file_type} (llama.cpp's ftype) it implies. */
    public enum Mix {
        /** Every matrix Q4_0. */
        Q4_0(2),
        /** Every matrix Q8_0. */
        Q8_0(7),
        /**
         * llama.cpp's Q4_K_M: Q4_K, but Q6_K for the output matrix and for attn_v and ffn_down in the layers
         * its {@code use_more_bits} picks (the first and last eighth, and every third in between).
         */
        Q4_K_M(15);

        final int fileType;

        Mix(int fileType) {
            this.fileType = fileType;
        }

        public static Mix of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown type '" + name + "'; known: Q4_0, Q8_0, Q4_K_M");
            }
        }

        GgmlType typeOf(Kind kind, int layer, int layers, int rowLength) {
            GgmlType t = switch (this) {
                case Q4_0 -> GgmlType.Q4_0;
                case Q8_0 -> GgmlType.Q8_0;
                case Q4_K_M -> switch (kind) {
                    case OUTPUT -> GgmlType.Q6_K;
                    case ATTN_V, FFN_DOWN -> useMoreBits(layer, layers) ? GgmlType.Q6_K : GgmlType.Q4_K;
                    default -> GgmlType.Q4_K;
                };
            };
            if (rowLength % t.blockSize() != 0) { // llama.cpp's fallback for rows that are no whole super-block
                t = t == GgmlType.Q6_K ? GgmlType.Q8_0 : GgmlType.Q5_0;
            }
            return t;
        }

        public static boolean useMoreBits(int layer, int layers) {
            return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
        }
    }

    private static final String CHATML = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
            + "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    private static final String[][] MERGES = {{"Ġ", "t"}, {"h", "e"}, {"Ġt", "he"}, {"i", "n"}, {"e", "r"}, {"Ġ", "a"},
            {"o", "n"}, {"r", "e"}, {"Ġ", "s"}, {"e", "n"}, {"a", "t"}, {"o", "r"}, {"Ġ", "w"}, {"l", "l"}, {"Ġ", "c"},
            {"e", "s"}, {"Ġ", "o"}, {"i", "s"}, {"a", "n"}, {"Ġ", "b"}, {"e", "d"}, {"Ġ", "f"}, {"i", "t"}, {"a", "r"},
            {"Ġ", "h"}, {"Ġ", "m"}, {"Ġ", "p"}, {"Ġ", "d"}};

    /** Output bytes generated before they are handed to the file (per slice of rows). */
    private static final int SLICE_BYTES = 8 << 20;

    private final Preset preset;
    private final Mix mix;
    private final long seed;
    private final int threads;

    public RandomLlama(Preset preset, Mix mix, long seed, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (preset.dim % preset.heads != 0 || preset.heads % preset.kvHeads != 0) {
            throw new IllegalArgumentException("preset " + preset.name + ": heads must divide dim and kv heads divide heads");
        }
        if (preset.vocab < 256 + 4 + MERGES.length) {
            throw new IllegalArgumentException("preset " + preset.name + ": the vocabulary needs at least "
                    + (256 + 4 + MERGES.length) + " tokens");
        }
        this.preset = preset;
        this.mix = mix;
        this.seed = seed;
        this.threads = threads;
    }

    /** Writes the file; {@code progress} hears each tensor's name as it starts. */
    public void write(Path file, Consumer<String> progress) {
        GgufWriter w = new GgufWriter();
        metadata(w);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            int index = 0;
            Preset p = preset;
            int hd = p.dim / p.heads;
            matrix(w, pool, progress, index++, "token_embd.weight", Kind.TOKEN_EMBD, -1, p.vocab, p.dim, 1.0f);
            norm(w, index++, "output_norm.weight", p.dim);
            matrix(w, pool, progress, index++, "output.weight", Kind.OUTPUT, -1, p.vocab, p.dim, 0f);
            for (int l = 0; l < p.layers; l++) {
                String b = "blk." + l + ".";
                norm(w, index++, b + "attn_norm.weight", p.dim);
                matrix(w, pool, progress, index++, b + "attn_q.weight", Kind.ATTN_Q, l, p.heads * hd, p.dim, 0f);
                matrix(w, pool, progress, index++, b + "attn_k.weight", Kind.ATTN_K, l, p.kvHeads * hd, p.dim, 0f);
                matrix(w, pool, progress, index++, b + "attn_v.weight", Kind.ATTN_V, l, p.kvHeads * hd, p.dim, 0f);
                matrix(w, pool, progress, index++, b + "attn_output.weight", Kind.ATTN_OUTPUT, l, p.dim, p.heads * hd, 0f);
                norm(w, index++, b + "ffn_norm.weight", p.dim);
                matrix(w, pool, progress, index++, b + "ffn_gate.weight", Kind.FFN_GATE, l, p.ffn, p.dim, 0f);
                matrix(w, pool, progress, index++, b + "ffn_up.weight", Kind.FFN_UP, l, p.ffn, p.dim, 0f);
                matrix(w, pool, progress, index++, b + "ffn_down.weight", Kind.FFN_DOWN, l, p.dim, p.ffn, 0f);
            }
            w.write(file);
        } finally {
            pool.shutdownNow();
        }
    }

    private void metadata(GgufWriter w) {
        Preset p = preset;
        w.putString("general.architecture", "llama")
                .putString("general.name", "random-llama-" + p.name + "-" + mix.name().toLowerCase(Locale.ROOT))
                .putUint32("general.file_type", mix.fileType)
                .putUint32("general.quantization_version", 2)
                .putUint32("llama.context_length", p.context)
                .putUint32("llama.embedding_length", p.dim)
                .putUint32("llama.block_count", p.layers)
                .putUint32("llama.feed_forward_length", p.ffn)
                .putUint32("llama.rope.dimension_count", p.dim / p.heads)
                .putUint32("llama.attention.head_count", p.heads)
                .putUint32("llama.attention.head_count_kv", p.kvHeads)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putFloat32("llama.rope.freq_base", 10000f)
                .putUint32("llama.vocab_size", p.vocab);
        List<String> tokens = new ArrayList<>(p.vocab);
        List<Integer> types = new ArrayList<>(p.vocab);
        String[] byteChars = byteChars();
        for (int b = 0; b < 256; b++) {
            tokens.add(byteChars[b]);
            types.add(1);
        }
        for (String control : List.of("<|bos|>", "<|eos|>", "<|im_start|>", "<|im_end|>")) {
            tokens.add(control);
            types.add(3);
        }
        List<String> merges = new ArrayList<>();
        for (String[] m : MERGES) {
            merges.add(m[0] + " " + m[1]);
            tokens.add(m[0] + m[1]);
            types.add(1);
        }
        while (tokens.size() < p.vocab) {
            tokens.add("<unused" + tokens.size() + ">");
            types.add(5);
        }
        w.putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "default")
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, tokens)
                .putArray("tokenizer.ggml.token_type", GgufValueType.INT32, types)
                .putArray("tokenizer.ggml.merges", GgufValueType.STRING, merges)
                .putUint32("tokenizer.ggml.bos_token_id", 256)
                .putUint32("tokenizer.ggml.eos_token_id", 257)
                .putBool("tokenizer.ggml.add_bos_token", true)
                .putString("tokenizer.chat_template", CHATML);
    }

    /** GPT-2's byte-to-character map: printable bytes stand for themselves, the rest for U+0100 onwards. */
    static String[] byteChars() {
        String[] map = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = Character.toString(printable ? b : next++);
        }
        return map;
    }

    private void norm(GgufWriter w, int index, String name, int n) {
        SplittableRandom r = rowRandom(index, 0);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (1.0 + r.nextDouble(-0.2, 0.2));
        }
        w.tensor(name, GgmlType.F32, new long[] {n}, v);
    }

    /**
     * A rows × cols matrix (ggml shape [cols, rows]) uniform in ±{@code scale}, or ±1.5/√cols when scale is 0,
     * produced while the file is written.
     */
    private void matrix(GgufWriter w, ForkJoinPool pool, Consumer<String> progress, int index, String name, Kind kind,
                        int layer, int rows, int cols, float scale) {
        GgmlType type = mix.typeOf(kind, layer, preset.layers, cols);
        double s = scale != 0f ? scale : 1.5 / Math.sqrt(cols);
        int rowBytes = Math.toIntExact(type.byteSize(cols));
        int sliceRows = Math.max(1, SLICE_BYTES / rowBytes);
        w.tensor(name, type, new long[] {cols, rows}, out -> {
            progress.accept(name + " " + type + " [" + cols + ", " + rows + "]");
            for (int from = 0; from < rows; from += sliceRows) {
                int to = Math.min(rows, from + sliceRows);
                byte[] slice = new byte[(to - from) * rowBytes];
                int first = from;
                Runnable fill = () -> IntStream.range(first, to).parallel().forEach(row -> {
                    SplittableRandom r = rowRandom(index, row);
                    float[] v = new float[cols];
                    for (int i = 0; i < cols; i++) {
                        v[i] = (float) r.nextDouble(-s, s);
                    }
                    System.arraycopy(Quantizers.quantize(type, v), 0, slice, (row - first) * rowBytes, rowBytes);
                });
                try {
                    pool.submit(fill).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing " + name, e);
                } catch (ExecutionException e) {
                    throw new IOException("cannot generate " + name + ": " + e.getCause(), e.getCause());
                }
                ByteBuffer buffer = ByteBuffer.wrap(slice).order(ByteOrder.LITTLE_ENDIAN);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        });
    }

    /** Each row its own generator, so the bytes depend on the seed only, not on the threads. */
    private SplittableRandom rowRandom(int tensor, int row) {
        long h = seed * 0x9E3779B97F4A7C15L + tensor;
        h = h * 0xBF58476D1CE4E5B9L + row;
        return new SplittableRandom(h ^ (h >>> 31));
    }
}
