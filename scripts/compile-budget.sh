#!/usr/bin/env bash
# Measures what the sip_codes! proc-macro costs its users at build time, in one run:
#
#   (a) macro expansion time of the bundled spec (median of EXPAND runs, default 7, after 2 warm-ups), in
#       the sip-codes lib itself (its workspace, so its dev-profile override applies) and in a crate whose
#       whole source is `sip_codes::sip_codes!("sip-codes.yaml")` (a copy of spec/sip-codes.yaml) is compiled with
#       `-Z time-passes` (RUSTC_BOOTSTRAP=1 on stable); rustc's `expand_crate` pass is the macro's run
#       (reading and validating the YAML, generating the code) plus the expansion of its output;
#   (b) cold `cargo build` (dev profile) of a crate depending only on sip-codes (without, then with, sip-codes'
#       `[profile.dev.package.*]` lines), only on rsip, only on ezk-sip-types, and only on serde_yaml + quote
#       (the floor any YAML-reading proc-macro starts from), each in a fresh target directory, one after
#       the other;
#   (c) the rebuild after a one-line YAML edit (a reason phrase changed, then changed back):
#       of the user crate of (a) (what a user with a spec of their own waits for), and of sip-codes itself
#       after an edit of its bundled spec (what a contributor waits for).
#
#   scripts/compile-budget.sh [-r RUNS] [--release]
#
# RUNS (default 3) timed runs of each cold build and 10 of each rebuild, with hyperfine when it is
# installed (apt-get install hyperfine), else with `date`. Prints a Markdown table. Needs the crates.io
# index (the peers are fetched untimed, before the timed builds). Everything happens in a temporary
# directory; the work tree is only read.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
profile=()
while [ $# -gt 0 ]; do
    case $1 in
        -r) runs=$2; shift 2 ;;
        --release) profile=(--release); shift ;;
        *) sed -n '2,22p' "$0"; exit 2 ;;
    esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_QUIET=true

# A copy of the crate (the work tree may change under us while we measure).
mkdir "$work/sip-codes"
tar -C "$root" --exclude=./target --exclude=./fuzz --exclude=./benches --exclude=./.git -cf - . |
    tar -C "$work/sip-codes" -xf -

