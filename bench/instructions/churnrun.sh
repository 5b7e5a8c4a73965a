#!/bin/bash
# churnrun.sh <module.mjs or dist dir> [small] [large]: instructions per churn event (1000 hosts × 50) of
# the fill and run() only (what bench/lifecycle.ts times), by cachegrind, as the difference between two sizes.
command -v valgrind >/dev/null || { echo "$0: needs valgrind (Debian: apt-get install valgrind)" >&2; exit 2; }
M=$1; S=${2:-100000}; L=${3:-300000}
[ -d "$M" ] && M="${M%/}/esm/index.js"
H=$(dirname "$0")
ev() { node "$H/drive-run.mjs" "$M" "$1" r | awk '{print $2}'; }
ir() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null node --single-threaded --random-seed=1 --hash-seed=1 --predictable-gc-schedule "$H/drive-run.mjs" "$M" "$1" 2>&1 | grep -E "I\s+refs" | sed -E 's/.*refs:\s+//; s/,//g'; }
ea=$(ev $S); eb=$(ev $L); ia=$(ir $S); ib=$(ir $L)
echo "$M churn run(): $(( (ib - ia) / (eb - ea) )) instructions per event  [$S: $ia / $ea events] [$L: $ib / $eb events]"
