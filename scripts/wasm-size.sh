#!/usr/bin/env bash
# Prints the release wasm's size and fails when it is over the gzip budget.
set -euo pipefail
BUDGET=${WASM_GZIP_BUDGET:-153600}   # 150 KB
dir=${1:-dist}
for w in "$dir"/*.wasm; do
  raw=$(wc -c <"$w")
  gz=$(gzip -9c "$w" | wc -c)
  echo "release wasm $(basename "$w"): $raw bytes raw, $gz bytes gzip (budget $BUDGET)"
  if ((gz > BUDGET)); then
    echo "over the 150 KB gzip budget" >&2
    exit 1
  fi
done
