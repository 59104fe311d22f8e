#!/bin/bash
# Installs the editors the LSP tests drive (Debian 12 packages; needs root). Skips what is present.
set -euo pipefail
need=()
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || need+=(elpa-eglot)
command -v vim >/dev/null || need+=(vim-nox)
[ -d /usr/share/vim-ale ] || need+=(vim-ale)
[ ${#need[@]} -eq 0 ] && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
