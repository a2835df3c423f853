#!/usr/bin/env bash
# npm run test:node-versions — the test suite and the packed-tarball check on the Node
# versions users run, 22 and 24 (CI's own Node 20 runs them in .ci/run). The npm package
# `node` ships those runtimes; `npx -y -p node@N node …` runs a script on one of them.
#
#   scripts/test-node-versions.sh                        every spec, then test:package
#   scripts/test-node-versions.sh spec/sleep.spec.ts     one spec file (args go to jest)
#   NODE_VERSIONS="22" scripts/test-node-versions.sh     one version
set -euo pipefail
cd "$(dirname "$0")/.."

for version in ${NODE_VERSIONS:-22 24}; do
  echo "=== Node $version: $(npx -y -p "node@$version" node --version)"
  # --ci: never write snapshots; -w 2: the machine has 2 cores.
  npx -y -p "node@$version" node node_modules/jest/bin/jest.js --ci -w 2 "$@"
  npx -y -p "node@$version" node scripts/test-package.mjs
done
