#!/bin/bash
# Installs what test/vscode/run.sh needs from Debian (root): Chromium for playwright-core, ripgrep
# (seeded into code-server's install), and the toolchain that builds code-server's native modules.
set -euo pipefail
need=()
for pkg in chromium ripgrep build-essential python3 libkrb5-dev unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
