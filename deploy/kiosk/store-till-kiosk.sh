#!/usr/bin/env bash
# Opens the till screen full screen in Chromium and keeps it open: waits for the appliance,
# relaunches the browser if it exits or crashes. Started at desktop login by
# ~/.config/autostart/store-till-kiosk.desktop (deploy/install.sh --kiosk USER).
#   STORE_TILL_URL   default http://127.0.0.1:8080/  (the appliance on this same PC: loopback
#                    HTTP never leaves the machine). A till on another PC uses
#                    https://<appliance>:8443/ and trusts the appliance CA (see docs/OPERATIONS.md).
# The station name (till-1, …) is set once on the screen (Settings) and kept in the kiosk's
# own browser profile, which this script never wipes.
set -uo pipefail

URL="${STORE_TILL_URL:-http://127.0.0.1:8080/}"
BROWSER="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
PROFILE="${XDG_CONFIG_HOME:-$HOME/.config}/store-till-kiosk"
if [[ -z "$BROWSER" ]]; then echo "store-till-kiosk: install Chromium (apt-get install chromium)" >&2; exit 1; fi

# Screen blanking off: a till waits for customers, not for a mouse.
if command -v xset >/dev/null && [[ -n "${DISPLAY:-}" ]]; then xset s off -dpms s noblank || true; fi

health="$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$URL")/health"
until curl --silent --fail --insecure --max-time 2 "$health" >/dev/null 2>&1; do sleep 2; done

while true; do
  # A crash must not leave a "restore pages?" bar on the till.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' "$PROFILE/Default/Preferences" 2>/dev/null || true
  "$BROWSER" --kiosk "$URL" \
    --user-data-dir="$PROFILE" \
    --no-first-run --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
    --disable-translate --disable-features=Translate,TranslateUI --disable-pinch \
    --overscroll-history-navigation=0 --check-for-update-interval=31536000 \
    --autoplay-policy=no-user-gesture-required --password-store=basic
  sleep 2
done
