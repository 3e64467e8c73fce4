package dev.catena.retrievers.milvus;

import dev.catena.retrievers.store.StoreOutageContract;
import dev.catena.retrievers.store.StoreServerExtension;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Milvus (milvus-lite's server) killed during ingestion and restarted on its database file (issue 9). */
class MilvusOutageTest extends StoreOutageContract {

    @RegisterExtension
    static final MilvusServer SERVER = new MilvusServer();

    @Override
    protected StoreServerExtension server() {
        return SERVER;
    }

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return MilvusEmbeddingStore.builder().uri(SERVER.url()).collection(name).dimension(HashEmbeddings.DIMENSION).build();
    }

    @Override
    protected List<String> storedIds(String name) {
        return withClient(client -> client.query(QueryReq.builder().collectionName(name).filter("id != \"\"")
                        .outputFields(List.of("id")).limit(16_384).consistencyLevel(ConsistencyLevel.STRONG).build())
                .getQueryResults().stream().map(r -> (String) r.getEntity().get("id")).toList());
    }

    @Override
    protected long count(String name) {
        return withClient(client -> {
            QueryResp resp = client.query(QueryReq.builder().collectionName(name).outputFields(List.of("count(*)"))
                    .consistencyLevel(ConsistencyLevel.STRONG).build());
            return ((Number) resp.getQueryResults().getFirst().getEntity().get("count(*)")).longValue();
        });
    }

    private static <T> T withClient(Function<MilvusClientV2, T> action) {
        MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(SERVER.url()).build());
        try {
            return action.apply(client);
        } finally {
            client.close();
        }
    }
}
