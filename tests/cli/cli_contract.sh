#!/usr/bin/env bash
# The CLI's side of the contract: exit codes, error objects, --jsonl going on after bad lines.
set -u
settle=$1
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi; }

good='{"city":"jining","identities":["minimum_living"],"visits":[{"date":"2021-05-06","total":88000,"in_policy":80000,"basic_paid":40000,"critical_paid":12000}]}'
out=$(printf '%s' "$good" | "$settle"); code=$?
check "a good case exits 0" '[[ $code == 0 ]]'
check "a good case prints the settlement" '[[ $out == *"\"reassistance\":910000"* ]]'

out=$(printf '{"city":"weihai","visits":[]}' | "$settle"); code=$?
check "a bad case exits 2" '[[ $code == 2 ]]'
check "a bad case prints the error with its path" '[[ $out == "{\"error\":{\"path\":\"city\""* ]]'

out=$(printf 'not json' | "$settle"); code=$?
check "text that is not JSON exits 2 with path \"\"" '[[ $code == 2 && $out == "{\"error\":{\"path\":\"\""* ]]'

out=$(printf '%s\n{"city":\n\n%s\n' "$good" "$good" | "$settle" --jsonl); code=$?
lines=$(printf '%s\n' "$out" | wc -l)
check "--jsonl exits 0 after a bad line" '[[ $code == 0 ]]'
check "--jsonl prints one result per line, a blank one too" '[[ $lines == 4 ]]'
check "--jsonl reports the bad line in place" '[[ $(printf "%s\n" "$out" | sed -n 2p) == "{\"error\""* ]]'
check "--jsonl answers a blank line with an error in its place" '[[ $(printf "%s\n" "$out" | sed -n 3p) == "{\"error\""* && $(printf "%s\n" "$out" | sed -n 4p) == *"\"reassistance\":910000"* ]]'

# Input is all of the input: nothing may follow the case, a NUL byte included.
trailing=$(mktemp); printf '%s\0{"city":"zzz"}' "$good" > "$trailing"
out=$("$settle" "$trailing"); code=$?
check "a NUL and more after the case is an error (file)" '[[ $code == 2 && $out == "{\"error\":{\"path\":\"\""* ]]'
out=$(printf '%s\0' "$good" | "$settle"); code=$?
check "a NUL after the case is an error (stdin)" '[[ $code == 2 && $out == "{\"error\""* ]]'
out=$(printf '%s\0{"city":"zzz"}\n%s\n' "$good" "$good" | "$settle" --jsonl); code=$?
check "a NUL inside a --jsonl line is an error for that line" '[[ $code == 0 && $(printf "%s\n" "$out" | sed -n 1p) == "{\"error\""* && $(printf "%s\n" "$out" | sed -n 2p) == *"\"reassistance\":910000"* ]]'
rm -f "$trailing"

out=$(printf '%s' "$good" | "$settle" --no-steps)
check "--no-steps leaves the steps out" '[[ $out != *"\"steps\""* ]]'

out=$("$settle" --cities)
check "--cities lists every city" '[[ $out == *"\"yantai\""* && $out == *"\"zaozhuang\""* && $out == *"\"jining\""* ]]'

# Limits before work: a directory or a device is refused unread, a stream is read to the limit.
folder=$(mktemp -d)
out=$("$settle" "$folder"); code=$?
check "a directory as input exits 2 with an error object" '[[ $code == 2 && $out == "{\"error\":{\"path\":\"\",\"message\":\""*"文件夹"* ]]'
out=$("$settle" --jsonl "$folder"); code=$?
check "a directory as --jsonl input exits 2 with an error object" '[[ $code == 2 && $out == "{\"error\""*"文件夹"* ]]'
out=$("$settle" < "$folder"); code=$?
check "a directory as standard input exits 2 with an error object" '[[ $code == 2 && $out == "{\"error\""*"文件夹"* ]]'
rmdir "$folder"
out=$(timeout 20 "$settle" /dev/zero); code=$?
check "a device as input exits 2 with an error object" '[[ $code == 2 && $out == "{\"error\""*"设备"* ]]'
out=$(timeout 20 "$settle" < /dev/zero); code=$?
check "an endless standard input is read to the limit and refused" '[[ $code == 2 && $out == "{\"error\""*"KiB"* ]]'
# A 96 MiB line is skipped past the limit, not held: the command's peak memory stays far below it.
peak=$( { head -c $((96 << 20)) /dev/zero | tr '\0' ' '; printf '\n%s\n' "$good"; } |
  /usr/bin/time -f '%M' "$settle" --jsonl 2>&1 >"${TMPDIR:-/tmp}/settle-long-line.$$" | tail -n 1)
out=$(cat "${TMPDIR:-/tmp}/settle-long-line.$$"); rm -f "${TMPDIR:-/tmp}/settle-long-line.$$"
check "--jsonl refuses a line over the limit and goes on" '[[ $(printf "%s\n" "$out" | sed -n 1p) == "{\"error\""*"KiB"* && $(printf "%s\n" "$out" | sed -n 2p) == *"\"reassistance\":910000"* ]]'
check "--jsonl holds no more of a long line than the limit (peak ${peak} KiB)" '[[ $peak =~ ^[0-9]+$ && $peak -lt 80000 ]]'

# A program that writes one case and waits for its line gets it before it writes the next (the
# input is read as far as it has come, never waiting for a fuller block).
coproc SETTLE { "$settle" --jsonl; }
answers=()
for case_line in "$good" '{"city":' "$good"; do
  printf '%s\n' "$case_line" >&"${SETTLE[1]}"
  IFS= read -r -t 10 answer <&"${SETTLE[0]}" && answers+=("$answer")
done
exec {SETTLE[1]}>&-
wait "$SETTLE_PID"
check "--jsonl answers each line before the next is written" '[[ ${#answers[@]} == 3 && ${answers[0]} == *"\"reassistance\":910000"* && ${answers[1]} == "{\"error\""* && ${answers[2]} == *"\"reassistance\":910000"* ]]'

# Output that cannot be written is a failure, not a settlement nobody received.
if [[ -w /dev/full ]]; then
  printf '%s' "$good" | "$settle" > /dev/full 2>/dev/null; code=$?
  check "a case whose settlement cannot be written exits non-zero" '[[ $code != 0 && $code != 2 ]]'
  printf '%s\n%s\n' "$good" "$good" | "$settle" --jsonl > /dev/full 2>/dev/null; code=$?
  check "--jsonl exits non-zero when its output cannot be written" '[[ $code != 0 ]]'
  "$settle" --cities > /dev/full 2>/dev/null; code=$?
  check "--cities exits non-zero when its output cannot be written" '[[ $code != 0 ]]'
  printf '{}' | "$settle" > /dev/full 2>/dev/null; code=$?
  check "an error object that cannot be written exits non-zero, not 2" '[[ $code != 0 && $code != 2 ]]'
fi

"$settle" /nonexistent/case.json >/dev/null 2>&1; code=$?
check "an unreadable file is not a settlement" '[[ $code != 0 ]]'

exit $fail
