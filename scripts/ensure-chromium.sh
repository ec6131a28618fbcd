#!/usr/bin/env bash
# Debian's Chromium for Playwright (no browser download is possible here).
set -euo pipefail
CHROMIUM="${CNMAP_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then echo "[chromium] using $CHROMIUM" >&2; exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "[chromium] $CHROMIUM is missing: install Debian's chromium package, or set CNMAP_CHROMIUM" >&2; exit 1
fi
echo "[chromium] installing Debian's chromium with apt-get" >&2
[ -f /tmp/cnmap-apt-updated ] || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && touch /tmp/cnmap-apt-updated; }
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "[chromium] still no $CHROMIUM after install" >&2; exit 1; }
