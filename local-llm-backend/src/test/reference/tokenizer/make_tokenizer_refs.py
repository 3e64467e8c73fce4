#!/usr/bin/env python3
"""Writes the tokenizer test data of local-llm-backend (deterministic; no Python at test time).

    python3 -m venv /work/venvs/tok
    /work/venvs/tok/bin/pip install llama-cpp-python==0.3.36 gguf==0.19.0 tokenizers==0.23.3 sentencepiece==0.2.3
    /work/venvs/tok/bin/python local-llm-backend/src/test/reference/tokenizer/make_tokenizer_refs.py \
        local-llm-backend/src/test/resources/tokenizer [path/to/gemma-3-270m-q4_k_m.gguf]

Writes, into the output folder:
  - small vocab-only GGUF files: spm-bytefallback.gguf (SentencePiece BPE trained with byte_fallback, identity
    normalisation, written as tokenizer.ggml.model=llama) and bpe-<pre>.gguf (an HF `tokenizers` byte-level
    BPE trained with the qwen2 / llama3 pre-tokenizer regex, written as tokenizer.ggml.model=gpt2 with each
    supported tokenizer.ggml.pre);
  - <name>.json for each GGUF (and gemma3.json for the real Gemma 3 270M file): for every corpus string
    and every (add_bos, parse_special) combination, the ids llama.cpp's tokenizer gives
    (Llama(vocab_only=True).tokenize(utf8, add_bos, special)), plus llama.cpp's token_to_piece bytes
    (special=True) for the tokens the test decodes, and where the training library (sentencepiece or HF
    tokenizers) can encode the same string, its ids and whether they agree with llama.cpp.
"""
import base64
import json
import os
import pathlib
import sys
import ctypes

import gguf
import llama_cpp
from llama_cpp import Llama

CORPUS = [
    "",
    " ",
    "Hello world",
    "Hello, world! How are you today?",
    " leading space and trailing space ",
    "The quick brown fox jumps over the lazy dog. It's 2026; we'll see, they're sure I'd've.",
    "IT'S SHOUTING: DON'T, WON'T, CAN'T",
    "Numbers: 1 12 123 1234 12345 3.14159 -42 1,000,000 ١٢٣ ½",
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    "public static void main(String[] args) {\n\tSystem.out.println(\"hi\" + args.length);\n}",
    "{\"key\": [1, 2.5, true, null], \"nested\": {\"a\": \"b\"}}",
    "a  b   c    d     e",
    "tabs\tand\t\ttabs\t\t\t!",
    "line1\nline2\n\nline4\n\n\n\nline8\r\nwindows\r\n",
    "\n",
    "\n\n\n",
    "   ",
    "\t",
    "trailing newline\n",
    "机器学习是人工智能的一个分支。我们今天学习中文分词。",
    "日本語のテキストです。カタカナとひらがな、漢字が混ざっています。",
    "한국어 문장도 있습니다.",
    "Привет, мир! Как дела?",
    "مرحبا بالعالم",
    "Emoji: 😀 😃 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ 🤖",
    "Mixed: café naïve résumé Ωμέγα ß ﬁ",
    "combining: e\u0301 a\u0308 n\u0303",
    "specials: \u00a0nbsp \u3000ideographic \u2028ls \u0085nel \u200bzwsp \ufeffbom",
    "replacement \ufffd char and private \ue000 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀",
    "control chars: \u0001\u0002\u007f\u001b[0m",
    "<start_of_turn>user\nHi there<end_of_turn>\n<start_of_turn>model\n",
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n",
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>",
    "<bos>text<eos> and <pad> <unk> <s></s>",
    "<0x41> looks like a byte token",
    "<table><tr><td>cell</td></tr></table> <h1>title</h1>",
    "URL: https://example.com/path?query=1&other=two#frag",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "                                          many spaces",
    "x" + "\t" * 40 + "y",
    "ok" + "\n" * 40 + "end",
]

