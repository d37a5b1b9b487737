#!/usr/bin/env bash
# Measures what sip-codes costs its users at build time, in one run:
#
#   (a) the marginal cold `cargo build` (dev profile) of adding a SIP crate to a server crate that already
#       uses tokio (with its macros), serde (with derive) and tracing: the server alone, then with
#       sip-codes (with and without sip-codes' `[profile.dev.package.*]` lines; with `--before REV`, also
#       sip-codes at REV), with rsipstack 0.7 and with ezk-sip-types 0.6, each in a fresh target
#       directory, one after the other;
#   (b) macro expansion of the bundled spec: rustc's `expand_crate` pass (`-Z time-passes`,
#       RUSTC_BOOTSTRAP=1 on stable) of a crate whose whole source is `sip_codes::sip_codes!("sip-codes.yaml")`
#       (a copy of the tree's spec/sip-codes.yaml), no profile override; median of EXPAND runs (default 7)
#       after 2 warm-ups;
#   (c) the rebuild of that crate after a one-line edit of its YAML (a reason phrase changed, then back).
#
# (b) and (c) are measured for the work tree and, with `--before REV`, for that revision too (e.g. the
# last release), in the same run, so that the two can be compared.
#
#   scripts/compile-budget.sh [-r RUNS] [--before REV]
#
# RUNS (default 3) timed runs of each cold build and 10 of each rebuild, with hyperfine when it is
# installed, else with `date`. Prints a Markdown table. Needs the crates.io index (the crates are fetched
# untimed, before the timed builds). Everything happens in a temporary directory; the work tree is only
# read.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
before=""
while [ $# -gt 0 ]; do
    case $1 in
        -r) runs=$2; shift 2 ;;
        --before) before=$2; shift 2 ;;
        *) sed -n '2,23p' "$0"; exit 2 ;;
    esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_QUIET=true

# The trees measured: the work tree as it is now, and REV.
mkdir -p "$work/now"
tar -C "$root" --exclude=./target --exclude=./fuzz --exclude=./benches --exclude=./.git -cf - . |
    tar -C "$work/now" -xf -
trees=(now)
if [ -n "$before" ]; then
    mkdir -p "$work/before"
    git -C "$root" archive "$before" | tar -C "$work/before" -xf -
    trees+=(before)
fi

# A server crate's dependencies, and what its lib.rs does with them.
server_deps='tokio = { version = "1", features = ["macros", "rt-multi-thread", "net"] }
serde = { version = "1", features = ["derive"] }
tracing = "0.1"'
server_src='#[derive(serde::Serialize, serde::Deserialize)]
pub struct Config { pub port: u16 }
#[tokio::main]
pub async fn run() { tracing::info!("listening"); }'

scratch() { # name, extra dependency lines, extra lib.rs text
    mkdir -p "$work/$1/src"
    cat >"$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[workspace]
EOF
    printf '%s\n' "$3" >"$work/$1/src/lib.rs"
    (cd "$work/$1" && cargo generate-lockfile && cargo fetch)
}

