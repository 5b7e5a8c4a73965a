#!/bin/bash
# icount.sh <dist dir> mm10|churn [small] [large]: instructions per customer (mm10) or per event (churn)
# of a built package, by cachegrind (load-independent), as the difference between two run sizes.
command -v valgrind >/dev/null || { echo "$0: needs valgrind (Debian: apt-get install valgrind)" >&2; exit 2; }
D=$1; C=$2; S=${3:-50000}; L=${4:-250000}
H=$(dirname "$0")
count() {
  local out; out=$(mktemp)
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null node --single-threaded --random-seed=1 --hash-seed=1 --predictable-gc-schedule "$H/drive.mjs" "$D" "$C" "$1" 2>"$out" >"$out.o"
  local ir; ir=$(grep -E "I\s+refs" "$out" | sed -E 's/.*refs:\s+//; s/,//g')
  echo "$ir $(cat $out.o)"; rm -f "$out" "$out.o"
}
a=$(count $S); b=$(count $L)
ia=${a%% *}; ib=${b%% *}
ea=$(echo "$a" | awk '{print $5}'); eb=$(echo "$b" | awk '{print $5}')
if [ "$C" = mm10 ]; then units=$((L - S)); unit=customer; else units=$((eb - ea)); unit=event; fi
echo "$D $C: $(( (ib - ia) / units )) instructions per $unit  [$a] [$b]"
