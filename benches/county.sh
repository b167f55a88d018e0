#!/usr/bin/env bash
# County-scale timing of `gridctl check` and `gridctl audit` (a folder of
# school folders, as a county education bureau runs them).
#
#   benches/county.sh                 # 50, 500 and 2000 schools, best of 3
#   RUNS=5 benches/county.sh 50 500   # other sizes, more runs
#   REGEN=1 benches/county.sh         # regenerate the cached counties
#   WEEKS=13 benches/county.sh        # logs of the first 13 weeks only
#                                     # (default 21: the whole term)
#   INSTRUCTIONS=1 benches/county.sh  # also count instructions (valgrind),
#                                     # over the first size given
#
# Builds the release binary and examples/gen_county, generates each county
# once into target/county-N (kept; regenerated when examples/gen_county.rs
# is newer than it, when WEEKS differs, or with REGEN=1), then, best of RUNS,
# as of the day after the last logged day (2027-01-22, the term's last day,
# for the whole term; AS_OF=… to change):
#   - `gridctl --as-of DAY check target/county-N`, stdout to /dev/null
#   - `gridctl --as-of DAY audit target/county-N`, stdout to /dev/null
#   - a bare csv pass over the same inspection logs (`gen_county --bare-pass`:
#     csv::Reader, every record into one reused ByteRecord, nothing else), on
#     one thread and on every core (audit shares schools out over the cores).
# Wall time from `date +%s%N`; CPU time and peak RSS from /usr/bin/time when
# present; CPU pressure (how busy the machine was) after each size.
# Before timing, one JSON run of each command checks the county: check must
# report 0 errors, and audit as many missed inspections as the generator left
# out. Throughput: MB = 10^6 bytes of the counties' logs/inspections.csv.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
WEEKS=${WEEKS:-21}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(50 500 2000)

cargo build --release --quiet --bin gridctl --example gen_county
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Private copies: a rebuild by someone else mid-run must not change what is timed.
cp target/release/gridctl "$TMP/gridctl"
cp target/release/examples/gen_county "$TMP/gen_county"
BIN=$TMP/gridctl
GEN=$TMP/gen_county
CORES=$(nproc 2>/dev/null || echo 1)
SRC_DIGEST=$(find src -name '*.rs' | sort | xargs cat | sha256sum | cut -c1-12)
echo "gridctl built from src digest $SRC_DIGEST; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

TIME=/usr/bin/time
if ! "$TIME" -f %M true >/dev/null 2>&1; then
    TIME=
    echo "note: no GNU /usr/bin/time; peak RSS is not measured"
fi

# time_best CMD...: runs CMD $RUNS times (stdout to /dev/null; exit 0 or 1
# accepted) and sets BEST (seconds, best wall time), CPU (user + system
# seconds of that run, or "-") and PEAK (KiB, max RSS, or "-").
time_best() {
    BEST=
    CPU=-
    PEAK=-
    local r t0 t1 code s
    for ((r = 1; r <= RUNS; r++)); do
        t0=$(date +%s%N)
        set +e
        if [ -n "$TIME" ]; then
            "$TIME" -f '%M %U %S' -o "$TMP/rss" "$@" >/dev/null 2>"$TMP/err"
        else
            "$@" >/dev/null 2>"$TMP/err"
        fi
        code=$?
        set -e
        t1=$(date +%s%N)
        if [ "$code" -gt 1 ]; then
            echo "FAILED (exit $code): $*" >&2
            head -20 "$TMP/err" >&2
            exit 1
        fi
        s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
        if [ -z "$BEST" ] || awk -v s="$s" -v b="$BEST" 'BEGIN { exit !(s < b) }'; then
            BEST=$s
            if [ -n "$TIME" ]; then
                CPU=$(tail -1 "$TMP/rss" | awk '{ printf "%.2f", $2 + $3 }')
            fi
        fi
        if [ -n "$TIME" ]; then
            local k
            k=$(tail -1 "$TMP/rss" | cut -d' ' -f1)
            if [ "$PEAK" = - ] || [ "$k" -gt "$PEAK" ]; then PEAK=$k; fi
        fi
    done
}

# CPU pressure (share of time some task waited for a CPU, last 10 s / 60 s):
# above ~10 % other processes compete for the cores and timings are noisy.
pressure() { sed -n 's/^some avg10=\([0-9.]*\) avg60=\([0-9.]*\).*/\1%\/\2%/p' /proc/pressure/cpu 2>/dev/null || echo -; }

mib() { if [ "$1" = - ]; then echo -; else awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; fi; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# json_sum FILE KEY: the value of "summary" > KEY in a JSON document.
json_sum() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"][sys.argv[2]])' "$1" "$2"
    else
        grep -o "\"$2\": [0-9]*" "$1" | tail -1 | grep -o '[0-9]*$'
    fi
}

