#!/usr/bin/env bash
# Writes the starting corpora of the fuzz targets from the repository: the seed articles, a few JSON
# Lines documents and hostile shapes for StanceFuzzText; every rule file (and a few multi-file sets)
# for StanceFuzzRules. Existing corpus files are kept, so a long run's findings carry over.
#   fuzz/seed-corpus.sh CORPUS_ROOT      (creates CORPUS_ROOT/text and CORPUS_ROOT/rules)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:?usage: fuzz/seed-corpus.sh CORPUS_ROOT}
mkdir -p "$root/text" "$root/rules"

# Text: the seed articles as files and as JSON Lines, and small hostile shapes.
for file in seeds/*.txt; do cp "$file" "$root/text/seed-$(basename "$file")"; done
printf '%s\n' '{"id":"a","date":"2017-07-18","text":"\"We must raise pressure on North Korea,\" Japanese Foreign Minister Taro Kono said."}' \
  '{"text":"China urged restraint.","source":"Xinhua"}' > "$root/text/lines.jsonl"
printf -- '---\ntitle: Talks\ndate: 2017-04-24\n---\n"Dialogue is the only way," Moon Jae-in said.\n' > "$root/text/front-matter.md"
printf 'date 2017-04-24 Senior diplomats agreed to pile greater pressure on North Korea.\n"We agreed to urge restraint," Kenji Kanasugi, director general at Japan\xe2\x80\x99s Foreign Ministry, added.\n' > "$root/text/dateline.txt"
printf 'Seoul \xff\xfe said "we want talks" and \xe2\x80\x9cno sanctions,\xe2\x80\x9d he added.\n' > "$root/text/invalid-utf8.txt"
printf 'President Obama:\n"We will not accept a nuclear North Korea."\n"Sanctions will continue."\n' > "$root/text/transcript.txt"

# Rules: every rule file of the repository, one input each, under its own path.
find Rules -name '*.yaml' | sort | while read -r file; do
  relative=${file#Rules/}
  name=$(echo "$relative" | tr '/' '_')
  if [ "${relative%%/*}" = actors ]; then
    # The actor dictionary is large: keep its first entries.
    { echo "#% $relative"; head -c 4000 "$file"; } > "$root/rules/$name"
  else
    { echo "#% $relative"; cat "$file"; } > "$root/rules/$name"
  fi
done
cat > "$root/rules/multi-contradiction" <<'YAML'
#% pressure/raise.yaml
stance: pressure
polarity: support
description: Raise pressure.
patterns: [raise pressure]
examples:
  match: [We must raise pressure on North Korea.]
#% pressure/no-raise.yaml
stance: pressure
polarity: oppose
description: Against raising pressure.
patterns: [raise pressure]
when:
  speaker: [JPN]
  target-not: [XYZ]
#% lists/pressure-nouns.yaml
phrases: [pressure, (economic|military) pressure~]
YAML
