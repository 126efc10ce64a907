# Helpers for the per-pair agreement tests (sourced after lib.sh).

# agree_accept TARGET FILE LEN: both sides accept FILE with LEN bytes of
# canonical output each, and duet finds nothing.
agree_accept() {
  local target=$1 file=$2 len=$3 name
  name=$(basename "$file")
  expect_exit 0 "$name agrees" -- "$DUET" repro "$target" "$file"
  expect_text "$scratch/out" "c +alone: accept +len $len " "$name: the C side accepts, $len bytes"
  expect_text "$scratch/out" "rust +alone: accept +len $len " "$name: the Rust side accepts, $len bytes"
  expect_text "$scratch/out" "verdict none" "$name: no finding"
}

# agree_reject TARGET FILE: both sides reject FILE.
agree_reject() {
  local target=$1 file=$2 name
  name=$(basename "$file")
  expect_exit 0 "$name agrees" -- "$DUET" repro "$target" "$file"
  expect_text "$scratch/out" "c +alone: reject" "$name: the C side rejects"
  expect_text "$scratch/out" "rust +alone: reject" "$name: the Rust side rejects"
}

# text_file NAME PRINTF-FORMAT: writes $scratch/NAME, prints its path.
text_file() {
  printf -- "$2" > "$scratch/$1"
  echo "$scratch/$1"
}
