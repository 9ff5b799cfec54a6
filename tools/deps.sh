#!/usr/bin/env bash
# Installs what the build and the tests need: npm packages (npm ci, from the lockfile) and
# the Debian packages the tests drive as outside judges (QEMU, gdb, GNU as, gcc -m32) and
# Chromium for the browser test (driven by playwright-core; no browser download).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund
fi

pkgs=()
command -v qemu-system-i386 >/dev/null 2>&1 || pkgs+=(qemu-system-x86)
command -v gdb >/dev/null 2>&1 || pkgs+=(gdb)
command -v as >/dev/null 2>&1 || pkgs+=(binutils)
command -v gcc >/dev/null 2>&1 || pkgs+=(gcc)
dpkg -s gcc-multilib >/dev/null 2>&1 || pkgs+=(gcc-multilib)
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
for extra in ${DAMSELFLY_EXTRA_DEBS:-}; do dpkg -s "$extra" >/dev/null 2>&1 || pkgs+=("$extra"); done

if [ ${#pkgs[@]} -gt 0 ]; then
  echo "deps: apt-get install ${pkgs[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends "${pkgs[@]}" \
    || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${pkgs[@]}"; }
fi
