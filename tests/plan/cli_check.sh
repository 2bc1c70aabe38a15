#!/bin/sh
# `seimbang plan` end to end: a valid instance gives JSON with the expected
# objective (exit 0); each kind of bad input exits 2 with the offending item on
# stderr and nothing on stdout; the same input gives byte-identical output.
#   tests/plan/cli_check.sh PATH/TO/seimbang
set -u
BIN=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

cat > "$TMP/ok.json" <<'JSON'
{"wke_minutes":75000,"move_cost":0.05,"request_bonus":0.5,"fit_bonus":0.0,"max_moves":null,
 "positions":[{"id":"P1","unit":"Terjun","workload_minutes":75000,"requires":{"keuangan":2}},
  {"id":"P2","unit":"Terjun","workload_minutes":225000,"requires":{"keuangan":2},"golongan_min":"II/a","golongan_max":"III/d"},
  {"id":"P3","unit":"Paya Pasir","workload_minutes":150000}],
 "employees":[{"id":"E1","position":"P1","golongan":"III/a","competences":{"keuangan":3}},
  {"id":"E2","position":"P1","golongan":"III/b","competences":{"keuangan":2}},
  {"id":"E3","position":"P1","golongan":"IV/a","competences":{"keuangan":4}},
  {"id":"E4","position":"P3","golongan":"II/c","competences":{}},
  {"id":"E5","position":"P1","golongan":"II/b","competences":{"keuangan":2},"movable":false},
  {"id":"E6","position":"P3","golongan":"II/c","competences":{"keuangan":1},"requests":["P2"]}]}
JSON

"$BIN" plan --input "$TMP/ok.json" > "$TMP/out1" 2> "$TMP/err" || { echo "FAIL: valid input exit $?"; fail=1; }
grep -Eq '"objective": 2\.(09999|1[0,]?)' "$TMP/out1" || { echo "FAIL: objective not 2.1"; cat "$TMP/out1"; fail=1; }
grep -q '"optimal": true' "$TMP/out1" || { echo "FAIL: not optimal"; fail=1; }
"$BIN" plan --input - < "$TMP/ok.json" > "$TMP/out2" || { echo "FAIL: stdin input"; fail=1; }
cmp -s "$TMP/out1" "$TMP/out2" || { echo "FAIL: same input, different output"; fail=1; }
"$BIN" plan --input "$TMP/ok.json" --format table > "$TMP/table" || { echo "FAIL: table format"; fail=1; }
grep -q "E1" "$TMP/table" || { echo "FAIL: table lacks the moves"; fail=1; }

# bad input: expected exit 2, empty stdout, the named item on stderr
bad() {
    name=$1 json=$2 expect=$3
    printf '%s' "$json" > "$TMP/bad.json"
    "$BIN" plan --input "$TMP/bad.json" > "$TMP/bout" 2> "$TMP/berr"
    rc=$?
    [ $rc -eq 2 ] || { echo "FAIL: $name: exit $rc, want 2"; fail=1; }
    [ -s "$TMP/bout" ] && { echo "FAIL: $name: printed on stdout"; fail=1; }
    grep -q "$expect" "$TMP/berr" || { echo "FAIL: $name: stderr lacks '$expect':"; cat "$TMP/berr"; fail=1; }
}
bad "unknown position" '{"positions":[{"id":"P1","workload_minutes":1}],"employees":[{"id":"E9","position":"PX","golongan":"II/a"}]}' 'employees\[E9\].position.*PX'
bad "duplicate id" '{"positions":[{"id":"P1","workload_minutes":1},{"id":"P1","workload_minutes":1}],"employees":[]}' 'positions\[P1\].id'
bad "negative workload" '{"positions":[{"id":"P4","workload_minutes":-3}],"employees":[]}' 'positions\[P4\].workload_minutes'
bad "malformed JSON" '{"positions":[' 'parse error'
"$BIN" plan --input "$TMP/ok.json" --format xml > "$TMP/bout" 2>/dev/null; [ $? -eq 2 ] || { echo "FAIL: bad --format not exit 2"; fail=1; }
"$BIN" plan > /dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL: no arguments not exit 2"; fail=1; }

[ $fail -eq 0 ] && echo "plan CLI checks passed"
exit $fail
