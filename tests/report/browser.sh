# index.html in a real browser (headless Chromium): the verdict table is in
# the DOM, hostile text from a finding (markup, script, quotes, invalid
# UTF-8) renders as text and runs nothing, and a screenshot is saved.
# usage: browser.sh DUET CHECK_REPORT SCREENSHOT_DIR
. "$(dirname "$0")/../cli/lib.sh"
shots=${3:-$scratch}
mkdir -p "$shots"
chromium=$(command -v chromium || command -v chromium-browser) ||
  { echo "FAIL: chromium not found (scripts/install-deps installs it)"; exit 1; }
reports="$scratch/reports"
json_regressions="$DUET_SOURCE_DIR/corpora/json.parse/regressions"
sig=$(ls "$json_regressions" | grep -v '\.' | head -1)
expect_exit 0 "triage a json divergence" -- \
  "$DUET" triage --target json.parse --reports "$reports" --minimize-time 0 "$json_regressions/$sig"
f="$reports/findings/json.parse/$sig/finding.json"
# The payloads: each would change the page if it ran or parsed as markup;
# two bytes that are not UTF-8 end it (written as raw bytes, as a library's
# message could hold them).
python3 - "$f" <<'PY'
import json, sys
path = sys.argv[1]
finding = json.load(open(path))
finding["detail"] = ('<script>document.title="pwned"</script><img src=x '
                     'onerror="document.body.setAttribute(\'data-pwned\',1)"> \' " & @BAD@ end')
open(path, "wb").write(json.dumps(finding).encode().replace(b"@BAD@", b"\xff\xfe"))
PY
expect_exit 0 "report" -- "$DUET" report --reports "$reports" --id web
page="$reports/web/index.html"
expect_exit 0 "report.json is valid UTF-8 JSON" -- python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$reports/web/report.json"

run_chromium() { # ARGS...: headless, no network, no sandbox (root in CI)
  timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$scratch/profile" --proxy-server=127.0.0.1:9 "$@" 2>>"$scratch/chromium.err"
}
run_chromium --dump-dom "file://$page" > "$scratch/dom.html"
expect_text "$scratch/dom.html" '<table id="verdict-table">' "the verdict table is in the DOM"
expect_text "$scratch/dom.html" '<title>duet comparison report</title>' "the title is the report's (no injected script ran)"
expect_value "no injected handler ran" "$(grep -c 'data-pwned="1"' "$scratch/dom.html")" 0
expect_value "no injected element" "$(grep -c '<img src="x"' "$scratch/dom.html")" 0
expect_text "$scratch/dom.html" '&lt;script&gt;document.title=' "the script shown as text"
expect_text "$scratch/dom.html" '\\xff\\xfe end' "invalid UTF-8 shown as escapes"
expect_text "$scratch/dom.html" 'id="pair-json.parse"' "the pair's card"
run_chromium --window-size=1280,2400 --screenshot="$shots/report-1280.png" "file://$page" >/dev/null
expect_value "a screenshot at 1280 px" "$(test -s "$shots/report-1280.png" && echo saved)" saved
run_chromium --print-to-pdf="$shots/report.pdf" "file://$page" >/dev/null
expect_value "it prints to PDF" "$(head -c 4 "$shots/report.pdf" 2>/dev/null)" "%PDF"
finish
