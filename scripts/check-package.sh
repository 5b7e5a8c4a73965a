#!/usr/bin/env bash
# Packaging checks, from a clean clone, as a user gets the package:
#   1. git clone this repository (its committed HEAD) into a temporary folder, `npm ci`, `npm pack`
#      (prepack builds dist/), and check that the tarball holds the build and the executable;
#   2. lint the package (publint) and check its types under every resolution mode (@arethetypeswrong/cli);
#   3. install the tarball into a fresh folder, then:
#      (a) a CommonJS TypeScript project, type-checked and run by ts-node;
#      (b) an ESM project, type-checked as NodeNext and run through tsx, plus `npx podsim`;
#      (c) every entry point (root and subpaths) imported four ways: ESM, CommonJS, ts-node, tsx
#          (test/package/imports/run-all.sh).
# Each project runs the same scenario and must print exactly what the clone's build prints.
# Prints the installed size. Tools (tsc, ts-node, tsx, publint, attw) come from the clone's
# node_modules; everything is installed from the registry (or npm's cache).
#
# Usage: scripts/check-package.sh
# Uncommitted changes are not checked: commit first.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
START=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - START ))"; }
NPM_QUIET=(--no-audit --no-fund --prefer-offline --loglevel=error)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/podsim-package-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

step "clean clone of $(git rev-parse --short HEAD)"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "note: the working tree has uncommitted changes; they are not part of this check"
fi
git clone --quiet --no-hardlinks "$REPO" "$WORK/clone"
CLONE=$WORK/clone
BIN=$CLONE/node_modules/.bin

step "npm ci (in the clone)"
(cd "$CLONE" && npm ci "${NPM_QUIET[@]}" >/dev/null)
[[ ! -e "$CLONE/dist" ]] || { echo "a fresh clone has a dist/ folder after npm ci: it should be built on pack"; exit 1; }

step "npm pack (prepack builds dist/)"
TARBALL=$(cd "$CLONE" && npm pack --silent --pack-destination "$WORK" | tail -n 1)
TARBALL=$WORK/$TARBALL
ls -l "$TARBALL"
LISTING=$(tar -tzf "$TARBALL")
for f in package/dist/esm/index.js package/dist/cjs/index.js package/dist/cjs/package.json package/dist/esm/cli/bin.js package/dist/esm/kube/index.d.ts package/dist/cjs/kube/index.d.ts package/schema/scenario.schema.json; do
  grep -qx "$f" <<<"$LISTING" || { echo "the tarball lacks $f"; exit 1; }
done
! grep -q '^package/\(src\|test\|docs/api\)/' <<<"$LISTING" || { echo "the tarball ships src/, test/ or docs/api/"; exit 1; }
echo "ok: the tarball holds the ESM and CommonJS builds, their types, the executable and the schema ($(wc -l <<<"$LISTING") files)"

step "publint"
(cd "$CLONE" && "$BIN/publint" --strict)

step "arethetypeswrong (ESM, CommonJS, node10, bundler; every entry point)"
"$BIN/attw" "$TARBALL" --format table-flipped

# The scenario the projects run, and the answer the clone's build gives for it.
SCENARIO='{ seed: 7, hosts: [{ name: "node", count: 4, capacity: { cpu: 4, memory: "16Gi" } }], workloads: [{ name: "web", count: 2000, arrival: { process: "poisson", rate: 6 }, duration: { distribution: "exponential", mean: 2 }, request: { cpu: "500m", memory: "1Gi" } }], scheduler: { policy: "best-fit" as const } }'
EXPECTED=$(node -e "const { simulate } = require('$CLONE/dist/cjs/index.js'); const r = simulate(${SCENARIO//as const/}); console.log(JSON.stringify([r.policy, r.containers, r.wait.p99, r.utilization]))")

step "install the tarball (once, into the folder that holds the projects)"
# The projects live under $WORK/use and resolve podsim from $WORK/use/node_modules, as from their own.
USE=$WORK/use
mkdir -p "$USE"
echo '{ "name": "podsim-package-check", "version": "1.0.0", "private": true }' > "$USE/package.json"
(cd "$USE" && npm install "${NPM_QUIET[@]}" "$TARBALL" >/dev/null)

step "(a) fresh CommonJS TypeScript project, through ts-node"
A=$USE/cjs-project
mkdir -p "$A"
cat > "$A/package.json" <<JSON
{ "name": "podsim-cjs-check", "version": "1.0.0", "private": true, "type": "commonjs" }
JSON
cat > "$A/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node10", "target": "ES2022", "strict": true,
  "esModuleInterop": true, "skipLibCheck": false, "noEmit": true, "typeRoots": ["$CLONE/node_modules/@types"], "types": ["node"] } }
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
GOT=$(cd "$A" && node -e "const { simulate } = require('podsim'); const r = simulate(${SCENARIO//as const/}); console.log(JSON.stringify([r.policy, r.containers, r.wait.p99, r.utilization]))")
[[ "$GOT" == "$EXPECTED" ]] || { echo "require('podsim') printed $GOT, expected $EXPECTED"; exit 1; }
echo "ok: require('podsim') in plain Node"

step "(b) fresh ESM project, through tsx, and npx podsim"
B=$USE/esm-project
mkdir -p "$B"
cat > "$B/package.json" <<JSON
{ "name": "podsim-esm-check", "version": "1.0.0", "private": true, "type": "module" }
JSON
cat > "$B/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "ES2022", "strict": true,
  "skipLibCheck": false, "noEmit": true, "typeRoots": ["$CLONE/node_modules/@types"], "types": ["node"] } }
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
(cd "$B" && npx --no-install podsim --version && npx --no-install podsim run scenario.yaml --out out --report report.html >/dev/null)
grep -c '<svg' "$B/report.html" | xargs -I{} echo "ok: npx podsim run wrote report.html with {} charts, and $(ls "$B/out" | tr '\n' ' ')"
set +e
(cd "$B" && npx --no-install podsim run missing.yaml 2>/dev/null); CODE=$?
set -e
[[ $CODE == 2 ]] || { echo "podsim run missing.yaml exited $CODE, expected 2"; exit 1; }
echo "ok: a missing file exits 2"

step "(c) every entry point, four ways (ESM, CommonJS, ts-node, tsx)"
bash "$CLONE/test/package/imports/run-all.sh" "$USE" "$CLONE"

step "installed size"
NM=$USE/node_modules
size() { printf '%6s KiB of files, %6s KiB on disk' "$(du -sk --apparent-size "$1" | cut -f1)" "$(du -sk "$1" | cut -f1)"; }
echo "tarball:              $(( $(stat -c %s "$TARBALL") / 1024 )) KiB"
echo "node_modules/podsim:  $(size "$NM/podsim")"
echo "whole install:        $(size "$NM") ($(ls "$NM" | grep -v '^\.' | wc -l) top-level packages)"
echo "largest:"
# sed -n (not head) reads all of its input, so sort never dies of SIGPIPE under pipefail.
du -sk --apparent-size "$NM"/* "$NM"/@*/* 2>/dev/null | sort -rn | sed -n 1,6p | awk '{ printf "  %6d KiB  %s\n", $1, $2 }' | sed "s#$NM/##"

step "all package checks passed in $(( $(date +%s) - START ))s"
