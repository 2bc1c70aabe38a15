#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for a given time and reports what it
# did. Builds build/fuzz with clang-14 (-fsanitize=fuzzer + ASan/UBSan over the
# whole core) first. The seed corpus of each target (tests/fuzz/corpus/<t>) is
# copied into build/fuzz/corpus/<t>, which keeps what the fuzzer finds between
# runs; crashes go to build/fuzz/findings/<t>/.
#   bench/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s, every target)
#   FUZZ_JOBS=2 runs two targets at a time (the machine is shared: nice 19).
# Last line: one JSON object {"seconds":S,"targets":{name:{"execs","corpus","findings"}},"findings":N}.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
all=(push_request api_json abk_csv plan_instance format pull_params static_path import_csv)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
jobs=${FUZZ_JOBS:-1}

export CCACHE_BASEDIR="$(pwd)" CCACHE_NOHASHDIR=true
if [ ! -f build/fuzz/build.ninja ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSEIMBANG_FUZZ=ON >/dev/null
fi
nice -n 19 cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >&2

run_one() {
  local t=$1 dir=build/fuzz
  mkdir -p "$dir/corpus/$t" "$dir/findings/$t"
  cp -n tests/fuzz/corpus/"$t"/* "$dir/corpus/$t/" 2>/dev/null || true
  # -timeout: one input running 10 s is a finding (a hang); -rss_limit_mb: so is 2 GB.
  nice -n 19 "$dir/tests/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$dir/findings/$t/" "$dir/corpus/$t" >"$dir/findings/$t.log" 2>&1 || true
}

pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait

json="{\"seconds\":$seconds,\"targets\":{"
total=0
first=1
for t in "${targets[@]}"; do
  log=build/fuzz/findings/$t.log
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "build/fuzz/corpus/$t" -type f | wc -l)
  found=$(find "build/fuzz/findings/$t" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  total=$((total + found))
  echo "$t: ${execs:-0} executions, corpus $corpus, findings $found ($log)" >&2
  [ $first -eq 1 ] || json+=","
  first=0
  json+="\"$t\":{\"execs\":${execs:-0},\"corpus\":$corpus,\"findings\":$found}"
done
echo "$json},\"findings\":$total}"
