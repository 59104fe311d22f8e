#!/bin/bash
# What the CI recipe tests (test/package/) run for real besides npm: pre-commit (Debian 12 package;
# needs root). Skips what is present.
set -euo pipefail
command -v pre-commit >/dev/null && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pre-commit