# pieces for the random corpus: scripts, case, contractions, digit runs, every kind of whitespace, marks,
# unassigned and private-use code points, special-token look-alikes
PIECES = ["a", "b", "Z", "the", "The", "THE", " ", "  ", "   ", "\t", "\n", "\r", "\r\n", "\n\n", "\u000b", "\u000c",
          "'s", "'S", "'re", "'RE", "'ve", "'ll", "'LL", "'d", "'m", "'t", "'x", "'", "1", "12", "123", "1234", "٣",
          "½", "Ⅻ", "é", "e\u0301", "\u0308", "ß", "ﬁ", "Ω", "Привет", "学习", "日本", "カタ", "한", "مرحبا", "😀",
          "👍🏽", "👨\u200d👩", "\u200d", "\u200b", "\ufeff", "\u00a0", "\u3000", "\u2028", "\u0085", "\u1680",
          "\u0378", "\ue000", "\U000e01f0", "\U0001d518", "\U00020000", "\ufffd", "\u0000", "\u001b", "\u007f",
          ".", ",", "!", "?", "...", "-", "_", "$", "+", "<", ">", "=", "^", "~", "|", "`", "(", ")", "{", "}", "[", "]",
          "/", "\\", "\"", "#", "@", "%", "&", "*", "▁", "▁▁", "<s>", "</s>", "<h1>", "<|im_end|>", "<|eot_id|>",
          "<end_of_turn>", "<start_of_turn>", "<0x41>", "<unk>", "<|endoftext|>"]


def random_corpus(n=250, seed=1234):
    import random
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        k = rnd.randint(1, 24)
        out.append("".join(rnd.choice(PIECES) for _ in range(k)))
    return out


TRAIN_EXTRA = """
The tokenizer splits text into pieces. Machine learning models read tokens, not characters.
Hello world! Hello there. How are you? I'm fine, thanks; we're all fine, they've said.
机器学习是人工智能的一个分支。我们今天学习中文。中文分词很有意思。人工智能改变世界。
日本語のテキストです。カタカナとひらがな。東京は日本の首都です。こんにちは世界。
Привет мир. Как дела? Всё хорошо, спасибо. Москва большой город.
def main():\n    print("hello")\n    return 0\n\nfor i in range(10):\n    x += i * 2\n
public class Main { public static void main(String[] args) { System.out.println("hi"); } }
Numbers 0 1 2 3 4 5 6 7 8 9 10 100 1000 2024 2025 2026 3.14 42.
Emoji 😀 👍 ❤️ 🤖 🎉 are fun. Café, naïve, résumé.
"""


def training_text():
    """Self-contained, so the data can be regenerated exactly: the text above, this script's own source, numbers."""
    parts = [TRAIN_EXTRA * 20, pathlib.Path(__file__).read_text(encoding="utf-8"), "\n".join(CORPUS) * 3,
             " ".join(str(i) for i in range(0, 5000, 7)), " ".join(f"{i}.{i % 97}" for i in range(300))]
    return "\n".join(parts)


def write_vocab_gguf(path, model, pre, tokens, types, scores=None, merges=None, bos=None, eos=None,
                     eot=None, unk=None, pad=None, add_bos=False, add_space_prefix=None):
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("catena-tokenizer-test")
    w.add_context_length(64)
    w.add_embedding_length(8)
    w.add_block_count(1)
    w.add_feed_forward_length(8)
    w.add_head_count(1)
    w.add_head_count_kv(1)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_tokenizer_model(model)
    w.add_tokenizer_pre(pre)
    w.add_token_list(tokens)
    w.add_token_types(types)
    if scores is not None:
        w.add_token_scores(scores)
    if merges is not None:
        w.add_token_merges(merges)
    if bos is not None:
        w.add_bos_token_id(bos)
    if eos is not None:
        w.add_eos_token_id(eos)
    if eot is not None:
        w.add_eot_token_id(eot)
    if unk is not None:
        w.add_unk_token_id(unk)
    if pad is not None:
        w.add_pad_token_id(pad)
    w.add_add_bos_token(add_bos)
    if add_space_prefix is not None:
        w.add_add_space_prefix(add_space_prefix)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def make_spm(out, text):
    import sentencepiece as spm
    tmp = out / "spm-train.txt"
    tmp.write_text(text, encoding="utf-8")
    prefix = str(out / "spm-model")
    spm.SentencePieceTrainer.train(
        input=str(tmp), model_prefix=prefix, vocab_size=900, model_type="bpe", byte_fallback=True,
        character_coverage=0.9995, normalization_rule_name="identity", remove_extra_whitespaces=False,
        add_dummy_prefix=True, split_digits=True, allow_whitespace_only_pieces=True,
        control_symbols=["<start_of_turn>", "<end_of_turn>"], user_defined_symbols=["<h1>"],
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1, minloglevel=2)
    tmp.unlink()
    sp = spm.SentencePieceProcessor(model_file=prefix + ".model")
    tokens, scores, types = [], [], []
    for i in range(sp.get_piece_size()):
        tokens.append(sp.id_to_piece(i))
        scores.append(sp.get_score(i))
        if sp.is_unknown(i):
            types.append(2)
        elif sp.is_control(i):
            types.append(3)
        elif sp.is_byte(i):
            types.append(6)
        elif sp.is_unused(i):
            types.append(5)
        elif tokens[-1] == "<h1>":
            types.append(4)
        else:
            types.append(1)
    path = out / "spm-bytefallback.gguf"
    eot = tokens.index("<end_of_turn>")
    write_vocab_gguf(path, "llama", "default", tokens, types, scores=scores, bos=1, eos=2, eot=eot, unk=0,
                     add_bos=True, add_space_prefix=True)
    os.unlink(prefix + ".model")
    os.unlink(prefix + ".vocab")

    return path, (sp.encode, False)


