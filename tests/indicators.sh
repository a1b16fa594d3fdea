# The indicators on the bundled store (issue 10): each stated count once with
# every source, the same rows in every format, the funds pane's year lines
# made from the same counts as `indicators`, and `show` saying the year.
. "$top_srcdir/tests/lib.sh"

db=$test_tmp/pairoff.db
p() { run "$PAIROFF" --db "$db" "$@"; }
tab=$(printf '\t')

p import
assert_rc 0 "import of the bundled reports"
stored=$(sqlite3 "$db" 'SELECT count(*) FROM indicator' 2>/dev/null) || skip "no sqlite3 shell"

# --- the acceptance rows ------------------------------------------------------------
p indicators --donor Beijing --year 2012 -f tsv
assert_rc 0 "indicators --donor Beijing --year 2012"
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" \
	"donor${tab}recipient${tab}year${tab}from_year${tab}kind${tab}value${tab}unit${tab}approx${tab}report${tab}line${tab}quote${tab}sources${tab}all_sources" \
	"the columns of indicators"
cadres=$(printf '%s\n' "$out" | awk -F"$tab" '$5 == "cadres" && $6 == 44 { print $2, $9 ":" $10 }')
assert_contains "$cadres" "Inner Mongolia east-west-pairing-2012.txt:" "the 44 cadres, with their line"
trained=$(printf '%s\n' "$out" | awk -F"$tab" '$5 == "trained" { n++ } END { print n + 0 }')
[ "$trained" -ge 1 ] || fail "Beijing's 2012 training figures are listed"

# --- each count once, every source kept -------------------------------------------------
p indicators -f tsv
listed=$(printf '%s\n' "$out" | awk -F"$tab" 'NR > 1 { n += $12 } END { print n + 0 }')
assert_eq "$listed" "$stored" "every statement is a source of exactly one listed count"
for fmt in table csv json; do
	p indicators --kind students -f "$fmt"
	assert_rc 0 "indicators in $fmt"
done
p indicators --kind money
assert_rc 2 "a kind outside the vocabulary is a usage error"
p indicators --donor Beijing --year 1990
assert_rc 1 "no count matches: exit 1"

# --- the funds pane and show say the same counts ------------------------------------
p pane funds Beijing "Inner Mongolia" -f tsv
line=$(printf '%s\n' "$out" | awk -F"$tab" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["row"] == "indicators" && $c["year"] == 2012 { print $c["counts"] }')
assert_contains "$line" "44 cadres" "the pane's 2012 line holds the 44 cadres"
rows=$(printf '%s\n' "$out" | awk -F"$tab" '$1 == "indicator" && $4 == 2012' | wc -l | tr -d ' ')
p indicators --donor Beijing --recipient "Inner Mongolia" --year 2012 -f tsv
want=$(printf '%s\n' "$out" | awk -F"$tab" 'NR > 1 && $3 == $4' | wc -l | tr -d ' ')
assert_eq "$rows" "$want" "one pane row per count of the pair's year"
p show Beijing
assert_contains "$out" "2012 Beijing -> Inner Mongolia: 44 cadres" "show says what was done by year"
PAIROFF_DUMP_SIZE=150x60 run "$PAIROFF" --db "$db" --dump-keys "fbeijing<Enter><Enter><Enter><Enter>"
assert_contains "$out" "44 cadres" "the browser shows them under Beijing -> Inner Mongolia"

# --- a length keeps its decimals: "3.5 kilometers" was stored and shown as 4 ---------------
p indicators --donor "Nanjing City" --kind other -f tsv
got=$(printf '%s\n' "$out" | awk -F"$tab" '$7 == "kilometers" { print $6 }')
assert_eq "$got" "3.5" "the count of kilometres as written"
p pane funds "Nanjing City" "Shangnan County" -f tsv
got=$(printf '%s\n' "$out" | awk -F"$tab" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["row"] == "indicator" && $c["unit"] == "kilometers" { print $c["value"] "|" $c["counts"] }')
assert_eq "$got" "3.5|3.5 kilometers" "the pane's row says 3.5 kilometers"
p indicators --donor "Nanjing City" -f json
assert_contains "$out" '"value": 3.5,' "a decimal count is a JSON number"
assert_contains "$out" '"value": 90,' "and so are the whole counts beside it"

# --- the provinces pane's count column -------------------------------------------------
printf '[ui]\nindicator = cadres\n' >"$test_tmp/cfg.ini"
run "$PAIROFF" --config "$test_tmp/cfg.ini" --db "$db" pane provinces -f tsv
got=$(printf '%s\n' "$out" | awk -F"$tab" '$1 == "Beijing" { print $7 }')
[ "${got:-0}" -ge 44 ] || fail "the provinces pane counts Beijing's cadres: [$got]"

done_testing
