package dev.catena.retrievers.milvus;

import dev.catena.retrievers.store.ServerProcess;
import dev.catena.retrievers.store.StoreServerExtension;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Milvus server for tests: {@code CATENA_MILVUS_URI} if set, else the C++ Milvus binary that the
 * PyPI {@code milvus-lite} 2.5 wheel bundles ({@code .ci/.venv/lib/python3.x/site-packages/milvus_lite/lib/milvus},
 * installed by {@code .ci/setup.d/30-milvus.sh}), run as {@code milvus <dir>/milvus.db 127.0.0.1:<port> ERROR}
 * with {@code LD_LIBRARY_PATH} on its lib directory; ready when {@code listCollections} answers.
 */
public final class MilvusServer extends StoreServerExtension {

    public MilvusServer() {
        super("Milvus", "CATENA_MILVUS_URI", "30-milvus.sh");
    }

    @Override
    protected Path executable(Path root) {
        return installedInVenv(root, "milvus_lite/lib/milvus");
    }

    @Override
    protected List<String> command(Path executable, Path dataDir, int port) {
        return List.of(executable.toString(), dataDir.resolve("milvus.db").toString(), "127.0.0.1:" + port, "ERROR");
    }

    @Override
    protected Map<String, String> environment(Path executable) {
        return Map.of("LD_LIBRARY_PATH", executable.getParent().toString());
    }

    @Override
    protected boolean ready(int port) {
        if (!ServerProcess.listening(port)) {
            return false;
        }
        try {
            MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(address(port))
                    .connectTimeoutMs(2000).rpcDeadlineMs(2000).build());
            try {
                client.listCollections();
                return true;
            } finally {
                client.close();
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    protected String address(int port) {
        return "http://127.0.0.1:" + port;
    }
}
