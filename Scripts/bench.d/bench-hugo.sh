#!/usr/bin/env bash
# Builds the same generated items with Hugo (Debian's `hugo` package) and with the
# static-site adapter, and prints both timings. Usage: ./bench-hugo.sh [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/../.."
items="${1:-10000}"
work="${TMPDIR:-/tmp}/site-bench-hugo"
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install -y hugo)" >&2; exit 2; }
swift build -c release --product site-bench >/dev/null
bench=.build/release/site-bench

rm -rf "$work"
"$bench" hugo-site "$work/src" --items "$items"
echo "hugo $(hugo version | cut -d' ' -f2): full build of $items items"
peak() { grep -E 'Maximum resident' "$1" | awk '{printf "%.1f MB", $NF/1024}'; }
timed() { # label, log, command...
    local label=$1 log=$2; shift 2
    local start end
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then /usr/bin/time -v "$@" >/dev/null 2>"$log"; else "$@" >/dev/null 2>"$log"; fi
    end=$(date +%s.%N)
    printf '%-28s %8.3f s  files %6d  peak RSS %s\n' "$label" "$(echo "$end - $start" | bc)" \
        "$(find "$work/public" -type f -newermt "@$start" | wc -l)" "$(peak "$log" 2>/dev/null || echo '?')"
}
timed "hugo full build" "$work/hugo-full.log" hugo --quiet -s "$work/src" -d "$work/public"
# One item changed: Hugo rebuilds and rewrites the site.
sleep 1.1
sed -i '0,/^title: .*/s//title: "更正后的标题"/' "$work/src/content/notices/item-$(printf '%06d' $((items / 2 / 10 * 10))).md"
timed "hugo one-item change" "$work/hugo-change.log" hugo --quiet -s "$work/src" -d "$work/public"
echo
"$bench" --items "$items" --out "$work/site"
