#!/bin/bash
# Real VS Code: code-server 4.100.3 (VS Code 1.100.3) with the packaged .vsix installed, driven by
# Debian's Chromium through playwright-core. Recipes adapted from ../shared/clients:
#   1. UI: open src/jobs.ts, the Problems panel shows the Opslint finding, Ctrl+. offers
#      "Disable logging/no-swallowed-error for this line"; applying it inserts the comment with the
#      reason selected, so the text typed next replaces the reason.
#      Screenshot and JSON in test-artifacts/vscode/.
#   2. The extension's own mocha tests (out/test/vscode/extension) inside the extension host,
#      against the extension unpacked from the same .vsix.
# Needs: npm run build; apt chromium ripgrep build-essential python3 libkrb5-dev (for the install);
# code-server is installed on first use into $OPSLINT_TOOLS (default ~/.cache/opslint-tools, ~50 s).
# CHECKS="ui-quick-fix extension-tests" (the default) selects the checks to run.
# Prints one line per check and "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
HERE=$(cd "$(dirname "$(realpath "$0")")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
TOOLS=${OPSLINT_TOOLS:-$HOME/.cache/opslint-tools}
export CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
export PLAYWRIGHT_CORE=$REPO/node_modules/playwright-core
export KIT_WORK; KIT_WORK=$(mktemp -d /tmp/opslint-vscode.XXXXXX)
RESULTS=${VSCODE_RESULTS:-$REPO/test-artifacts/vscode}
mkdir -p "$RESULTS"
[ -f "$REPO/dist/client.js" ] || { echo "no dist/client.js: run npm run build first" >&2; exit 1; }
[ -x "$CODE_SERVER" ] || "$HERE/install-code-server.sh" "$TOOLS/code-server" || exit 1
(cd "$REPO" && npm run --silent package:vsix >/dev/null) || exit 1
VSIX=$REPO/opslint.vsix
# Outside the repository, so the workspace scan sees only the fixture.
WS=$KIT_WORK/workspace
cp -r "$REPO/test/fixtures/editors-workspace" "$WS"
PASSED=0; FAILED=0

CHECKS=${CHECKS:-ui-quick-fix extension-tests}

check() {
  local name=$1 expr=$2; shift 2
  [[ " $CHECKS " == *" $name "* ]] || return 0
  local start verdict=PASS rc=0
  start=$(date +%s%N)
  "$@" >"$RESULTS/$name.log" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then verdict="FAIL (exit $rc)"
  elif [ "$expr" != - ] && ! node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (!eval(process.argv[2])) process.exit(1)' "$RESULTS/$name.json" "$expr" 2>>"$RESULTS/$name.log"; then
    verdict="FAIL (result does not satisfy: $expr)"
  fi
  printf '%-24s %-6s %6ss\n' "$name" "$verdict" "$(awk "BEGIN { printf \"%.1f\", ($(date +%s%N) - $start) / 1e9 }")"
  if [ "$verdict" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); tail -40 "$RESULTS/$name.log" >&2; fi
}

# with_code_server CMD...: a fresh code-server around one check (it keeps closed pages' hosts alive).
with_code_server() {
  "$HERE/run-code-server.sh" start "$WS" "$VSIX" >/dev/null || return 99
  local rc=0; "$@" || rc=$?
  cp "$KIT_WORK/cs-state/code-server.log" "$RESULTS/code-server-last.log" 2>/dev/null
  "$HERE/run-code-server.sh" stop 2>/dev/null
  return $rc
}

check ui-quick-fix 'r.fileProblemCount === 1 && r.problems[0].source === "opslint" && r.problems[0].code === "logging/no-swallowed-error"
    && r.problems[0].line === 4 && r.codeActions.includes("Disable logging/no-swallowed-error for this line")
    && /opslint-disable-next-line logging\/no-swallowed-error -- explain why this is safe here$/.test(r.lineAfter)
    && /opslint-disable-next-line logging\/no-swallowed-error -- the job reports its own failures$/.test(r.lineTyped)' \
  with_code_server node "$HERE/vscode-ui-check.mjs" --folder "$WS" --file "$WS/src/jobs.ts" --quickfix-line 4 \
    --expect-action "Disable logging/no-swallowed-error for this line" --type "the job reports its own failures" \
    --out "$RESULTS/ui-quick-fix.json" --shot "$RESULTS/ui-quick-fix.png"
check extension-tests - \
  with_code_server node "$HERE/vscode-extension-tests.mjs" --folder "$WS" --extension "$VSIX" \
    --tests "$REPO/out/test/vscode/extension/index.js" --log "$RESULTS/extension-tests-host.log"
grep -ho 'opslint activation → server ready: [0-9]* ms' "$RESULTS"/extension-tests*.log | head -1
rm -rf "$KIT_WORK"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