declare -a ROWS
for n in "${SIZES[@]}"; do
    dir=target/county-$n
    stamp=$dir/.gen_county
    if [ -n "${REGEN:-}" ] || [ ! -f "$stamp" ] || [ examples/gen_county.rs -nt "$stamp" ] ||
        ! grep -qx "weeks=$WEEKS" "$stamp"; then
        rm -rf "$dir"
        echo "== generating $n schools ($WEEKS weeks of logs) into $dir"
        "$GEN" --schools "$n" --out "$dir" --weeks "$WEEKS" | tee "$TMP/gen"
        left_out=$(grep -o '[0-9]* periods left out' "$TMP/gen" | grep -o '^[0-9]*')
        as_of=$(grep -o 'as-of [0-9-]*' "$TMP/gen" | cut -d' ' -f2)
        printf 'weeks=%s\nleft_out=%s\nas_of=%s\n' "$WEEKS" "$left_out" "$as_of" >"$stamp"
    fi
    left_out=$(sed -n 's/^left_out=//p' "$stamp")
    AS_OF=${AS_OF:-$(sed -n 's/^as_of=//p' "$stamp")}

    # Is the county what it should be?
    set +e
    "$BIN" --as-of "$AS_OF" --format json check "$dir" >"$TMP/check.json" 2>"$TMP/err"
    "$BIN" --as-of "$AS_OF" --format json audit "$dir" >"$TMP/audit.json" 2>>"$TMP/err"
    set -e
    errors=$(json_sum "$TMP/check.json" errors)
    missed=$(json_sum "$TMP/audit.json" missed)
    echo "== $n schools: check reports $errors errors (want 0); audit $missed missed (want $left_out)"
    if [ "$errors" != 0 ] || [ "$missed" != "$left_out" ]; then
        echo "WARNING: the county does not check clean or audit finds the wrong misses" >&2
    fi

    bare=$("$GEN" --bare-pass "$dir" --runs "$RUNS")
    echo "$bare"
    bytes=$(echo "$bare" | head -1 | grep -o 'bytes=[0-9]*' | cut -d= -f2)
    bare1=$(echo "$bare" | sed -n 1p | grep -o 'seconds=[0-9.]*' | cut -d= -f2)
    bareN=$(echo "$bare" | sed -n 2p | grep -o 'seconds=[0-9.]*' | cut -d= -f2)

    time_best "$BIN" --as-of "$AS_OF" check "$dir"
    check_s=$BEST check_rss=$PEAK
    echo "check: best ${check_s} s (CPU $CPU s), peak $(mib "$check_rss")"
    time_best "$BIN" --as-of "$AS_OF" audit "$dir"
    audit_s=$BEST audit_rss=$PEAK audit_cpu=$CPU
    echo "audit: best ${audit_s} s (CPU $CPU s), peak $(mib "$audit_rss")"
    echo "CPU pressure after $n schools (avg10/avg60): $(pressure)"

    mb=$(div "$bytes" 1000000)
    ROWS+=("$(printf '%7s %8s %8s %10s %9s %8s %8s %10s %9s %10s %10s %11s %12s' \
        "$n" "$mb" "$check_s" "$(div "$n" "$check_s")" "$(mib "$check_rss")" \
        "$audit_s" "$audit_cpu" "$(div "$mb" "$audit_s")" "$(mib "$audit_rss")" \
        "$(div "$mb" "$bare1")" "$(div "$mb" "$bareN")" \
        "$(awk -v a="$audit_s" -v b="$bare1" 'BEGIN { printf "%.2f", b / a }')" \
        "$(awk -v a="$audit_s" -v b="$bareN" 'BEGIN { printf "%.2f", b / a }')")")
    echo "$n $mb $check_s $audit_s" >>"$TMP/growth"
done

echo
echo "county.sh: best of $RUNS, $CORES cores, --as-of $AS_OF, src digest $SRC_DIGEST; MB = 10^6 bytes of logs/inspections.csv"
printf '%7s %8s %8s %10s %9s %8s %8s %10s %9s %10s %10s %11s %12s\n' \
    schools "log MB" "check s" "schools/s" "check RSS" "audit s" "CPU s" "audit MB/s" "audit RSS" \
    "bare MB/s" "bare×$CORES" "audit/bare" "audit/bare×$CORES"
printf '%s\n' "${ROWS[@]}"
# Instructions (callgrind) do not depend on how busy the machine is, so
# they compare audit with the bare pass more steadily than seconds do.
if [ -n "${INSTRUCTIONS:-}" ] && ! command -v valgrind >/dev/null 2>&1; then
    echo
    echo "note: INSTRUCTIONS=1 needs valgrind; no instruction counts"
elif [ -n "${INSTRUCTIONS:-}" ]; then
    n=${SIZES[0]}
    # (audit exits 1 when it finds missed inspections: that is expected.)
    ir() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,; }
    audit_ir=$(ir "$BIN" --as-of "$AS_OF" audit "target/county-$n")
    bare_ir=$(ir "$GEN" --bare-pass "target/county-$n" --runs 1 --threads 1)
    echo
    echo "instructions over target/county-$n: audit $audit_ir, one bare csv pass $bare_ir:" \
        "audit costs $(awk -v a="$audit_ir" -v b="$bare_ir" 'BEGIN { printf "%.2f", a / b }')× the bare pass" \
        "(at most $((2 * CORES))× gives half a one-thread pass on $CORES cores, at most 2× half a $CORES-thread one)"
fi

echo
awk 'NR > 1 { printf "growth %s→%s schools: logs ×%.2f, check time ×%.2f, audit time ×%.2f (linear: ×%.2f)\n",
                     n0, $1, $2 / b0, $3 / c0, $4 / a0, $2 / b0 }
     { n0 = $1; b0 = $2; c0 = $3; a0 = $4 }' "$TMP/growth"
