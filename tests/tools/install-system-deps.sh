#!/usr/bin/env bash
# Install from Debian, when missing, what the project needs besides Python packages:
#   pdf   Pango and the DejaVu fonts, for WeasyPrint's PDF leaflets (make leaflets, make offline)
#   test  Chromium (browser tests), nginx (intranet-server tests), pdftoppm and zbarimg (reading the
#         leaflets' QR codes back), and the pdf group
# Root is needed only when something is missing. Never `playwright install`: the browser comes from Debian.
set -euo pipefail
group="${1:-test}"
missing=()
has_library() {
  { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -q "$1"
}
has_library 'libpango-1\.0\.so\.0' || missing+=(libpango-1.0-0)
has_library 'libpangoft2-1\.0\.so\.0' || missing+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "$group" = test ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing ${missing[*]}: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