scratch() { # name, dependency line, lib.rs text
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

scratch cold-sip-codes "sip-codes = { path = \"$work/sip-codes\" }" 'pub use sip_codes;'
# The same, with the `[profile.dev.package.*]` lines of sip-codes' own Cargo.toml copied in (the proc-macro and
# its YAML parser optimised), what BENCHMARKS.md tells users to add.
scratch cold-sip-codes-opt "sip-codes = { path = \"$work/sip-codes\" }" 'pub use sip_codes;'
sed -n '/^# The proc-macro runs at every build/,$p' "$root/Cargo.toml" >>"$work/cold-sip-codes-opt/Cargo.toml"
scratch cold-rsip 'rsip = "0.4"' 'pub use rsip;'
scratch cold-ezk 'ezk-sip-types = "0.6"' 'pub use ezk_sip_types;'
# The floor: only the third-party crates the macro needs (a YAML parser and a token quoter), nothing of ours.
scratch cold-floor "serde_yaml = \"0.9\"
quote = \"1\"" 'pub use quote; pub use serde_yaml;'
scratch own-spec "sip-codes = { path = \"$work/sip-codes\" }" 'sip_codes::sip_codes!("sip-codes.yaml");'
cp "$root/spec/sip-codes.yaml" "$work/own-spec/sip-codes.yaml"

have_hyperfine=$(command -v hyperfine >/dev/null && echo 1 || echo 0)

# mean and min of `runs` runs of a command, with `prepare` before each: "mean min" in seconds.
measure() { # runs, prepare, command
    local n=$1 prepare=$2 cmd=$3
    if [ "$have_hyperfine" = 1 ]; then
        hyperfine --style none --warmup 1 --runs "$n" --prepare "$prepare" --export-json "$work/h.json" "$cmd" >/dev/null
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f %.2f" % (r["mean"], r["min"]))' "$work/h.json"
    else
        local total=0 min="" t0 t1 t
        for _ in $(seq "$n"); do
            bash -c "$prepare"
            t0=$(date +%s.%N); bash -c "$cmd"; t1=$(date +%s.%N)
            t=$(echo "$t1 - $t0" | bc)
            total=$(echo "$total + $t" | bc)
            if [ -z "$min" ] || [ "$(echo "$t < $min" | bc)" = 1 ]; then min=$t; fi
        done
        printf '%.2f %.2f\n' "$(echo "$total / $n" | bc -l)" "$min"
    fi
}

echo "rustc: $(rustc --version), $(nproc) cores, profile: ${profile[*]:-dev}" >&2

# (b) cold builds, each in a fresh target directory (CARGO_TARGET_DIR set explicitly, so that one set in
# the environment or a config file cannot share artifacts between them).
declare -A cold
for c in cold-sip-codes cold-sip-codes-opt cold-rsip cold-ezk cold-floor; do
    dir="$work/$c"
    cold[$c]=$(measure "$runs" "rm -rf '$dir/target'" "cd '$dir' && CARGO_TARGET_DIR='$dir/target' cargo build ${profile[*]:-}")
    # Distinct packages built (`(*)` marks a repeat in cargo tree's output).
    units=$(cd "$dir" && cargo tree -e normal,build --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)
    echo "$c: ${cold[$c]} (mean min), $units crates" >&2
    cold[$c]="${cold[$c]} $units"
done

# (a) expansion time: rustc's `expand_crate` pass, after two warm-up runs (page cache, the proc-macro's
# dylib), of (a1) the sip-codes lib itself, in its workspace (so with its `[profile.dev.package.*]`
# override: the proc-macro optimised), and (a2) the user crate holding only the macro call, in a
# workspace of its own (no override: the proc-macro as users get it by default). Median of EXPAND runs.
expand_runs=${EXPAND:-7}
expand_crate() { # dir, cargo rustc selection...: prints expand_crate seconds of one rebuild
    local dir=$1; shift
    touch "$dir/src/lib.rs"
    (cd "$dir" && RUSTC_BOOTSTRAP=1 cargo rustc "$@" ${profile[*]:-} --lib -- -Ztime-passes 2>&1) |
        awk '/[ \t]expand_crate$/ { sub(/;/, "", $2); print $2 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lib="$work/sip-codes"
dir="$work/own-spec"
declare -A expand_med expand_all
for which in lib own; do
    if [ "$which" = lib ]; then d=$lib; sel=(-p sip-codes); else d=$dir; sel=(); fi
    (cd "$d" && cargo build "${sel[@]}" ${profile[*]:-} --lib)
    expand_crate "$d" "${sel[@]}" >/dev/null
    expand_crate "$d" "${sel[@]}" >/dev/null
    ts=()
    for _ in $(seq "$expand_runs"); do ts+=("$(expand_crate "$d" "${sel[@]}")"); done
    if [ -z "${ts[0]}" ]; then echo "no expand_crate line in rustc's -Ztime-passes output" >&2; exit 1; fi
    expand_all[$which]="${ts[*]}"
    expand_med[$which]=$(printf '%s\n' "${ts[@]}" | median)
    echo "expand_crate ($which): ${ts[*]} s, median ${expand_med[$which]}" >&2
    # RUSTC_BOOTSTRAP changes rustc's fingerprint: build once more without it before timing rebuilds.
    (cd "$d" && cargo build "${sel[@]}" ${profile[*]:-} --lib)
done

# (c) rebuilds after a one-line YAML edit: toggle the phrase of 486 (fails if the line is not there).
grep -q '^    phrase: Busy Here$' "$dir/sip-codes.yaml" "$lib/spec/sip-codes.yaml" ||
    { echo "the phrase line of 486 is not in the spec: fix toggle()" >&2; exit 1; }
toggle() { # file
    echo "sed -i -e 's/^    phrase: Busy Here\$/    phrase: Busy Here Now/;t' -e 's/^    phrase: Busy Here Now\$/    phrase: Busy Here/' '$1'"
}
own=$(measure 10 "$(toggle "$dir/sip-codes.yaml")" "cd '$dir' && cargo build ${profile[*]:-}")
echo "own spec rebuild: $own" >&2
(cd "$lib" && cargo build ${profile[*]:-} -p sip-codes --lib)
bundled=$(measure 10 "$(toggle "$lib/spec/sip-codes.yaml")" "cd '$lib' && cargo build ${profile[*]:-} -p sip-codes --lib")
echo "bundled spec rebuild: $bundled" >&2

read -r sc_mean sc_min sc_units <<<"${cold[cold-sip-codes]}"
read -r so_mean so_min so_units <<<"${cold[cold-sip-codes-opt]}"
read -r rs_mean rs_min rs_units <<<"${cold[cold-rsip]}"
read -r ez_mean ez_min ez_units <<<"${cold[cold-ezk]}"
read -r fl_mean fl_min fl_units <<<"${cold[cold-floor]}"
read -r own_mean own_min <<<"$own"
read -r b_mean b_min <<<"$bundled"
cat <<EOF

| measure | mean (s) | min (s) | target |
|---|---:|---:|---|
| macro expansion, sip-codes lib, bundled spec (\`expand_crate\`, median of ${expand_runs}: ${expand_all[lib]}) | | ${expand_med[lib]} | ≤ 0.050 |
| macro expansion, user crate, bundled spec, no profile override (median of ${expand_runs}: ${expand_all[own]}) | | ${expand_med[own]} | |
| cold \`cargo build\`: sip-codes (${sc_units} crates) | ${sc_mean} | ${sc_min} | ≤ the SIP peers |
| cold \`cargo build\`: sip-codes with the profile override (${so_units} crates) | ${so_mean} | ${so_min} | |
| cold \`cargo build\`: rsip 0.4 (${rs_units} crates) | ${rs_mean} | ${rs_min} | |
| cold \`cargo build\`: ezk-sip-types 0.6 (${ez_units} crates) | ${ez_mean} | ${ez_min} | |
| cold \`cargo build\`: serde_yaml 0.9 + quote 1 alone, the macro's third-party floor (${fl_units} crates) | ${fl_mean} | ${fl_min} | |
| rebuild after a one-line edit of a user's spec | ${own_mean} | ${own_min} | ≤ 1 |
| rebuild of sip-codes after a one-line edit of its bundled spec | ${b_mean} | ${b_min} | ≤ 1 |
EOF
