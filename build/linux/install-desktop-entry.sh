#!/bin/sh
# Adds Annotator to your applications menu (for you only; no root needed).
# Run it from the unpacked Annotator folder; run it again if you move the folder.
set -eu
app_dir=$(cd "$(dirname "$0")" && pwd)
target="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$target"
sed "s|@APP_DIR@|$app_dir|g" "$app_dir/annotator.desktop" > "$target/annotator.desktop"
chmod 644 "$target/annotator.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$target" || true
echo "Annotator is now in your applications menu ($target/annotator.desktop)."
