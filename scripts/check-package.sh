#!/usr/bin/env bash
# Packaging checks: build, lint the package (publint), check its types under every resolution mode
# (@arethetypeswrong/cli), then pack the tarball and install it into two fresh projects:
#   (a) CommonJS TypeScript, type-checked and run by ts-node;
#   (b) ESM, run through tsx (and type-checked as NodeNext ESM), plus the `podsim` executable.
# Each project runs the same scenario and must print exactly what this repo's build prints.
# Prints the installed size. Tools (tsc, ts-node, tsx, publint, attw) come from this repo's
# node_modules; only podsim's own dependencies are installed from the registry (or npm's cache).
#
# Usage: scripts/check-package.sh [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BIN=$REPO/node_modules/.bin
START=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - START ))"; }

if [[ "${1:-}" != "--skip-build" ]]; then
  step "build"
  npm run build --silent
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/podsim-package-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

step "npm pack"
TARBALL=$(npm pack --silent --pack-destination "$WORK" | tail -n 1)
TARBALL=$WORK/$TARBALL
ls -l "$TARBALL"

step "publint"
"$BIN/publint" --strict

step "arethetypeswrong (ESM, CommonJS, types)"
"$BIN/attw" "$TARBALL" --format table-flipped

# The scenario both projects run, and the answer this repo's build gives for it.
SCENARIO='{ seed: 7, hosts: [{ name: "node", count: 4, capacity: { cpu: 4, memory: "16Gi" } }], workloads: [{ name: "web", count: 2000, arrival: { process: "poisson", rate: 6 }, duration: { distribution: "exponential", mean: 2 }, request: { cpu: "500m", memory: "1Gi" } }], scheduler: { policy: "best-fit" as const } }'
EXPECTED=$(node -e "const { simulate } = require('$REPO/dist/cjs/index.js'); const r = simulate(${SCENARIO//as const/}); console.log(JSON.stringify([r.policy, r.containers, r.wait.p99, r.utilization]))")

step "install the tarball (once, into the folder that holds both projects)"
# Both projects live under $WORK and resolve podsim from $WORK/node_modules, as from their own.
echo '{ "name": "podsim-package-check", "version": "1.0.0", "private": true }' > "$WORK/package.json"
(cd "$WORK" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$TARBALL" >/dev/null)

step "(a) fresh CommonJS TypeScript project, through ts-node"
A=$WORK/cjs-project
mkdir -p "$A"
cat > "$A/package.json" <<JSON
{ "name": "podsim-cjs-check", "version": "1.0.0", "private": true, "type": "commonjs" }
JSON
cat > "$A/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node10", "target": "ES2022", "strict": true,
  "esModuleInterop": true, "skipLibCheck": false, "noEmit": true, "typeRoots": ["$REPO/node_modules/@types"], "types": ["node"] } }
JSON
cat > "$A/main.ts" <<TS
import { simulate, PodsimError, type SimulationResult } from 'podsim';
const r: SimulationResult = simulate($SCENARIO);
if (!require.resolve('podsim').endsWith('dist/cjs/index.js')) throw new Error('podsim did not resolve to its CommonJS build: ' + require.resolve('podsim'));
try { simulate({ hosts: [], workloads: [] }); } catch (e) { if (!(e instanceof PodsimError)) throw e; }
console.log(JSON.stringify([r.policy, r.containers, r.wait.p99, r.utilization]));
TS
# ts-node type-checks main.ts against podsim's CommonJS declarations before running it.
GOT=$(cd "$A" && "$BIN/ts-node" main.ts)
[[ "$GOT" == "$EXPECTED" ]] || { echo "CommonJS project printed $GOT, expected $EXPECTED"; exit 1; }
echo "ok: $GOT"

step "(b) fresh ESM project, through tsx, and the podsim executable"
B=$WORK/esm-project
mkdir -p "$B"
cat > "$B/package.json" <<JSON
{ "name": "podsim-esm-check", "version": "1.0.0", "private": true, "type": "module" }
JSON
cat > "$B/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "ES2022", "strict": true,
  "skipLibCheck": false, "noEmit": true, "typeRoots": ["$REPO/node_modules/@types"], "types": ["node"] } }
JSON
cat > "$B/main.ts" <<TS
import { simulate, type SimulationResult } from 'podsim';
import { createRequire } from 'node:module';
const r: SimulationResult = simulate($SCENARIO);
const resolved = import.meta.resolve('podsim');
if (!resolved.endsWith('dist/esm/index.js')) throw new Error('podsim did not resolve to its ESM build: ' + resolved);
createRequire(import.meta.url)('podsim/package.json');
console.log(JSON.stringify([r.policy, r.containers, r.wait.p99, r.utilization]));
TS
(cd "$B" && "$BIN/tsc" -p tsconfig.json)
GOT=$(cd "$B" && "$BIN/tsx" main.ts)
[[ "$GOT" == "$EXPECTED" ]] || { echo "ESM project printed $GOT, expected $EXPECTED"; exit 1; }
echo "ok: $GOT"
cat > "$B/scenario.yaml" <<YAML
seed: 7
hosts: [{ name: node, count: 4, capacity: { cpu: 4, memory: 16Gi } }]
workloads:
  - { name: web, count: 2000, arrival: { process: poisson, rate: 6 }, duration: { distribution: exponential, mean: 2 }, request: { cpu: 500m, memory: 1Gi } }
scheduler: { policy: best-fit }
YAML
PODSIM=$WORK/node_modules/.bin/podsim
(cd "$B" && "$PODSIM" --version && "$PODSIM" run scenario.yaml --out out --report report.html >/dev/null)
grep -c '<svg' "$B/report.html" | xargs -I{} echo "ok: podsim run wrote report.html with {} charts, and $(ls "$B/out" | tr '\n' ' ')"
set +e
(cd "$B" && "$PODSIM" run missing.yaml 2>/dev/null); CODE=$?
set -e
[[ $CODE == 2 ]] || { echo "podsim run missing.yaml exited $CODE, expected 2"; exit 1; }
echo "ok: a missing file exits 2"

step "installed size"
NM=$WORK/node_modules
size() { printf '%6s KiB of files, %6s KiB on disk' "$(du -sk --apparent-size "$1" | cut -f1)" "$(du -sk "$1" | cut -f1)"; }
echo "tarball:              $(( $(stat -c %s "$TARBALL") / 1024 )) KiB"
echo "node_modules/podsim:  $(size "$NM/podsim")"
echo "whole install:        $(size "$NM") ($(ls "$NM" | grep -v '^\.' | wc -l) top-level packages)"
echo "largest:"
# sed -n (not head) reads all of its input, so sort never dies of SIGPIPE under pipefail.
du -sk --apparent-size "$NM"/* "$NM"/@*/* 2>/dev/null | sort -rn | sed -n 1,6p | awk '{ printf "  %6d KiB  %s\n", $1, $2 }' | sed "s#$NM/##"

step "all package checks passed in $(( $(date +%s) - START ))s"
