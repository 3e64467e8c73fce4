#!/usr/bin/env bash
# pgvector at 100k x 384 (PgVectorBulkBench.java): needs the CI server (.ci/setup.d/25-postgres.sh)
# or CATENA_PG_URL. Builds the pgvector module's class path (with the retrievers test classes, for the
# shared BenchVectors), then runs the single-file benchmark.
# Arguments are passed on: N D queries upserts (default 100000 384 500 2000).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/env.sh
./mvnw -B -q -pl retrievers/pgvector -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/pgvector-bench.cp -Dmdep.includeScope=runtime
exec java -Xmx2g -cp "retrievers/pgvector/target/classes:retrievers/target/classes:retrievers/target/test-classes:$(cat retrievers/pgvector/target/pgvector-bench.cp)" \
    benchmarks/pgvector/PgVectorBulkBench.java "$@"
