#!/usr/bin/env bash
# End-to-end test of the NuGet package, as a user meets it: pack the repository, create fresh
# console projects in a temporary folder whose nuget.config lists the artifacts folder first,
# `dotnet add package SymbolicDiff`, use the README's "Ten lines" example as Program.cs, build
# with warnings as errors and run it. A second consumer targets net8.0 and is only built: this
# machine has the .NET 10 runtime only.
# Prints one "package test <name>: passed|failed" line per check; exits non-zero if any failed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="$repo/artifacts"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

report() { # name, status
  if [ "$2" -eq 0 ]; then echo "package test $1: passed"; else echo "package test $1: failed"; failures=$((failures + 1)); fi
}

rm -f "$artifacts"/SymbolicDiff.*nupkg
dotnet pack "$repo" -c Release -o "$artifacts" -nologo
status=0
test -f "$artifacts/SymbolicDiff.$version.nupkg" && test -f "$artifacts/SymbolicDiff.$version.snupkg" || status=$?
report "pack produces SymbolicDiff.$version.nupkg and .snupkg" $status

# A package of the same version restored earlier would be taken from the cache instead of the new one.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf "$cache/symbolicdiff/$version"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="symbolicdiff-artifacts" value="$artifacts" />
  </packageSources>
</configuration>
XML

# The README's "Ten lines" example: the first csharp block after that heading, byte for byte.
example="$work/Program.cs"
awk '/^## Ten lines/ { section = 1 } section && /^```csharp/ { inside = 1; next }
     inside && /^```/ { exit } inside { print }' "$repo/README.md" > "$example"

new_consumer() { # name, target framework (the SDK's template offers only its own; older ones are set after)
  local dir="$work/$1"
  dotnet new console -o "$dir" -n "$1" --no-restore >/dev/null &&
    sed -i "s:<TargetFramework>.*</TargetFramework>:<TargetFramework>$2</TargetFramework>:" "$dir/$1.csproj" &&
    cp "$example" "$dir/Program.cs" &&
    (cd "$dir" && dotnet add package SymbolicDiff --version "$version" >/dev/null)
}

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

status=0
new_consumer Consumer8 net8.0 || status=$?
if [ "$status" -eq 0 ]; then dotnet build "$work/Consumer8" -c Release -warnaserror -nologo -v q || status=$?; fi
report "net8.0 consumer builds with -warnaserror" $status

[ "$failures" -eq 0 ]
