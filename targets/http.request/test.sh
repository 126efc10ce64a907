# http.request: http-parser and httparse agree on valid requests (same
# method, target, version and header list) and both reject invalid ones.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"

# agree REQUEST CANONICAL: both sides accept REQUEST and write CANONICAL's number of
# bytes; the verdict "none" means the two outputs are byte-identical.
agree() {
  printf '%b' "$1" > "$scratch/req"
  agree_accept http.request "$scratch/req" "$(printf '%b' "$2" | wc -c)"
}
agree 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n' 'GET / HTTP/1.1\nHost: example.com\n'
agree 'POST /submit?x=1 HTTP/1.0\r\nContent-Length: 5\r\nX-Pad:  v \t\r\n\r\nhello' \
  'POST /submit?x=1 HTTP/1.0\nContent-Length: 5\nX-Pad: v\n'
agree 'OPTIONS * HTTP/1.1\r\nEmpty:\r\n\r\n' 'OPTIONS * HTTP/1.1\nEmpty: \n'
agree 'CONNECT example.com:443 HTTP/1.1\r\n\r\n' 'CONNECT example.com:443 HTTP/1.1\n'
agree 'GET /lf HTTP/1.1\nA: b\n\n' 'GET /lf HTTP/1.1\nA: b\n'

# reject REQUEST: both refuse it.
reject() {
  printf '%b' "$1" > "$scratch/bad"
  expect_exit 0 "both reject $1" -- "$DUET" repro http.request "$scratch/bad"
  expect_text "$scratch/out" "c +alone: reject" "http-parser rejects $1"
  expect_text "$scratch/out" "rust +alone: reject" "httparse rejects $1"
}
reject 'GET / HTTP/1.1\r\nHost: a\r\n'
reject 'GET / HTTP/1.1\r\n: empty-name\r\n\r\n'
reject 'GET / HTTP/1.1\r\nA: x\x00y\r\n\r\n'
reject 'GET / XXXX/1.1\r\n\r\n'
reject 'GET / HTTP/1.1\r\nBad{Name: v\r\n\r\n'
: > "$scratch/empty"
expect_exit 0 "empty input" -- "$DUET" repro http.request "$scratch/empty"
expect_text "$scratch/out" "c +alone: reject .*\(incomplete headers\)" "http-parser: empty input is incomplete"
expect_text "$scratch/out" "rust +alone: reject .*\(incomplete headers\)" "httparse: empty input is incomplete"

# A documented difference keeps its class and side: unknown methods.
printf 'FOO / HTTP/1.1\r\n\r\n' > "$scratch/foo"
expect_exit 3 "unknown method diverges" -- "$DUET" repro http.request "$scratch/foo"
expect_text "$scratch/out" "only-candidate-accepts.*HPE_INVALID_METHOD" "http-parser rejects an unknown method"
# One cause, one signature (README "Causes").
regressions="$DUET_SOURCE_DIR/corpora/http.request/regressions"
sigs=$(for f in http09-request-line non-ascii-target version-1-5 version-literal-unchecked obs-fold space-in-header-name \
  bare-cr-in-value control-first-value-byte empty-content-length non-digit-content-length; do
  "$DUET" repro http.request "$regressions/$f" | sed -n 's/^signature //p'
done)
expect_value "ten causes, ten signatures" "$(echo "$sigs" | grep -c .) $(echo "$sigs" | sort -u | grep -c .)" "10 10"
finish
