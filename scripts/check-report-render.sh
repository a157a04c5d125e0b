#!/usr/bin/env bash
# Renders the overview and one quarterly report of the demo report set in
# headless Chromium (Debian package `chromium`): to PNG (full page, screen
# width) and to PDF (print: A4, the reports' print stylesheet), and checks
# that nothing overflows the page -- at a screen width of 1200 px and at the
# width of an A4 page's text (680 px) -- by loading a copy of each page with a
# small measuring script (the reports themselves hold no script).
#   bash scripts/check-report-render.sh [REPORT_SET] [OUTDIR]
# Default REPORT_SET: a fresh `rendement demo` in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium not found: apt-get install chromium" >&2
  exit 2
fi
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
set="${1:-}"
if [ -z "$set" ]; then
  swift build --product rendement >/dev/null
  bin="$(swift build --show-bin-path)/rendement"
  (cd "$out" && "$bin" demo --out demo >/dev/null)
  set="$out/demo/report"
fi
overview="$set/index.html"
quarterly="$(find "$set" -mindepth 2 -name 'rendement-*.html' | sort | head -1)"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files)
status=0
for page in "$overview" "$quarterly"; do
  name="$(basename "$(dirname "$page")")-$(basename "$page" .html)"
  "$browser" "${flags[@]}" --window-size=1200,1600 --screenshot="$out/$name.png" "file://$page" 2>/dev/null
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$page" 2>/dev/null
  # A copy with a script that lists every element wider than the page.
  probe="$out/probe-$name.html"  # the page is self-contained (charts inline): a copy renders the same
  sed 's#</body>#<script>(function(){var w=document.documentElement.clientWidth,bad=[];document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect();if(r.right>w+1){bad.push(e.tagName+" right="+Math.round(r.right))}});document.body.setAttribute("data-overflow",bad.slice(0,20).join("; "));document.body.setAttribute("data-width",w)})();</script></body>#' "$page" > "$probe"
  for width in 1200 680; do
    dom=""
    for attempt in 1 2 3; do  # headless Chromium now and then returns before the page ran; try again
      dom="$("$browser" "${flags[@]}" --window-size="$width,1600" --virtual-time-budget=5000 --dump-dom "file://$probe" 2>/dev/null || true)"
      if printf '%s' "$dom" | grep -q 'data-width="'; then break; fi
    done
    overflow="$(printf '%s' "$dom" | grep -o 'data-overflow="[^"]*"' | head -1 | sed 's/data-overflow="//; s/"$//' || true)"
    if ! printf '%s' "$dom" | grep -q 'data-width="'; then
      echo "$name at ${width}px: the measuring script did not run"
      status=1
    elif [ -n "$overflow" ]; then
      echo "$name at ${width}px: overflows: $overflow"
      status=1
    else
      echo "$name at ${width}px: nothing overflows the page"
    fi
  done
  rm -f "$probe"
done
echo "PNG and PDF files: $out"
exit $status
