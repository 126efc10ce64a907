# Each duet-fuzz-<name> binary links its own pair alone, so that libFuzzer
# counts only the coverage of the code under test: it defines its pair's
# reference side and none of another pair's entry points (C reference,
# candidates array, cause function or Rust adapter exports) nor any code of
# another pair's Rust adapter crate (its mangled names hold the crate name,
# length-prefixed: 22duet_target_json_parse).
# Usage: fuzz_links_one_pair.sh BIN_DIR NM IDENT=NAME...
bin_dir=$1
nm_tool=$2
shift 2
pairs=("$@")
checks=0
failures=0
bad=0
fail() { bad=1; echo "FAIL: $*"; }

for own in "${pairs[@]}"; do
  ident=${own%%=*} name=${own#*=}
  fuzzer=$bin_dir/duet-fuzz-$name
  checks=$((checks + 1)) bad=0
  if [ ! -x "$fuzzer" ]; then fail "$fuzzer missing"; failures=$((failures + 1)); continue; fi
  all=$("$nm_tool" --defined-only "$fuzzer" | awk '{print $3}')
  symbols=$(grep '^duet_' <<<"$all" | sort -u)
  grep -qx "duet_${ident}_reference" <<<"$symbols" || fail "$name: its own duet_${ident}_reference is not linked"
  for other in "${pairs[@]}"; do
    other_ident=${other%%=*}
    [ "$other_ident" = "$ident" ] && continue
    foreign=$(grep -E "^duet_${other_ident}_(reference|candidates|cause|rust|rust_unsafe)$" <<<"$symbols")
    [ -n "$foreign" ] && fail "$name links pair ${other#*=}: $(echo $foreign)"
    crate=duet_target_$other_ident
    grep -qF "${#crate}$crate" <<<"$all" && fail "$name links code of ${other#*=}'s Rust adapter ($crate)"
  done
  failures=$((failures + bad))
done
passed=$((checks - failures))
echo "$passed passed, $failures failed (${#pairs[@]} fuzz binaries)"
[ "$failures" = 0 ]
