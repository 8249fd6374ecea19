#!/usr/bin/env bash
# Installs Store Appliance on a Debian mini-PC as a service:
#   sudo deploy/install.sh [--app-dir /opt/store-appliance] [--data-dir /var/lib/store-appliance]
#                          [--kiosk <desktop user>] [--no-start] [--dry-run]
# What it does (each step is safe to repeat):
#   1. checks Node.js >= 20.19, copies the code to the app dir, installs npm packages and builds the UI
#   2. creates the system user `store-appliance` and the data dir (mode 0700, owned by it)
#   3. installs /etc/store-appliance/env (site settings; kept if present), the systemd unit and udev rules
#   4. enables and starts the service (start on boot, restart on failure)
#   5. with --kiosk USER: the till screen opens full screen in Chromium when USER logs in
# See docs/OPERATIONS.md.
set -euo pipefail

APP_DIR=/opt/store-appliance
DATA_DIR=/var/lib/store-appliance
SERVICE_USER=store-appliance
KIOSK_USER=""
START=1
DRY_RUN=0
SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-dir) APP_DIR="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --kiosk) KIOSK_USER="$2"; shift 2 ;;
    --no-start) START=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done

# Every change goes through run(): --dry-run prints the plan instead.
run() {
  if [[ $DRY_RUN -eq 1 ]]; then printf '+ %s\n' "$*"; else "$@"; fi
}
say() { printf '==> %s\n' "$*"; }

if [[ $DRY_RUN -eq 0 && $EUID -ne 0 ]]; then
  echo "install.sh: run it as root (sudo deploy/install.sh), or with --dry-run to see the plan" >&2
  exit 1
fi

say "Checking Node.js"
NODE_BIN="$(command -v node || true)"
if [[ -z "$NODE_BIN" ]]; then
  echo "install.sh: Node.js 20.19 or newer is needed (apt-get install nodejs, or NodeSource's packages)" >&2
  exit 1
fi
if ! "$NODE_BIN" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "install.sh: Node.js $("$NODE_BIN" --version) is too old: 20.19 or newer is needed" >&2
  exit 1
fi

say "Copying the appliance to $APP_DIR"
if [[ "$SRC_DIR" != "$APP_DIR" ]]; then
  run mkdir -p "$APP_DIR"
  # The code only: never a development database, logs or node_modules built for another machine.
  run tar -C "$SRC_DIR" --exclude=./node_modules --exclude=./data --exclude=./tmp --exclude=./.git --exclude=./ui/dist -cf "$APP_DIR/.incoming.tar" .
  run tar -C "$APP_DIR" -xf "$APP_DIR/.incoming.tar"
  run rm -f "$APP_DIR/.incoming.tar"
fi

say "Installing npm packages and building the screens"
# `npm install`, not `npm ci`: the lock file lists DuckDB's native package for linux-x64 only.
run bash -c "cd '$APP_DIR' && npm install --no-audit --no-fund && npm run build:ui"
run chown -R root:root "$APP_DIR"
run chmod -R go-w "$APP_DIR"

say "Creating the service user and the data directory"
if ! getent group "$SERVICE_USER" >/dev/null; then run groupadd --system "$SERVICE_USER"; fi
if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
  run useradd --system --gid "$SERVICE_USER" --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin \
    --comment "Store Appliance service" "$SERVICE_USER"
fi
run install -d -m 0700 -o "$SERVICE_USER" -g "$SERVICE_USER" "$DATA_DIR"
# An existing data directory keeps its files but gets the tight permissions back.
run chown -R "$SERVICE_USER:$SERVICE_USER" "$DATA_DIR"
run chmod 0700 "$DATA_DIR"

say "Installing settings, the systemd unit and the udev rules"
run install -d -m 0750 -o root -g "$SERVICE_USER" /etc/store-appliance
if [[ ! -e /etc/store-appliance/env ]]; then
  run install -m 0640 -o root -g "$SERVICE_USER" "$SRC_DIR/deploy/store-appliance.env" /etc/store-appliance/env
fi
UNIT_TMP="$(mktemp)"
trap 'rm -f "$UNIT_TMP"' EXIT
sed -e "s#/opt/store-appliance#$APP_DIR#g" -e "s#/var/lib/store-appliance#$DATA_DIR#g" -e "s#^ExecStart=/usr/bin/node #ExecStart=$NODE_BIN #" \
  "$SRC_DIR/deploy/store-appliance.service" >"$UNIT_TMP"
if [[ "$DATA_DIR" != /var/lib/* ]]; then
  # StateDirectory= only manages folders under /var/lib.
  sed -i -e '/^StateDirectory/d' "$UNIT_TMP"
fi
run install -m 0644 "$UNIT_TMP" /etc/systemd/system/store-appliance.service
run install -m 0644 "$SRC_DIR/deploy/99-store-appliance.rules" /etc/udev/rules.d/99-store-appliance.rules
if command -v udevadm >/dev/null; then
  run udevadm control --reload
  run udevadm trigger --subsystem-match=usb --subsystem-match=tty
fi

if [[ -n "$KIOSK_USER" ]]; then
  say "Setting up the till kiosk for $KIOSK_USER"
  KIOSK_HOME="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
  if [[ -z "$KIOSK_HOME" ]]; then echo "install.sh: no user $KIOSK_USER" >&2; exit 1; fi
  run install -D -m 0755 "$SRC_DIR/deploy/kiosk/store-till-kiosk.sh" /usr/local/bin/store-till-kiosk
  run install -D -m 0644 -o "$KIOSK_USER" "$SRC_DIR/deploy/kiosk/store-till-kiosk.desktop" "$KIOSK_HOME/.config/autostart/store-till-kiosk.desktop"
fi

if command -v systemctl >/dev/null && [[ -d /run/systemd/system || $DRY_RUN -eq 1 ]]; then
  run systemctl daemon-reload
  if [[ $START -eq 1 ]]; then
    run systemctl enable --now store-appliance.service
    run systemctl restart store-appliance.service
  else
    run systemctl enable store-appliance.service
  fi
else
  say "systemd is not running here: start it later with 'systemctl enable --now store-appliance'"
fi

say "Done. Logs: journalctl -u store-appliance -f   or   $DATA_DIR/logs/appliance.log"
say "HTTPS: https://$(hostname):8443   (install $DATA_DIR/tls/ca.crt on tablets and tills once; it appears after the first start)"
say "Back up $DATA_DIR/secrets/ separately from the database backups: without channel-key, channel credentials cannot be read."
