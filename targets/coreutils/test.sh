# coreutils: GNU coreutils and uutils agree on valid invocations, both reject
# an unknown option with a usage error, a planted divergence is found and
# minimised, and arguments cannot reach outside a run's directory.
# Needs the GNU build (-DDUET_COREUTILS_GNU=ON) and rust-coreutils: skipped
# (status 77) without them. ctest label: coreutils.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
gnu=${DUET_COREUTILS_GNU_DIR:?}
if [ ! -x "$gnu/sort" ] || [ ! -x /usr/bin/coreutils ]; then
  echo "SKIP: GNU coreutils not built in $gnu (-DDUET_COREUTILS_GNU=ON) or rust-coreutils not installed"
  exit 77
fi

# invocation NAME UTILITY ARGS... -- STDIN-PRINTF-FORMAT: writes $scratch/NAME.
invocation() {
  local name=$1 out="$scratch/$1"
  shift
  : > "$out"
  while [ "$1" != -- ]; do printf '%s\n' "$1" >> "$out"; shift; done
  printf '\n' >> "$out"
  printf -- "$2" >> "$out"
}

# agree NAME: no finding, and both sides ran the program (exit 0).
agree() {
  expect_exit 0 "$1 agrees" -- "$DUET" repro coreutils "$scratch/$1"
  expect_text "$scratch/out" "verdict none" "$1: no finding"
  mkdir -p "$scratch/o-$1"
  expect_exit 0 "$1 runs" -- "$DUET" exec coreutils "$scratch/$1" --outputs "$scratch/o-$1"
  expect_text "$scratch/o-$1/output.c" "^exit 0$" "$1: GNU exits 0"
  expect_text "$scratch/o-$1/output.rust" "^exit 0$" "$1: uutils exits 0"
}
invocation sort-n sort -n -- '3\n1\n2\n10\n'; agree sort-n
invocation sort-file sort -r a -- '\0b\na\nc\n'; agree sort-file
# GNU uniq trips UBSan on every input (gnulib's linebuffer.c:65, README.md),
# a report ubsan.supp skips; without it, a sanitizer report in the child's
# stderr is the C side's crash, with its frames.
invocation uniq-c uniq -c -- 'a\na\nb\n'; agree uniq-c
DUET_COREUTILS_UBSAN_SUPPRESSIONS='' expect_exit 5 "GNU uniq's UBSan report is a crash" -- \
  "$DUET" repro coreutils "$scratch/uniq-c"
expect_text "$scratch/out" "verdict crash, side c" "the report is attributed to the C side"
expect_text "$scratch/out" "readlinebuffer_delim" "with the GNU program's own frames"
invocation cut-f cut '-d,' -f2 -- 'a,b,c\n1,2,3\n'; agree cut-f
invocation tr-upper tr a-z A-Z -- 'hello\n'; agree tr-upper
invocation head-n head -n2 -- '1\n2\n3\n'; agree head-n
invocation wc-l wc -l a b -- '\0one\ntwo\n\0three\n'; agree wc-l
expect_text "$scratch/o-wc-l/output.c" "total" "wc prints the total of two files"
invocation od-x od -An -tx1 -- 'hi\n'; agree od-x
invocation seq-w seq -w 8 10 -- ''; agree seq-w
invocation fmt-w fmt -w10 -- 'one two three four five\n'; agree fmt-w
invocation numfmt-si numfmt --to=si -- '1000\n2000000\n'; agree numfmt-si
invocation printf-s printf '%s-%d' x 5 -- ''; agree printf-s
invocation sort-o sort -o out -- 'b\na\n'; agree sort-o
expect_text "$scratch/o-sort-o/output.c" "^file out 4$" "sort -o writes its file in the run's directory"

# Rejection: an unknown option is a usage error on both sides (same status).
for u in sort cut head tail wc; do
  invocation "$u-bogus" "$u" --no-such-option -- 'x\n'
  expect_exit 0 "$u --no-such-option agrees" -- "$DUET" repro coreutils "$scratch/$u-bogus"
  expect_text "$scratch/out" "verdict none" "$u: both refuse alike"
  mkdir -p "$scratch/o-$u-bogus"
  "$DUET" exec coreutils "$scratch/$u-bogus" --outputs "$scratch/o-$u-bogus" >/dev/null 2>&1
  for side in c rust; do
    expect_text "$scratch/o-$u-bogus/output.$side" "^stderr usage$" "$u --no-such-option: $side prints a usage error"
    expect_true "$u --no-such-option: $side fails" -- grep -qE '^exit [1-9]' "$scratch/o-$u-bogus/output.$side"
  done
done

# Confinement: an argument that names a path outside is never run.
for arg in ../x /tmp/x -o../x --output=/tmp/x ..; do
  invocation outside sort "$arg" -- 'x\n'
  expect_exit 0 "sort $arg is refused on both sides" -- "$DUET" repro coreutils "$scratch/outside"
  expect_text "$scratch/out" "c +alone: reject" "sort $arg: C side refuses it"
  expect_text "$scratch/out" "rust +alone: reject" "sort $arg: Rust side refuses it"
done

# The planted divergence: a stand-in for uutils whose sort ignores -r.
export DUET_COREUTILS_UUTILS=${DUET_CU_PLANTED:?}
invocation planted sort -r -- 'a\nb\n'
expect_exit 3 "the planted divergence is a divergence" -- "$DUET" repro coreutils "$scratch/planted"
expect_text "$scratch/out" "sort -r: stdout" "its signature names the utility, the option and the part that differs"
# Met by a campaign on sort alone and minimised by triage. The campaign's
# corpus starts with one long `sort -r` invocation, so that this checks the
# campaign's plumbing (the divergence met, saved, triaged, minimised)
# without depending on chance: from the dictionary alone, at about 100
# exec/s, mutations put -r among the arguments a few times in 5,000
# executions, and even 120 s of fuzzing missed it now and then.
mkdir -p "$scratch/reports" "$scratch/corpus"
invocation corpus/sort-r-long sort -r -- 'pear\napple\nfig\nplum\nkiwi\nlime\n'
(cd "$scratch" && bash "$DUET_SOURCE_DIR/targets/coreutils/campaign.sh" "$DUET" sort --time 60 --triage-time 20 --jobs 1 \
  --reports "$scratch/reports" --corpus "$scratch/corpus" \
  > "$scratch/fuzz.out" 2>&1)
expect_true "the campaign exits with a divergence (3)" -- grep -q 'divergence' "$scratch/fuzz.out"
run=$(run_dir_of "$scratch/reports")
expect_true "a run folder is written" -- test -n "$run" -a -f "$run/report.json"
minimised=$(find "$run" -path '*findings/*' -name minimized 2>/dev/null | head -1)
expect_true "triage stored a minimised input" -- test -n "$minimised"
if [ -n "$minimised" ]; then
  echo "minimised input ($(wc -c < "$minimised") bytes):"; od -c "$minimised" | head -5
  expect_true "the minimised input keeps sort -r" -- grep -qx -- '-r' "$minimised"
  expect_true "the minimised input is small (<= 24 bytes)" -- test "$(wc -c < "$minimised")" -le 24
fi
finish
