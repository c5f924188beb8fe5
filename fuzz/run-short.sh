#!/usr/bin/env bash
# A short fuzzing run for CI: builds both fuzz targets with libFuzzer and runs each for
# FUZZ_SECONDS (default 30) from a corpus seeded from seeds/ and Rules/. A crash fails the run and
# leaves the input in $FUZZ_DIR/artifacts (replay it with the normally built target, see
# fuzz/README.md). When the toolchain cannot build with -sanitize=fuzzer (no libFuzzer, e.g. Xcode's
# toolchain on macOS), it says so and exits 0: fuzzing is an extra, not a gate on such machines.
#
#   fuzz/run-short.sh                      both targets, 30 s each
#   FUZZ_SECONDS=600 fuzz/run-short.sh     longer
#   fuzz/run-short.sh StanceFuzzRules      one target
#   FUZZ_RUNS=2000 FUZZ_SEED=1 fuzz/run-short.sh
#                                          a fixed number of inputs from a fixed seed: the same commit
#                                          explores the same inputs, so a CI failure reproduces
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
runs=${FUZZ_RUNS:--1}
seed=${FUZZ_SEED:-0}
configuration=${FUZZ_CONFIGURATION:-debug}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
dir=${FUZZ_DIR:-$scratch/fuzz-work}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(StanceFuzzText StanceFuzzRules)

if ! ls "$(dirname "$(readlink -f "$(command -v swift)")")"/../lib/clang/*/lib/*/libclang_rt.fuzzer*.a >/dev/null 2>&1; then
  echo "fuzz: this Swift toolchain has no libFuzzer runtime; skipping the fuzz run"
  exit 0
fi

mkdir -p "$dir/artifacts"
fuzz/seed-corpus.sh "$dir/corpus" >/dev/null

status=0
for target in "${targets[@]}"; do
  echo "fuzz: building $target ($configuration, -sanitize=fuzzer)"
  if ! swift build -c "$configuration" -Xswiftc -sanitize=fuzzer --product "$target" --scratch-path "$scratch" \
      >"$dir/build-$target.log" 2>&1; then
    if grep -q -e "unsupported option '-sanitize=fuzzer'" -e "fuzzer.*not supported" "$dir/build-$target.log"; then
      echo "fuzz: -sanitize=fuzzer is not supported here; skipping"
      exit 0
    fi
    tail -30 "$dir/build-$target.log"
    echo "fuzz: building $target failed"
    exit 1
  fi
  case $target in
    StanceFuzzText) corpus=$dir/corpus/text; options=(-max_len=4096 -dict=fuzz/text.dict) ;;
    StanceFuzzRules) corpus=$dir/corpus/rules; options=(-max_len=8192 -dict=fuzz/rules.dict) ;;
    *) corpus=$dir/corpus/$target; options=() ;;
  esac
  mkdir -p "$corpus"
  if [ "$runs" -ge 0 ]; then
    echo "fuzz: running $target on $runs inputs (at most $seconds s, seed $seed)"
  else
    echo "fuzz: running $target for $seconds s"
  fi
  # The Swift runtime's backtracer would catch the crash before libFuzzer could save the input.
  if SWIFT_BACKTRACE=enable=no "$scratch/$configuration/$target" "$corpus" "${options[@]}" \
      -max_total_time="$seconds" -runs="$runs" -seed="$seed" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/$target-" >"$dir/run-$target.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done ' "$dir/run-$target.log" | sed "s/^/fuzz: $target: /"
  else
    status=1
    grep -v -E '^#[0-9]+' "$dir/run-$target.log" | tail -40
    echo "fuzz: $target found a problem; the input is in $dir/artifacts/"
  fi
done
exit $status
