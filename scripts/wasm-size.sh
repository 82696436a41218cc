#!/usr/bin/env bash
# Prints the release wasm's size against the gzip budget (a warning, not a failure: the
# budget is tracked by `make bench` and the README).
set -euo pipefail
BUDGET=${WASM_GZIP_BUDGET:-153600}   # 150 KB
dir=${1:-dist}
for w in "$dir"/*.wasm; do
  raw=$(wc -c <"$w")
  gz=$(gzip -9c "$w" | wc -c)
  echo "release wasm $(basename "$w"): $raw bytes raw, $gz bytes gzip (budget $BUDGET)"
  if ((gz > BUDGET)); then
    echo "WARNING: over the 150 KB gzip budget by $((gz - BUDGET)) bytes" >&2
  fi
done
