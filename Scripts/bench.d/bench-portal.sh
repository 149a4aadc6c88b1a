#!/usr/bin/env bash
# Portal scenario: 10,000 PUTs through the http-push adapter (concurrency 1 and 8) and through
# `curl --parallel --parallel-max 8` (keep-alive) to one pubsync-portal on 127.0.0.1.
# Usage: Scripts/bench-portal.sh [COUNT] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT="${1:-10000}"
CONFIG="${2:-release}"
swift build -c "$CONFIG" --product pubsync-portal >&2
swift build -c "$CONFIG" --product portal-bench >&2
BIN="$(swift build -c "$CONFIG" --show-bin-path)"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# A throwaway token for this run only; it is passed by environment and never printed.
PORTAL_BENCH_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export PORTAL_BENCH_TOKEN
"$BIN/pubsync-portal" --host 127.0.0.1 --port 0 --token-env PORTAL_BENCH_TOKEN --db "$WORK/portal.db" \
    --log-level warning >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 200); do
    grep -q '^listening on ' "$WORK/server.out" 2>/dev/null && break
    sleep 0.05
done
URL="http://$(sed -n 's/^listening on //p' "$WORK/server.out" | head -1)"
[ "$URL" != "http://" ] || { echo "pubsync-portal did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }

"$BIN/portal-bench" --url "$URL" --count "$COUNT" --concurrency 1,8 | tee "$WORK/adapter.txt"

"$BIN/portal-bench" --url "$URL" --count "$COUNT" --write-curl "$WORK/curl"
# Headers from a 0600 file, so the token is not on curl's command line. "Expect:" turns off
# curl's Expect: 100-continue, which Hummingbird does not answer (curl would wait 1 s per PUT).
(umask 077; printf 'Authorization: Bearer %s\nContent-Type: application/json; charset=utf-8\nExpect:\n' "$PORTAL_BENCH_TOKEN" >"$WORK/headers")
START=$(date +%s.%N)
curl --silent --show-error --no-progress-meter --parallel --parallel-max 8 --config "$WORK/curl/curl.cfg" -H @"$WORK/headers" \
    --write-out '%{http_code}\n' >"$WORK/curl.codes"
END=$(date +%s.%N)
CREATED=$(grep -c '^201$' "$WORK/curl.codes" || true)
sort "$WORK/curl.codes" | uniq -c | sed 's/^/  curl status /' >&2
CURL_RATE=$(awk -v n="$COUNT" -v s="$START" -v e="$END" 'BEGIN { printf "%.1f", n / (e - s) }')
echo "curl --parallel-max 8 items=$COUNT created=$CREATED seconds=$(awk -v s="$START" -v e="$END" 'BEGIN { printf "%.2f", e - s }') items/s=$CURL_RATE"
C8=$(sed -n 's/.*concurrency=8 .*items\/s=\([0-9.]*\).*/\1/p' "$WORK/adapter.txt")
awk -v a="$C8" -v c="$CURL_RATE" 'BEGIN { printf "ratio adapter(8)/curl(8) = %.2f (target >= 0.70)\n", a / c }'
