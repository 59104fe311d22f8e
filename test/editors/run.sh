#!/bin/bash
# The shipped language server (dist/server.js, real rules) under three real LSP clients, headless:
# Neovim's built-in client, Emacs + eglot, Vim + ALE. Recipes adapted from ../shared/clients (see
# lsp-common.sh for their interface). Each client must show the Opslint diagnostic, offer the
# rule's suggestion and our actions, and apply "Disable ... for this line" with its own code; a
# clean file must get an (empty) publish. Needs `npm run build` and test/editors/setup.sh.
# Prints one line per check and "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
HERE=$(cd "$(dirname "$(realpath "$0")")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SERVER="$REPO/dist/server.js"
[ -f "$SERVER" ] || { echo "no $SERVER: run npm run build first" >&2; exit 1; }
export KIT_WORK; KIT_WORK=$(mktemp -d /tmp/opslint-editors.XXXXXX)
RESULTS=${EDITOR_RESULTS:-$REPO/test-artifacts/editors}
mkdir -p "$RESULTS"
# Outside any git repository: eglot takes a VC root over the folder it is given.
cp -r "$REPO/test/fixtures/editors-workspace" "$KIT_WORK/workspace"
cd "$KIT_WORK/workspace"
PASSED=0; FAILED=0

# check NAME CHECK CMD...: run CMD, then evaluate CHECK (JS on r = the result JSON).
check() {
  local name=$1 expr=$2; shift 2
  local start verdict=PASS rc=0
  start=$(date +%s%N)
  "$@" >"$RESULTS/$name.log" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then verdict="FAIL (exit $rc)"
  elif ! node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (!eval(process.argv[2])) process.exit(1)' "$RESULTS/$name.json" "$expr" 2>>"$RESULTS/$name.log"; then
    verdict="FAIL (result does not satisfy: $expr)"
  fi
  printf '%-24s %-6s %6ss\n' "$name" "$verdict" "$(awk "BEGIN { printf \"%.1f\", ($(date +%s%N) - $start) / 1e9 }")"
  if [ "$verdict" = PASS ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); cat "$RESULTS/$name.log" >&2; fi
}

DISABLE='Disable logging/no-swallowed-error for this line'
SWALLOWED='r.published && r.diagnostics.length === 1 && r.diagnostics[0].code === "logging/no-swallowed-error"
  && r.diagnostics[0].line === 3 && r.diagnostics[0].character === 4 && r.diagnostics[0].endCharacter === 9 && r.diagnostics[0].severity === 1
  && r.code_actions.includes("Log the error with `console.error(error)`.") && r.code_actions.includes("Show documentation for logging/no-swallowed-error")
  && r.applied_action === "'"$DISABLE"'"
  && r.line_after_fix === "  // opslint-disable-next-line logging/no-swallowed-error -- explain why this is safe here"'
for editor in ${EDITORS:-nvim-lsp emacs-eglot vim-ale}; do
  check "$editor-finding" "$SWALLOWED" \
    env LSP_ROOT="$PWD" LSP_ACTION_LINE=4 LSP_EXPECT_ACTION="$DISABLE" "$HERE/$editor.sh" src/jobs.ts "$RESULTS/$editor-finding.json" node "$SERVER" --stdio
  check "$editor-clean" 'r.published && r.diagnostics.length === 0' \
    "$HERE/$editor.sh" src/clean.ts "$RESULTS/$editor-clean.json" node "$SERVER" --stdio
done
rm -rf "$KIT_WORK"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
