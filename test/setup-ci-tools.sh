#!/bin/bash
# Debian packages the test suite drives for real: Neovim, Emacs + eglot, Vim + ALE (LSP clients)
# and Chromium (the HTML report is rendered in it). Needs root; installs only what is missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
bash "$HERE/editors/setup.sh"
dpkg -s chromium >/dev/null 2>&1 && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
