#!/usr/bin/env bash
# Runs the cargo-fuzz (libFuzzer) targets of fuzz/ for a set time, or a set number of executions, each.
#
#   scripts/fuzz.sh [-t SECONDS] [-r RUNS] [-j PARALLEL] [TARGET...]
#
#   -t SECONDS   time per target (default 60)
#   -r RUNS      stop each target after RUNS executions instead (e.g. -r 10000000)
#   -j PARALLEL  targets run at once (default 1; each is one libFuzzer process)
#   TARGET...    default: every target of fuzz/Cargo.toml
#
# Each target starts from its committed seeds (fuzz/seeds/<target>/) and grows its working corpus in
# fuzz/corpus/<target>/ (not committed). A crash leaves its input in fuzz/artifacts/<target>/ and makes
# the script exit non-zero; logs and libFuzzer's final stats are in fuzz/logs/<target>.log.
#
# cargo-fuzz needs nightly-only rustc flags (sanitizers, coverage): on a stable toolchain they are
# unlocked with RUSTC_BOOTSTRAP=1. Set SANITIZER=none for speed (the code under test is free of
# `unsafe`, but serde_yaml's libyaml port is not, so AddressSanitizer is the default).
set -euo pipefail

cd "$(dirname "$0")/../fuzz"
seconds=60
runs=""
parallel=1
while getopts "t:r:j:h" opt; do
    case $opt in
        t) seconds=$OPTARG ;;
        r) runs=$OPTARG ;;
        j) parallel=$OPTARG ;;
        *) sed -n '2,17p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^sip-codes-fuzz$')
fi

if ! command -v cargo-fuzz >/dev/null; then
    echo "installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-address}
# Debug assertions on: the runtime checks in debug builds that every rendered value is a valid header
# value, which is exactly what the targets are after.
build_flags=(--release --debug-assertions --sanitizer "$sanitizer")
cargo fuzz build "${build_flags[@]}"

if [ -n "$runs" ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
mkdir -p logs
run_one() {
    local t=$1
    mkdir -p "corpus/$t"
    if cargo fuzz run "${build_flags[@]}" "$t" "corpus/$t" "seeds/$t" -- \
        "${limit[@]}" -print_final_stats=1 -max_len=8192 >"logs/$t.log" 2>&1; then
        local execs
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
        echo "$t: ok, ${execs:-?} executions"
    else
        echo "$t: FAILED, see fuzz/logs/$t.log and fuzz/artifacts/$t/"
        return 1
    fi
}

# A queue of `parallel` slots: a target starts as soon as any running one ends (`wait -n`), so one slow
# target (spec_loader) does not hold the others back.
status=0
running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$parallel" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done
exit $status
