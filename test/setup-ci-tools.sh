#!/bin/bash
# What the test suite drives for real: Neovim, Emacs + eglot, Vim + ALE (LSP clients), Chromium
# (the HTML report and VS Code's workbench render in it) and code-server (real VS Code, from npm,
# into $OPSLINT_TOOLS). Debian packages need root; installs only what is missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
bash "$HERE/editors/setup.sh"
bash "$HERE/vscode/setup.sh"
bash "$HERE/package/setup.sh"
TOOLS=${OPSLINT_TOOLS:-$HOME/.cache/opslint-tools}
[ -x "$TOOLS/code-server/node_modules/.bin/code-server" ] || bash "$HERE/vscode/install-code-server.sh" "$TOOLS/code-server"
