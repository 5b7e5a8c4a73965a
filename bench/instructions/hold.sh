#!/bin/bash
# hold.sh <dist dir> <pending> [resched]: instructions per event of the event kernel alone (hold.mjs), as
# the difference between 200,000 and 1,000,000 events, by cachegrind (load-independent, ±0.01 %).
command -v valgrind >/dev/null || { echo "$0: needs valgrind (Debian: apt-get install valgrind)" >&2; exit 2; }
D=$1; N=$2; M=$3
H=$(dirname "$0")
ir() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null node --single-threaded --random-seed=1 --hash-seed=1 --predictable-gc-schedule "$H/hold.mjs" "$D" "$1" "$N" $M 2>&1 | grep -E "I\s+refs|^events" | sed -E 's/.*refs:\s+//; s/,//g; s/^events ([0-9]+).*/\1/' | sort -n | tr '\n' ' '; }
a=($(ir 200000)); b=($(ir 1000000))
echo "$D hold $N $M: $(( (${b[1]} - ${a[1]}) / (${b[0]} - ${a[0]}) )) instructions per event [${a[*]}] [${b[*]}]"