sip_use='pub fn busy() -> u16 { sip_codes::StatusCode::BusyHere.code() }'
scratch server "$server_deps" "$server_src"
scratch server-sip-codes "$server_deps
sip-codes = { path = \"$work/now\" }" "$server_src
$sip_use"
scratch server-sip-codes-opt "$server_deps
sip-codes = { path = \"$work/now\" }" "$server_src
$sip_use"
sed -n '/^# The proc-macro runs at every build/,$p' "$root/Cargo.toml" >>"$work/server-sip-codes-opt/Cargo.toml"
if [ -n "$before" ]; then
    scratch server-sip-codes-before "$server_deps
sip-codes = { path = \"$work/before\" }" "$server_src
$sip_use"
fi
scratch server-rsipstack "$server_deps
rsipstack = { version = \"0.7\", default-features = false, features = [\"platform-tokio\"] }" "$server_src
pub use rsipstack;"
scratch server-ezk "$server_deps
ezk-sip-types = \"0.6\"" "$server_src
pub use ezk_sip_types;"
for tree in "${trees[@]}"; do
    scratch "own-spec-$tree" "sip-codes = { path = \"$work/$tree\" }" 'sip_codes::sip_codes!("sip-codes.yaml");'
    cp "$work/$tree/spec/sip-codes.yaml" "$work/own-spec-$tree/sip-codes.yaml"
done

have_hyperfine=$(command -v hyperfine >/dev/null && echo 1 || echo 0)

# mean and min of `runs` runs of a command, with `prepare` before each: "mean min" in seconds.
measure() { # runs, prepare, command
    local n=$1 prepare=$2 cmd=$3
    if [ "$have_hyperfine" = 1 ]; then
        hyperfine --style none --warmup 1 --runs "$n" --prepare "$prepare" --export-json "$work/h.json" "$cmd" >/dev/null
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f %.2f" % (r["mean"], r["min"]))' "$work/h.json"
    else
        python3 - "$n" "$prepare" "$cmd" <<'PY'
import subprocess, sys, time
n, prepare, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3]
times = []
for _ in range(n):
    subprocess.run(prepare, shell=True, check=True)
    t0 = time.monotonic()
    subprocess.run(cmd, shell=True, check=True)
    times.append(time.monotonic() - t0)
print("%.2f %.2f" % (sum(times) / n, min(times)))
PY
    fi
}

echo "rustc: $(rustc --version), $(nproc) cores" >&2

# (a) cold builds, each in a fresh target directory (CARGO_TARGET_DIR set explicitly, so that one set in
# the environment or a config file cannot share artifacts between them).
declare -A cold units
builds=(server server-sip-codes server-sip-codes-opt server-rsipstack server-ezk)
[ -n "$before" ] && builds+=(server-sip-codes-before)
for c in "${builds[@]}"; do
    dir="$work/$c"
    cold[$c]=$(measure "$runs" "rm -rf '$dir/target'" "cd '$dir' && CARGO_TARGET_DIR='$dir/target' cargo build")
    # Distinct packages built (`(*)` marks a repeat in cargo tree's output).
    units[$c]=$(cd "$dir" && cargo tree -e normal,build --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)
    echo "$c: ${cold[$c]} (mean min), ${units[$c]} crates" >&2
done

# (b) expansion time: rustc's `expand_crate` pass of the crate holding only the macro call.
expand_runs=${EXPAND:-7}
expand_crate() { # dir: prints expand_crate seconds of one rebuild
    touch "$1/src/lib.rs"
    (cd "$1" && RUSTC_BOOTSTRAP=1 cargo rustc --lib -- -Ztime-passes 2>&1) |
        awk '/[ \t]expand_crate$/ { sub(/;/, "", $2); print $2 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# (c) rebuilds after a one-line YAML edit: toggle the phrase of 486 (fails if the line is not there).
toggle() { # file
    echo "sed -i -e 's/^    phrase: Busy Here\$/    phrase: Busy Here Now/;t' -e 's/^    phrase: Busy Here Now\$/    phrase: Busy Here/' '$1'"
}
declare -A expand_med expand_all rebuild
for tree in "${trees[@]}"; do
    d="$work/own-spec-$tree"
    grep -q '^    phrase: Busy Here$' "$d/sip-codes.yaml" ||
        { echo "the phrase line of 486 is not in the $tree spec: fix toggle()" >&2; exit 1; }
    (cd "$d" && cargo build --lib)
    expand_crate "$d" >/dev/null
    expand_crate "$d" >/dev/null
    ts=()
    for _ in $(seq "$expand_runs"); do ts+=("$(expand_crate "$d")"); done
    if [ -z "${ts[0]}" ]; then echo "no expand_crate line in rustc's -Ztime-passes output" >&2; exit 1; fi
    expand_all[$tree]="${ts[*]}"
    expand_med[$tree]=$(printf '%s\n' "${ts[@]}" | median)
    echo "expand_crate ($tree): ${ts[*]} s, median ${expand_med[$tree]}" >&2
    # RUSTC_BOOTSTRAP changes rustc's fingerprint: build once more without it before timing rebuilds.
    (cd "$d" && cargo build --lib)
    rebuild[$tree]=$(measure 10 "$(toggle "$d/sip-codes.yaml")" "cd '$d' && cargo build --lib")
    echo "own spec rebuild ($tree): ${rebuild[$tree]}" >&2
done

read -r base_mean base_min <<<"${cold[server]}"
row() { # label, crate
    local mean min
    read -r mean min <<<"${cold[$2]}"
    printf '| %s (%s crates) | %s | %s | +%.1f |\n' "$1" "${units[$2]}" "$mean" "$min" \
        "$(echo "$min - $base_min" | bc -l)"
}
echo
echo "| cold \`cargo build\` of a server crate (tokio, serde derive, tracing) | mean (s) | min (s) | marginal, min (s) |"
echo "|---|---:|---:|---:|"
printf '| the server alone (%s crates) | %s | %s | |\n' "${units[server]}" "$base_mean" "$base_min"
row "with sip-codes" server-sip-codes
row "with sip-codes and its profile lines" server-sip-codes-opt
[ -n "$before" ] && row "with sip-codes at $before" server-sip-codes-before
row "with rsipstack 0.7" server-rsipstack
row "with ezk-sip-types 0.6" server-ezk
echo
echo "| the macro on the bundled spec | tree | median / mean (s) | min (s) |"
echo "|---|---|---:|---:|"
for tree in "${trees[@]}"; do
    label=$tree
    [ "$tree" = before ] && label="$before"
    [ "$tree" = now ] && label="work tree"
    read -r r_mean r_min <<<"${rebuild[$tree]}"
    echo "| expansion (\`expand_crate\`, median of ${expand_runs}: ${expand_all[$tree]}) | $label | ${expand_med[$tree]} | |"
    echo "| rebuild after a one-line edit of the spec | $label | $r_mean | $r_min |"
done
