#!/usr/bin/env bash
# NativeAOT check: publishes samples/Circuits and a fresh package consumer (the README example)
# with -p:PublishAot=true for linux-x64, requires 0 trim/AOT warnings, and compares each native
# binary's output with the JIT build's. 5 to 8 minutes on 2 cores, so it is not part of .ci/run;
# the README records its last result. Needs a C toolchain (clang or gcc) for the native link.
set -euo pipefail
source "$(dirname "$0")/consumer.sh"
failures=0

# aot_check NAME PROJECT: publish native, count warnings, run both builds, compare.
aot_check() {
  local log="$work/$1.publish.log" warnings status=0
  dotnet publish "$2" -c Release -r linux-x64 -p:PublishAot=true -o "$work/$1.aot" -nologo > "$log" 2>&1 || status=$?
  warnings=$(grep -cE ": warning [A-Z]+[0-9]+" "$log" || true)
  grep -E ": (warning|error) " "$log" | sort -u || true
  if [ "$status" -ne 0 ]; then echo "aot $1: publish failed"; tail -20 "$log"; failures=$((failures + 1)); return; fi
  local native jit
  native=$("$work/$1.aot/$(basename "$2" .csproj)") || true
  jit=$(dotnet run --project "$2" -c Release) || true
  if [ "$warnings" -eq 0 ] && [ -n "$native" ] && [ "$native" = "$jit" ]; then
    echo "aot $1: passed (0 warnings, native output = JIT output, $(wc -l <<< "$native") lines)"
  else
    echo "aot $1: failed ($warnings warnings; outputs equal: $([ "$native" = "$jit" ] && echo yes || echo no))"
    failures=$((failures + 1))
  fi
}

aot_check Circuits "$repo/samples/Circuits/Circuits.csproj"

pack_and_configure
new_consumer Consumer net10.0
aot_check Consumer "$work/Consumer/Consumer.csproj"

[ "$failures" -eq 0 ]
