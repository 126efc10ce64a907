# Style enforced by a tool, not memory: no banned C calls in our code, and
# every global symbol of the harness library carries the duet_ prefix.
# Usage: checks.sh SOURCE_DIR LIBDUET_CORE_A
src=$1
lib=$2
status=0
banned=$(grep -rnE '(^|[^_a-z])(sprintf|vsprintf|strcpy|strcat|atoi|gets)\(' \
  "$src/harness" "$src/bench" "$src"/targets/*/*.c "$src"/targets/*/*.h 2>/dev/null)
if [ -n "$banned" ]; then
  echo "banned calls (use snprintf, memcpy with a length, strtol, fgets):"
  echo "$banned"
  status=1
fi
# __ubsan_on_report is UBSan's own hook, defined to capture its reports.
unprefixed=$(nm "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^duet_' | grep -vx '__ubsan_on_report' | sort -u)
if [ -n "$unprefixed" ]; then
  echo "global symbols of the harness library without the duet_ prefix:"
  echo "$unprefixed"
  status=1
fi
[ $status = 0 ] && echo "2 passed, 0 failed" || echo "0 passed, 1 failed"
exit $status
