#!/bin/sh
# Install the Guichet kiosk on Raspberry Pi OS (Bookworm or later), from a clone:
#   sudo sh hardware/install-pi.sh
#   sudo VOICES="fr_FR-siwis-medium en_GB-alan-medium" sh hardware/install-pi.sh
# VOICES (optional, needs internet): Piper voices downloaded for the 'guichet' user, into
# the folder the kiosk reads (GUICHET_VOICES_URL: another voice hub). Run again to update:
# the configuration is kept, the kiosk restarted.
# It copies Guichet to $GUICHET_PREFIX (default /opt/guichet), installs it with its bundled
# models into a virtual environment there, creates the 'guichet' user, puts an example
# configuration in /etc/guichet/ (kept if present), sets a large console font, and starts
# the kiosk on tty1 at every boot (systemd restarts it if it stops).
set -eu
SRC="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${GUICHET_PREFIX:-/opt/guichet}"
VOICES="${VOICES:-}"
HOME_DIR=/var/lib/guichet
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
  useradd --system --home-dir "$HOME_DIR" --create-home --shell /usr/sbin/nologin guichet
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
# As the service runs it: user guichet, its home, the town's configuration.
as_guichet() {
  runuser -u guichet -- env HOME="$HOME_DIR" GUICHET_CONFIG=/etc/guichet/guichet.yaml \
    ${GUICHET_VOICES_URL:+GUICHET_VOICES_URL="$GUICHET_VOICES_URL"} \
    "$PREFIX/.venv/bin/guichet" "$@"
}
if [ -n "$VOICES" ]; then
  echo "install-pi: voices $VOICES (for user guichet)"
  # shellcheck disable=SC2086 # one argument per voice name
  as_guichet voices add $VOICES || echo "install-pi: the voices could not be added (see \
above); later, with internet: sudo runuser -u guichet -- env HOME=$HOME_DIR \
$PREFIX/.venv/bin/guichet voices add $VOICES" >&2
fi
# Loads the configuration and the pack: a mistake is reported here, with its line.
as_guichet voices

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
systemctl enable guichet-kiosk.service
systemctl restart guichet-kiosk.service  # a new install, or this update, starts now
echo "install-pi: done. Check the sound with: sudo -u guichet $PREFIX/.venv/bin/guichet \
--config /etc/guichet/guichet.yaml hardware check"
echo "install-pi: logs: /var/lib/guichet/kiosk.log and journalctl -u guichet-kiosk"
