# Sourced by package-test.sh and aot.sh: pack the repository and create fresh console projects that
# consume the package from the artifacts folder, as a user would, in a temporary folder ($work)
# removed on exit.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$repo/artifacts"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")

# Packs into artifacts/ and writes a nuget.config listing that folder first into $work (the
# machine's usual sources follow it, for the other packages).
pack_and_configure() {
  rm -f "$artifacts"/SymbolicDiff.*nupkg
  dotnet pack "$repo" -c Release -o "$artifacts" -nologo || return
  # A package of the same version restored earlier would be taken from the cache instead of the new one.
  local cache
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
}

# The README's "Ten lines" example: the first csharp block after that heading, byte for byte.
readme_example() {
  awk '/^## Ten lines/ { section = 1 } section && /^```csharp/ { inside = 1; next }
       inside && /^```/ { exit } inside { print }' "$repo/README.md"
}

# new_consumer NAME TFM: `dotnet new console` in $work/NAME, retargeted to TFM (the SDK's template
# offers only its own), with the README example as Program.cs and `dotnet add package SymbolicDiff`.
new_consumer() {
  local dir="$work/$1"
  dotnet new console -o "$dir" -n "$1" --no-restore >/dev/null &&
    sed -i "s:<TargetFramework>.*</TargetFramework>:<TargetFramework>$2</TargetFramework>:" "$dir/$1.csproj" &&
    readme_example > "$dir/Program.cs" &&
    (cd "$dir" && dotnet add package SymbolicDiff --version "$version" >/dev/null)
}
