#!/usr/bin/env bash
# cves.manifests: every targets/<pair>/cves.json agrees with its Debian source.
# Usage: manifests.sh SOURCE_DIR THIRD_PARTY_SRC THIRD_PARTY_UNPATCHED
#  - its package and version are the pair's pinned debian-source line;
#  - every patch it names is in the package's debian/patches/series, and every
#    series entry whose name says CVE is named by some manifest entry;
#  - every CVE has functions, a class, memory_safety and reachable, and a why
#    when it is unreachable (or a witness when it is a behavioural CVE);
#  - every function it names is defined or changed in the patched source, so a
#    frame can match it;
#  - the unpatched tree (scripts/install-deps) lacks exactly those patches:
#    each file a left-out patch changes differs from the patched tree, and no
#    other C source does.
set -uo pipefail
src=$1 patched=$2 unpatched=$3
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

for manifest in "$src"/targets/*/cves.json; do
  pair=$(basename "$(dirname "$manifest")")
  package=$(jq -r .package "$manifest")
  version=$(jq -r .version "$manifest")
  grep -v '^#' "$src/targets/$pair/debian-source" | grep -qx "$package $version\( .*\)\?" &&
    ok || bad "$pair: $package $version is not the pinned debian-source"
  series="$patched/$package/debian/patches/series"
  listed=$(jq -r '.cves[].patches[]' "$manifest" | sort -u)
  for patch in $listed; do
    sed 's/#.*//' "$series" | grep -qxF "$patch" && ok || bad "$pair: $patch is not in $package's series"
  done
  for patch in $(sed 's/#.*//' "$series" | grep -i cve); do
    grep -qxF "$patch" <<< "$listed" && ok || bad "$pair: series has $patch, which no CVE of the manifest names"
  done
  while IFS=$'\t' read -r id functions class memory reachable why witness; do
    [ -n "$functions" ] && [ -n "$class" ] && [[ $memory =~ ^(true|false)$ ]] && [[ $reachable =~ ^(true|false)$ ]] &&
      ok || bad "$pair $id: functions, class, memory_safety and reachable are required"
    { [ "$reachable" = true ] || [ -n "$why" ]; } && ok || bad "$pair $id: unreachable without a why"
    { [ "$memory" = true ] || [ "$reachable" = false ] || [ -n "$witness" ]; } &&
      ok || bad "$pair $id: a reachable behavioural CVE needs a witness"
    for fn in $functions; do
      grep -rqsw --include='*.c' --include='*.cc' --include='*.h' "$fn" "$patched/$package" "$unpatched/$package" &&
        ok || bad "$pair $id: function $fn is nowhere in $package's source"
    done
  done < <(jq -r '.cves[] | [.id, (.functions | join(" ")), .class, (.memory_safety | tostring),
                              (.reachable | tostring), (.why // ""), (.witness // "" | tostring)] | @tsv' "$manifest")
  if [ ! -d "$unpatched/$package" ]; then
    bad "$pair: no unpatched source at $unpatched/$package (scripts/install-deps)"
    continue
  fi
  changed=$(for patch in $listed; do
              [ -f "$patched/$package/debian/patches/$patch" ] || continue
              sed -n 's#^+++ [^/]*/\([^[:space:]]*\).*#\1#p' "$patched/$package/debian/patches/$patch"
            done | sort -u)
  for file in $changed; do
    case $file in *.c | *.h) ;; *) continue ;; esac
    [ -f "$patched/$package/$file" ] || continue
    cmp -s "$patched/$package/$file" "$unpatched/$package/$file" &&
      bad "$pair: $file is the same in both trees though a left-out patch changes it" || ok
  done
  while read -r file; do
    file=${file#"$patched/$package/"}
    grep -qxF "$file" <<< "$changed" && continue
    cmp -s "$patched/$package/$file" "$unpatched/$package/$file" ||
      bad "$pair: $file differs between the trees, but no left-out patch changes it"
  done < <(find "$patched/$package" -path "$patched/$package/debian" -prune -o -path "$patched/$package/.pc" -prune -o \
                -type f \( -name '*.c' -o -name '*.h' \) -print)
  ok
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
