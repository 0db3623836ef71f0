#!/bin/sh
# ebb report --html in headless Chromium: a week of practice (make_week, a clock we control)
# gives a self-contained page (nothing fetched), with a pack titled <script>... shown as
# text, charts drawn (screenshot), and a PDF of the expected pages on Letter and A4.
# Usage: run_report.sh EBB MAKE_WEEK SHOTCHECK SOURCE_DIR
set -u
ebb=$1 make_week=$2 shotcheck=$3 src=$4
for tool in chromium pdfinfo pdftoppm; do
  command -v $tool >/dev/null || { echo "SKIP: $tool is missing (tools/deps.sh installs it)"; exit 77; }
done
tmp=$(mktemp -d /tmp/ebb-report-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
chrome() { timeout 120 chromium --headless=new --no-sandbox --disable-gpu \
  --disable-background-networking --no-first-run --user-data-dir="$tmp/chrome" "$@" 2>/dev/null; }

"$make_week" "$tmp" "$src/levels" 7 >/dev/null || { echo "FAIL: make_week"; exit 1; }
out=$("$ebb" report --html "$tmp/report.html") || bad "report exits non-zero"
echo "$out" | grep -q "(16 sessions)" && ok "report of 16 sessions" || bad "report: $out"
[ "$(stat -c %a "$tmp/report.html")" = 600 ] && ok "report is 0600" || bad "report mode"
html=$tmp/report.html

# Self-contained: nothing to fetch, no script at all.
if grep -Eiq '<script|<img|<link|<iframe|@import|url\(|https?://|src=' "$html"; then
  bad "the page fetches or runs something"; grep -Eio '<script|<img|<link|@import|url\(|https?://[^"]*|src=' "$html" | head
else ok "self-contained, no script"; fi
grep -q '<svg class="chart"' "$html" && ok "inline SVG charts" || bad "no inline SVG"
grep -q '@page' "$html" && ok "@page rules for print" || bad "no @page"
grep -q 'Oleksy' "$html" && grep -q 'e19060' "$html" && grep -q '6.26 &plusmn; 3.33' "$html" &&
  grep -q '16.10 &plusmn; 6.68' "$html" && ok "reference values cited" || bad "reference values"

# The check's values are its clinical metrics (the "assessment" of its result JSON) through
# the calibration in force: each part of the latest check, as the database has it.
db=$tmp/ebb/history.sqlite3
for part in "Pre-baseline rest|pre_rest.mean" "Phasic (quick) contractions|flick_peak" \
            "Tonic (10 s) contractions|hold_mean" "Endurance (60 s)|endurance_mean" \
            "Post-baseline rest|post_rest.mean"; do
  name=${part%%|*} key=${part#*|}
  want=$(sqlite3 "$db" "SELECT printf('%.1f', c.rest + json_extract(s.result_json,
      '\$.assessment.$key') * (c.mvc - c.rest)) FROM sessions s JOIN calibrations c
      ON c.id = s.calibration_id WHERE s.kind = 'assessment' ORDER BY s.started_at DESC LIMIT 1;")
  if [ -n "$want" ] && grep -qF "<td>$name</td><td class=\"n\">$want</td>" "$html"; then
    ok "check: $name is its metric, $want uV"
  else bad "check: $name is not its metric ($want uV)"; fi
done

# The pack's title is text in the DOM, never an element.
chrome --dump-dom "file://$html" >"$tmp/dom.html"
grep -q "&lt;script&gt;alert('pack')&lt;/script&gt; Start &amp; relax" "$tmp/dom.html" &&
  ok "the pack titled <script>... shows as text" || bad "pack title not escaped text"
grep -q "Drop &lt;b&gt;and&lt;/b&gt; release" "$tmp/dom.html" && ok "level titles escaped" || bad "level title"
grep -qi '<script' "$tmp/dom.html" && bad "a script element in the DOM" || ok "no script element in the DOM"

# Screenshot: text and the charts' colours are on it.
chrome --window-size=1000,2400 --screenshot="$tmp/shot.png" "file://$html" >/dev/null
[ -s "$tmp/shot.png" ] || bad "no screenshot"
"$shotcheck" --colour "$tmp/shot.png" 0 0 1 0.05 222222 0.002 && ok "screenshot has the title" || bad "blank screenshot"
"$shotcheck" --colour "$tmp/shot.png" 0 0.05 1 0.45 2a6f97 0.001 && ok "screenshot has the line charts" || bad "line charts missing"
"$shotcheck" --colour "$tmp/shot.png" 0 0.05 1 0.45 5a9e6f 0.01 && ok "screenshot has the bar chart" || bad "bar chart missing"

# Printed: Letter (Chromium's default) and A4 (the same page with its paper set to A4).
chrome --no-pdf-header-footer --print-to-pdf="$tmp/letter.pdf" "file://$html" >/dev/null
sed 's/@page{/@page{size:A4;/' "$html" >"$tmp/a4.html"
chrome --no-pdf-header-footer --print-to-pdf="$tmp/a4.pdf" "file://$tmp/a4.html" >/dev/null
for paper in letter:612x792:3 a4:594.96x841.92:2; do
  name=${paper%%:*} rest=${paper#*:} size=${rest%:*} pages=${rest##*:}
  info=$(pdfinfo "$tmp/$name.pdf")
  got=$(echo "$info" | awk '/^Pages:/ {print $2}')
  echo "$info" | grep -q "Page size: *$(echo "$size" | sed 's/x/ x /') pts" || bad "$name page size: $(echo "$info" | grep 'Page size')"
  [ "$got" = "$pages" ] && ok "$name: $got pages" || bad "$name: $got pages, expected $pages"
  pdftoppm -png -r 60 "$tmp/$name.pdf" "$tmp/$name"
  "$shotcheck" --colour "$tmp/$name-1.png" 0 0 1 1 2a6f97 0.001 && ok "$name page 1 has the charts" || bad "$name page 1"
  "$shotcheck" --colour "$tmp/$name-2.png" 0 0 1 1 222222 0.002 && ok "$name page 2 has text" || bad "$name page 2 blank"
done
[ -n "${EBB_KEEP_REPORT:-}" ] && cp "$tmp/shot.png" "$tmp"/letter-*.png "$EBB_KEEP_REPORT"/

# A period: only its sessions.
out=$("$ebb" report --html "$tmp/part.html" --from 2024-05-03 --to 2024-05-04)
echo "$out" | grep -q "(3 sessions)" && grep -q "Sessions from 2024-05-03 to 2024-05-04" "$tmp/part.html" &&
  ok "--from and --to" || bad "--from/--to: $out"
"$ebb" report --html "$tmp/x.html" --from 3rd-may 2>/dev/null; [ $? -eq 2 ] && ok "a bad date is bad usage" || bad "bad date"

# A damaged date, day 99 of month 99 of 9999, lies in year 10007: its axis label is one
# character longer than any real date's (it was printed from an unterminated buffer).
sqlite3 "$db" "UPDATE sessions SET started_at = '9999-99-99T00:00:00Z' WHERE id = (SELECT max(id) FROM sessions);"
"$ebb" report --html "$tmp/far.html" >/dev/null && grep -q 'class="xtick">10007-06-23<' "$tmp/far.html" &&
  ok "a date in year 10007 is labelled as such" || bad "year 10007: $(grep -o 'class="xtick">[^<]*' "$tmp/far.html" | tail -1)"

[ $fails -eq 0 ] || exit 1
