#!/usr/bin/env bash
# Installs the real tools the tests drive: Debian's chromium (diagrams rendered in a browser),
# promtool (Prometheus rules), shellcheck (the generated kubectl script). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
T="$PWD/.tools"
need_update=0
{ [ -x /usr/bin/chromium ] && command -v shellcheck >/dev/null && [ -x "$T/usr/bin/promtool" ]; } || need_update=1
[ "$need_update" = 1 ] && apt-get update -qq
[ -x /usr/bin/chromium ] || apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
command -v shellcheck >/dev/null || apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
if [ ! -x "$T/usr/bin/promtool" ]; then
  mkdir -p "$T"
  (cd "$T" && apt-get download -qq prometheus prometheus-alertmanager && for d in *.deb; do dpkg-deb -x "$d" .; done && rm -f ./*.deb)
fi
