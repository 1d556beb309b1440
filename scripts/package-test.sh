#!/usr/bin/env bash
# End-to-end test of the NuGet package, as a user meets it: pack the repository, create fresh
# console projects in a temporary folder whose nuget.config lists the artifacts folder first,
# `dotnet add package SymbolicDiff`, use the README's "Ten lines" example as Program.cs, build
# with warnings as errors and run it, and build it twice more in the compiler server. A second
# consumer targets net8.0, with benchmarks/Objectives' and scripts/consumer's sources added, and is
# only built: this machine has the .NET 10 runtime only.
# Prints one "package test <name>: passed|failed" line per check; exits non-zero if any failed.
set -euo pipefail
source "$(dirname "$0")/consumer.sh"
failures=0

report() { # name, status
  if [ "$2" -eq 0 ]; then echo "package test $1: passed"; else echo "package test $1: failed"; failures=$((failures + 1)); fi
}

status=0
pack_and_configure || status=$?
test -f "$artifacts/SymbolicDiff.$version.nupkg" && test -f "$artifacts/SymbolicDiff.$version.snupkg" || status=1
report "pack produces SymbolicDiff.$version.nupkg and .snupkg" $status
[ "$status" -eq 0 ] || exit 1

status=0
new_consumer Consumer net10.0 || status=$?
if [ "$status" -eq 0 ]; then dotnet build "$work/Consumer" -c Release -warnaserror -nologo -v q || status=$?; fi
report "net10.0 consumer builds with -warnaserror" $status
if [ "$status" -eq 0 ]; then
  output=$(dotnet run --project "$work/Consumer" -c Release --no-build) || true
  echo "$output"
  # f = (x + y)·z = 3·(-4); df/dx = df/dy = z; df/dz = x + y
  status=0
  [ "$output" = "-12; (-4, -4, 3)" ] || status=1
  report "net10.0 consumer prints the gradient -12; (-4, -4, 3)" $status
fi

# The compiler server, which runs `dotnet build` unless told not to (this machine's environment tells it not to),
# keeps the generator loaded from one build to the next: build the same project twice in it (a server
# left running by other work could hold an older SymbolicDiff 0.1.0: stopped first).
status=0
dotnet build-server shutdown >/dev/null 2>&1 || true
for build in first second; do
  dotnet build "$work/Consumer" -c Release -warnaserror -nologo -v q --no-incremental -p:UseSharedCompilation=true || status=$?
done
dotnet build-server shutdown >/dev/null 2>&1 || true
report "net10.0 consumer builds twice in the compiler server" $status

status=0
new_consumer Consumer8 net8.0 || status=$?
# With the real objectives (loops, tapes, vector-valued methods, calls), the benchmarks' functions (Vector256 lanes,
# forward mode, second order) and scripts/consumer's extras (a [DerivativeOf] pullback) beside the
# example: the generated code may use no API newer than net8.0, the package's lowest target. The generated files are
# written out to see that the lanes were compiled.
if [ "$status" -eq 0 ]; then
  cp "$repo"/benchmarks/Objectives/*.cs "$repo"/benchmarks/SymbolicDiff.Benchmarks/Functions.cs "$repo"/scripts/consumer/*.cs "$work/Consumer8/" || status=$?
fi
if [ "$status" -eq 0 ]; then
  dotnet build "$work/Consumer8" -c Release -warnaserror -nologo -v q -p:EmitCompilerGeneratedFiles=true || status=$?
fi
if [ "$status" -eq 0 ]; then grep -rqs "Vector256" "$work/Consumer8/obj/Release/net8.0/generated" || status=1; fi
report "net8.0 consumer of the example, the objectives, the benchmarks' functions and scripts/consumer builds with -warnaserror" $status

[ "$failures" -eq 0 ]