QWEN2_RE = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
LLAMA3_RE = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


def train_bpe(text, regex, specials, vocab_size):
    from tokenizers import Tokenizer, Regex, models, pre_tokenizers, decoders, trainers
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(regex), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator([text], trainer=trainer)
    return tok


def bpe_vocab(tok, specials):
    model = json.loads(tok.to_str())["model"]
    vocab = model["vocab"]
    tokens = [None] * len(vocab)
    for t, i in vocab.items():
        tokens[i] = t
    types = [3 if t in specials else 1 for t in tokens]
    merges = [m if isinstance(m, str) else " ".join(m) for m in model["merges"]]
    return tokens, types, merges


EXTRA_PRES = ["gpt-4o", "tekken", "deepseek-v3", "deepseek-coder", "qwen35", "bloom", "viking", "seed-coder",
              "bailingmoe", "exaone-moe", "ufakzeka", "minicpm5", "chameleon", "falcon",
              # the scanned ones again, on a vocabulary with multi-digit tokens so that digit grouping shows
              "qwen2", "gpt-2", "smollm", "default", "llama-bpe"]


def extra_pre_reference(out, tokens, types, merges, bos, eos, eot, json_path):
    """llama.cpp's ids for more pre-tokenizers, on bpe-llama-bpe's vocabulary (the GGUFs differ only in pre)."""
    texts = CORPUS + random_corpus()[:60]
    doc = {"generator": "llama-cpp-python " + llama_cpp.__version__ + ", see make_tokenizer_refs.py",
           "vocabulary": "bpe-llama-bpe.gguf with tokenizer.ggml.pre replaced", "texts": texts, "ids": {}}
    for pre in EXTRA_PRES:
        path = out / "tmp-extra-pre.gguf"
        write_vocab_gguf(path, "gpt2", pre, tokens, types, merges=merges, bos=bos, eos=eos, eot=eot, add_bos=False)
        llm = Llama(model_path=str(path), vocab_only=True, verbose=False)
        # special-token parsing does not depend on the pre-tokenizer: plain text only
        doc["ids"][pre] = [llm.tokenize(t.encode("utf-8"), add_bos=False, special=False) for t in texts]
        del llm
        path.unlink()
    json_path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{json_path.name}: {len(EXTRA_PRES)} pre-tokenizers x {len(texts)} texts")


