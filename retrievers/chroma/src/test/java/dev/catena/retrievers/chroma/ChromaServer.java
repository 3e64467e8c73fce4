package dev.catena.retrievers.chroma;

import dev.catena.retrievers.store.StoreServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Chroma server for tests: {@code CATENA_CHROMA_URL} if set, else {@code chroma run} from npm
 * {@code chromadb} in {@code .ci/node} (installed by {@code .ci/setup.d/20-chroma.sh}), ready when
 * {@code /api/v2/heartbeat} answers.
 */
public final class ChromaServer extends StoreServerExtension {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ChromaServer() {
        super("Chroma", "CATENA_CHROMA_URL", "20-chroma.sh");
    }

    @Override
    protected Path executable(Path root) {
        return root.resolve(".ci/node/node_modules/.bin/chroma");
    }

    @Override
    protected List<String> command(Path executable, Path dataDir, int port) {
        return List.of(executable.toString(), "run", "--path", dataDir.resolve("chroma").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port));
    }

    @Override
    protected boolean ready(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(address(port) + "/api/v2/heartbeat"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected String address(int port) {
        return "http://127.0.0.1:" + port;
    }
}
