#!/usr/bin/env bash
# Renders rapport.svg into every icon the Tauri bundle reads (RGBA PNGs, .ico, .icns). Needs rsvg-convert (librsvg2-bin) and ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"
render() { rsvg-convert -w "$1" -h "$1" rapport.svg -o "tmp-$2" && /usr/bin/convert "tmp-$2" "PNG32:$2" && rm "tmp-$2"; }
render 32 32x32.png
render 64 64x64.png
render 128 128x128.png
render 256 128x128@2x.png
render 512 icon.png
render 1024 1024x1024.png
/usr/bin/convert 1024x1024.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
# .icns is a list of (type, length, PNG): ic07 = 128, ic08 = 256, ic09 = 512, ic10 = 1024.
python3 - <<'PY'
import struct
parts = []
for kind, name in [(b"ic07", "128x128.png"), (b"ic08", "128x128@2x.png"), (b"ic09", "icon.png"), (b"ic10", "1024x1024.png")]:
    data = open(name, "rb").read()
    parts.append(kind + struct.pack(">I", len(data) + 8) + data)
body = b"".join(parts)
open("icon.icns", "wb").write(b"icns" + struct.pack(">I", len(body) + 8) + body)
PY
rm -f 1024x1024.png