def make_bpe(out, text):
    """Returns [(path, library-encode-or-None)] for the byte-level BPE GGUFs."""
    results = []
    qwen_specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    qwen = train_bpe(text, QWEN2_RE, qwen_specials, 1200)
    tokens, types, merges = bpe_vocab(qwen, qwen_specials)
    eos = tokens.index("<|endoftext|>")
    for pre in ["qwen2", "gpt-2", "smollm", "default"]:
        path = out / f"bpe-{pre}.gguf"
        write_vocab_gguf(path, "gpt2", pre, tokens, types, merges=merges, bos=eos, eos=eos,
                         eot=tokens.index("<|im_end|>"), pad=eos, add_bos=False)
        lib = ((lambda s: qwen.encode(s, add_special_tokens=False).ids), True) if pre == "qwen2" else None
        results.append((path, lib))
    l3_specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
    l3 = train_bpe(text, LLAMA3_RE, l3_specials, 1200)
    tokens, types, merges = bpe_vocab(l3, l3_specials)
    path = out / "bpe-llama-bpe.gguf"
    write_vocab_gguf(path, "gpt2", "llama-bpe", tokens, types, merges=merges,
                     bos=tokens.index("<|begin_of_text|>"), eos=tokens.index("<|end_of_text|>"),
                     eot=tokens.index("<|eot_id|>"), add_bos=True)
    results.append((path, ((lambda s: l3.encode(s, add_special_tokens=False).ids), True)))
    extra_pre_reference(out, tokens, types, merges, tokens.index("<|begin_of_text|>"), tokens.index("<|end_of_text|>"),
                        tokens.index("<|eot_id|>"), out / "bpe-extra-pre.json")
    return results


def piece(model, token):
    buf = ctypes.create_string_buffer(1024)
    n = llama_cpp.llama_token_to_piece(model.vocab, token, buf, 1024, 0, True)
    assert 0 <= n <= 1024, n
    return buf.raw[:n]


def reference(gguf_path, lib_encode, json_path, piece_ids=None):
    llm = Llama(model_path=str(gguf_path), vocab_only=True, verbose=False)
    model = llm._model
    cases = []
    used = set()
    disagreements = 0
    lib_encode_orig = lib_encode
    for text in CORPUS:
        lib_encode = lib_encode_orig
        case = {"text": text}
        for add_bos in (False, True):
            for special in (False, True):
                ids = llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)
                case[f"bos{int(add_bos)}_special{int(special)}"] = ids
                used.update(ids)
        if lib_encode is not None:
            lib_encode, lib_parses_special = lib_encode
            lib = lib_encode(text)
            case["library"] = lib
            # HF tokenizers always matches its added (special) tokens; sentencepiece never matches control symbols
            case["library_agrees"] = lib == case["bos0_special1" if lib_parses_special else "bos0_special0"]
            disagreements += 0 if case["library_agrees"] else 1
        cases.append(case)
    random_cases = []
    random_disagreements = []
    for text in random_corpus():
        case = {"text": text,
                "special0": llm.tokenize(text.encode("utf-8"), add_bos=False, special=False),
                "special1": llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)}
        if lib_encode_orig is not None:
            lib_fn, lib_parses_special = lib_encode_orig
            case["library_agrees"] = lib_fn(text) == case["special1" if lib_parses_special else "special0"]
            if not case["library_agrees"]:
                random_disagreements.append(text)
        random_cases.append(case)
    n_vocab = model.n_vocab()
    ids = sorted(used) if piece_ids is None else sorted(set(piece_ids) | used)
    pieces = {str(i): base64.b64encode(piece(model, i)).decode("ascii") for i in ids if i < n_vocab}
    doc = {
        "source": gguf_path.name,
        "generator": "llama-cpp-python " + llama_cpp.__version__ + " (llama.cpp tokenizer), see make_tokenizer_refs.py",
        "n_vocab": n_vocab,
        "cases": cases,
        "random_cases": random_cases,
        "pieces_base64": pieces,
    }
    json_path.write_text(json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=False, separators=(",", ":")) + "\n",
                         encoding="utf-8")
    print(f"{json_path.name}: {len(cases)} cases, {len(pieces)} pieces, library disagreements: "
          f"{disagreements if lib_encode_orig else 'n/a'}; random corpus: {len(random_cases)} cases, library "
          f"disagreements: {[t for t in random_disagreements] if lib_encode_orig else 'n/a'}")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    text = training_text()
    spm_path, spm_lib = make_spm(out, text)
    reference(spm_path, spm_lib, out / "spm-bytefallback.json", piece_ids=range(0, 900))
    for path, lib in make_bpe(out, text):
        reference(path, lib, out / (path.stem + ".json"), piece_ids=range(0, 1200) if path.stem in ("bpe-qwen2", "bpe-llama-bpe") else None)
    if len(sys.argv) > 2:
        gemma = pathlib.Path(sys.argv[2])
        reference(gemma, None, out / "gemma3.json", piece_ids=list(range(0, 300)) + list(range(255960, 262144, 97)))


if __name__ == "__main__":
    main()
