#!/bin/sh
# Install the Guichet kiosk on Raspberry Pi OS (Bookworm or later), from a clone:
#   sudo sh hardware/install-pi.sh
# It copies Guichet to $GUICHET_PREFIX (default /opt/guichet), installs it with its bundled
# models into a virtual environment there, creates the 'guichet' user, puts an example
# configuration in /etc/guichet/ (kept if present), sets a large console font, and starts
# the kiosk on tty1 at every boot (systemd restarts it if it stops).
set -eu
SRC="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${GUICHET_PREFIX:-/opt/guichet}"
UNIT=/etc/systemd/system/guichet-kiosk.service

if [ "$(id -u)" -ne 0 ]; then
  echo "install-pi: run as root: sudo sh $0" >&2
  exit 1
fi

echo "install-pi: system packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv libportaudio2 \
  alsa-utils console-setup

echo "install-pi: user 'guichet'"
if ! id guichet >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/guichet --create-home --shell /usr/sbin/nologin guichet
fi
for group in audio gpio video input; do
  if getent group "$group" >/dev/null; then usermod -a -G "$group" guichet; fi
done

echo "install-pi: Guichet into $PREFIX"
if [ "$SRC" != "$PREFIX" ]; then
  mkdir -p "$PREFIX"
  tar -C "$SRC" --exclude=./.venv --exclude=./.git --exclude=./.demo -cf - . \
    | tar -C "$PREFIX" -xf -
fi
sh "$PREFIX/scripts/setup.sh" models,pi

echo "install-pi: configuration in /etc/guichet"
mkdir -p /etc/guichet
if [ ! -f /etc/guichet/guichet.yaml ]; then
  cp "$PREFIX/hardware/guichet.example.yaml" /etc/guichet/guichet.yaml
fi
# Loads the configuration and the pack: a mistake is reported here, with its line.
"$PREFIX/.venv/bin/guichet" --config /etc/guichet/guichet.yaml voices

echo "install-pi: large console font (seniors read the screen from a step back)"
if [ -f /etc/default/console-setup ]; then
  sed -i 's/^FONTFACE=.*/FONTFACE="TerminusBold"/; s/^FONTSIZE=.*/FONTSIZE="16x32"/' \
    /etc/default/console-setup
  setupcon --force >/dev/null 2>&1 || true
fi

echo "install-pi: service"
sed "s#@PREFIX@#$PREFIX#g" "$PREFIX/hardware/guichet-kiosk.service" > "$UNIT"
systemctl daemon-reload
systemctl disable getty@tty1.service >/dev/null 2>&1 || true
systemctl enable --now guichet-kiosk.service
echo "install-pi: done. Check the sound with: sudo -u guichet $PREFIX/.venv/bin/guichet \
--config /etc/guichet/guichet.yaml hardware check"
echo "install-pi: logs: /var/lib/guichet/kiosk.log and journalctl -u guichet-kiosk"
