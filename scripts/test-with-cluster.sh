#!/usr/bin/env bash
# The whole test suite, with a three-node Typesense cluster on loopback for the engine tests.
#
# The cluster is started here (bounded wait), named to the tests in REPORTSEARCH_TEST_CLUSTER,
# and stopped by its pids when pytest ends, however it ends. Without a cluster the Typesense
# tests skip, unless REQUIRE_SEARCH_BACKENDS=1 (CI): then a cluster that cannot start fails.
set -euo pipefail
BIN=${BIN:-.venv/bin}
CLUSTER_DIR=${CLUSTER_DIR:-var/test-typesense}
BASE_PORT=${TYPESENSE_TEST_PORT:-18300}

cluster() { "$BIN/python" scripts/typesense_cluster.py "$@"; }

cluster stop --dir "$CLUSTER_DIR" >/dev/null 2>&1 || true   # what a killed run left
if cluster start --nodes 3 --dir "$CLUSTER_DIR" --base-port "$BASE_PORT" --timeout 90; then
    trap 'cluster stop --dir "$CLUSTER_DIR"' EXIT
    export REPORTSEARCH_TEST_CLUSTER="$PWD/$CLUSTER_DIR/cluster.json"
elif [ "${REQUIRE_SEARCH_BACKENDS:-}" = "1" ]; then
    echo "REQUIRE_SEARCH_BACKENDS=1 and the Typesense test cluster did not start" >&2
    exit 1
else
    echo "the Typesense test cluster did not start: its tests will skip" >&2
fi
"$BIN/python" -m pytest "$@"
