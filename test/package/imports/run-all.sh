#!/usr/bin/env bash
# Imports every entry point of an installed podsim in four ways and checks that all four print the
# same line: ESM (node), CommonJS (node), CommonJS TypeScript (ts-node, type-checked with node10
# resolution) and ESM TypeScript (tsx, type-checked by tsc as NodeNext).
#
# Usage: run-all.sh WORK TOOLS
#   WORK   a folder whose node_modules holds podsim (installed from the tarball, or a link to a build)
#   TOOLS  a podsim checkout whose node_modules has typescript, ts-node, tsx and @types/node
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$1
TOOLS=$2
BIN=$TOOLS/node_modules/.bin

C=$WORK/cjs-project
E=$WORK/esm-project
mkdir -p "$C" "$E"
cp "$HERE/check.cjs" "$HERE/cjs.cjs" "$HERE/ts-node.ts" "$C/"
cp "$HERE/check.cjs" "$HERE/esm.mjs" "$HERE/tsx.ts" "$E/"
echo '{ "name": "podsim-cjs-imports", "version": "1.0.0", "private": true, "type": "commonjs" }' > "$C/package.json"
echo '{ "name": "podsim-esm-imports", "version": "1.0.0", "private": true, "type": "module" }' > "$E/package.json"
cat > "$C/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "commonjs", "moduleResolution": "node10", "target": "ES2022", "strict": true,
  "esModuleInterop": true, "skipLibCheck": false, "noEmit": true, "typeRoots": ["$TOOLS/node_modules/@types"], "types": ["node"] },
  "files": ["ts-node.ts"] }
JSON
cat > "$E/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "ES2022", "strict": true,
  "skipLibCheck": false, "noEmit": true, "typeRoots": ["$TOOLS/node_modules/@types"], "types": ["node"] },
  "files": ["tsx.ts"] }
JSON

declare -A OUT
OUT[esm]=$(cd "$E" && node esm.mjs)
OUT[cjs]=$(cd "$C" && node cjs.cjs)
OUT[ts-node]=$(cd "$C" && "$BIN/ts-node" --project tsconfig.json ts-node.ts)
(cd "$E" && "$BIN/tsc" -p tsconfig.json)
OUT[tsx]=$(cd "$E" && "$BIN/tsx" tsx.ts)
for way in esm cjs ts-node tsx; do
  echo "$way: ${OUT[$way]}"
  [[ "${OUT[$way]}" == "${OUT[esm]}" ]] || { echo "$way printed something else than esm" >&2; exit 1; }
  [[ "${OUT[$way]}" == ok\ * ]] || { echo "$way did not print ok" >&2; exit 1; }
done
