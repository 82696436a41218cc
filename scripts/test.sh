#!/usr/bin/env bash
# Runs every suite even when one fails, then prints each runner's summary and exits
# non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p target/test-logs
declare -A status
run() { # run <name> <command...>
  local name=$1; shift
  echo "==== $name: $*"
  "$@" 2>&1 | tee "target/test-logs/$name.log"
  status[$name]=${PIPESTATUS[0]}
}
run host cargo test --workspace
run browser wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install
run e2e bash -c 'cd e2e && node --test --test-concurrency=1 tests/'

echo
echo "==== summary"
fail=0
for name in host browser e2e; do
  case $name in
    host|browser) summary=$(grep -E '^test result:' "target/test-logs/$name.log" | awk '{p+=$4; f+=$6; i+=$8} END {printf "%d passed, %d failed, %d ignored", p, f, i}') ;;
    e2e) summary=$(grep -E '^# (tests|pass|fail|skipped)' "target/test-logs/$name.log" | tr '\n' ' ') ;;
  esac
  if [[ ${status[$name]} -eq 0 ]]; then r=ok; else r=FAILED; fail=1; fi
  printf '%-8s %-7s %s\n' "$name" "$r" "$summary"
done
exit $fail
