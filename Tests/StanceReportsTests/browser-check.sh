#!/usr/bin/env bash
# Renders stance HTML reports in headless Chromium and checks that each page loads without errors,
# fetches nothing, and draws its charts.
#
#   Tests/StanceReportsTests/browser-check.sh [--min-charts N] PAGE.html...
#   Tests/StanceReportsTests/browser-check.sh --seeds STANCE_BINARY [RULES_DIR]
#
# --seeds ingests the seed articles into a fresh database with the given binary, renders `stance
# report`, `stance actor Kishida` and `stance compare` as HTML, and checks them all.
#
# Exit status: 0 all pages pass, 1 a page fails, 64 usage error, 77 Chromium is not installed
# (the exit status test harnesses read as "skipped"). Set CHROMIUM to choose the browser binary.
#
# The pages themselves carry no script. To see the charts as the browser laid them out, this script
# appends a probe to a copy of each page that measures every chart and writes the figures into an
# attribute of <body>, which --dump-dom prints after the page has loaded.
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

find_chromium() {
  if [ -n "${CHROMIUM:-}" ]; then command -v "$CHROMIUM" && return; fi
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$name" && return
  done
  return 1
}

min_charts=1
seeds_binary=""
seeds_rules=""
pages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --min-charts) [ $# -ge 2 ] || usage; min_charts="$2"; shift 2 ;;
    --seeds) [ $# -ge 2 ] || usage; seeds_binary="$2"; shift 2
             if [ $# -gt 0 ] && [ -d "$1" ]; then seeds_rules="$1"; shift; fi ;;
    -h|--help) usage ;;
    -*) echo "browser-check: unknown option $1" >&2; usage ;;
    *) pages+=("$1"); shift ;;
  esac
done

if ! browser="$(find_chromium)"; then
  echo "browser-check: skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 77
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "$seeds_binary" ]; then
  repo="$(cd "$(dirname "$0")/../.." && pwd)"
  rules_option=()
  [ -n "$seeds_rules" ] && rules_option=(--rules "$seeds_rules")
  db="$work/seeds.sqlite"
  "$seeds_binary" track "$repo/seeds" --db "$db" "${rules_option[@]}" >/dev/null
  "$seeds_binary" report --db "$db" --by month --format html >"$work/report.html"
  "$seeds_binary" actor Kishida --db "$db" "${rules_option[@]}" --format html >"$work/actor.html"
  "$seeds_binary" compare --db "$db" --at 2017-04-24 --at 2017-07-18 --window 30d --format html >"$work/compare.html"
  pages+=("$work/report.html" "$work/actor.html" "$work/compare.html")
fi
[ ${#pages[@]} -gt 0 ] || usage

probe='<script>
addEventListener("load", () => {
  const charts = [...document.querySelectorAll("svg.chart")];
  const drawn = charts.filter(svg => { const box = svg.getBoundingClientRect(); return box.width > 0 && box.height > 0; });
  let marks = 0;
  for (const mark of document.querySelectorAll("svg.chart circle, svg.chart rect, svg.chart polyline, svg.chart line.change")) {
    const box = mark.getBBox();
    if (box.width > 0 || box.height > 0) marks++;
  }
  const fetched = performance.getEntriesByType("resource").length;
  const broken = [...document.querySelectorAll("a[href^=\"#\"]")].filter(a => !document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)))).length;
  document.body.setAttribute("data-probe", `charts=${charts.length};drawn=${drawn.length};marks=${marks};fetched=${fetched};broken=${broken}`);
});
</script>'

failures=0
for page in "${pages[@]}"; do
  name="$(basename "$page")"
  if [ ! -s "$page" ]; then echo "FAIL $name: missing or empty" >&2; failures=$((failures + 1)); continue; fi
  copy="$work/probe-$name"
  # The probe goes just before </body> (the last one: statements may quote the text "</body>" escaped).
  PROBE="$probe" awk '{ lines[NR] = $0 } END { probe = ENVIRON["PROBE"]
      last = 0; for (i = 1; i <= NR; i++) if (index(lines[i], "</body>")) last = i
      for (i = 1; i <= NR; i++) { if (i == last) print probe; print lines[i] } }' "$page" >"$copy"
  dom="$work/$name.dom"
  log="$work/$name.log"
  # No network (a proxy that does not exist), no GPU, no sandbox (containers lack its namespaces).
  if ! timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
      --proxy-server=127.0.0.1:9 --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
      --dump-dom "file://$copy" >"$dom" 2>"$log"; then
    echo "FAIL $name: the browser exited with an error" >&2
    tail -5 "$log" >&2
    failures=$((failures + 1)); continue
  fi
  problems=()
  # Every console message is a failure: the page has no script of its own, so any message is an
  # error the browser met (a parse error, a blocked resource, an exception in the probe).
  if grep -q "CONSOLE" "$log"; then
    problems+=("console messages: $(grep "CONSOLE" "$log" | head -3 | tr '\n' ' ' || true)")
  fi
  figures="$(grep -o 'data-probe="[^"]*"' "$dom" | head -1 | sed 's/data-probe="//; s/"$//' || true)"
  if [ -z "$figures" ]; then
    problems+=("the page did not finish loading (no probe result)")
  else
    value() { echo "$figures" | tr ';' '\n' | sed -n "s/^$1=//p"; }
    [ "$(value charts)" -ge "$min_charts" ] || problems+=("$(value charts) charts, expected at least $min_charts")
    [ "$(value drawn)" -eq "$(value charts)" ] || problems+=("only $(value drawn) of $(value charts) charts have a size")
    [ "$(value marks)" -gt 0 ] || problems+=("the charts draw no marks")
    [ "$(value fetched)" -eq 0 ] || problems+=("the page fetched $(value fetched) resources; it must be self-contained")
    [ "$(value broken)" -eq 0 ] || problems+=("$(value broken) links to anchors that do not exist")
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    echo "FAIL $name: ${problems[*]}" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name: $figures"
  fi
done
[ "$failures" -eq 0 ]
