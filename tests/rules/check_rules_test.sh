#!/usr/bin/env bash
# The build's rules check (core/tools/check_rules.cpp, run by every native build): the files on
# file pass; a broken one fails with "rules/<city>.json: <field path>: <message>".
#   check_rules_test.sh SETTLE_CHECK_RULES RULES_DIR
set -u
checker=$1
rules=$2
fail=0
check() { if eval "$2"; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi; }
work=$(mktemp -d "${TMPDIR:-/tmp}/settle-rules.XXXXXX")
trap 'rm -rf "$work"' EXIT

out=$("$checker" "$rules"/*.json 2>&1); code=$?
check "every rules file passes" '[[ $code == 0 && -z $out ]]'

# A ratio above 100% in a copy of yantai.json, checked beside a good file.
python3 - "$rules/yantai.json" "$work/yantai.json" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1], encoding="utf-8"))
rules["periods"][0]["rules"][0]["bands"][0]["ratio"]["value"] = "165%"
json.dump(rules, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
out=$("$checker" "$rules/jining.json" "$work/yantai.json" 2>&1); code=$?
check "a broken file fails the check" '[[ $code == 1 ]]'
check "the error names the file, the field and what is wrong" \
  '[[ $out == "rules/yantai.json: periods[0].rules[0].bands[0].ratio.value: "?* ]]'
check "only the broken file is named" '[[ $(printf "%s\n" "$out" | wc -l) == 1 ]]'

printf '{"city": "yantai",' > "$work/yantai.json"
out=$("$checker" "$work/yantai.json" 2>&1); code=$?
check "a file that is not JSON fails, named once" '[[ $code == 1 && $out == "rules/yantai.json: "?* && $out != "rules/yantai.json: : "* ]]'

out=$("$checker" "$work/absent.json" 2>&1); code=$?
check "a file that cannot be read fails, named" '[[ $code == 1 && $out == "rules/absent.json: "?* ]]'
exit $fail
