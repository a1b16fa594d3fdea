# The money model on the bundled store (issue 8): the figures a reader quotes,
# each flow once with every source, and one rule for every total, so that
# `totals`, the browser's panes (through their command-line twin `pane`,
# which prints the rows the browser draws) and `show` agree on every pair
# and year.
. "$top_srcdir/tests/lib.sh"

db=$test_tmp/pairoff.db
p() { run "$PAIROFF" --db "$db" "$@"; }
tab=$(printf '\t')

p import
assert_rc 0 "import of the bundled reports"
statements=$(printf '%s\n' "$out" | sed -n 's/.* \([0-9][0-9]*\) funds,.*/\1/p')

# --- the acceptance figures -------------------------------------------------------
# aid_of DONOR RECIPIENT YEAR [--by province]: "aid investment" of that totals row.
aid_of() {
	run "$PAIROFF" --db "$db" totals --donor "$1" --recipient "$2" --year "$3" -f tsv
	printf '%s\n' "$out" | awk -F"$tab" -v d="$1" 'NR > 1 && $1 == d { print $4, $5 }'
}
in_range() {  # in_range VALUE LOW HIGH WHAT
	[ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ] || fail "$4: $1 not in [$2, $3]"
}

set -- $(aid_of Beijing "Inner Mongolia" 2012)
in_range "${1:-}" 86400000 160000000 "Beijing -> Inner Mongolia 2012 aid"
in_range "${2:-}" 100232000000 999999999999999 "Beijing -> Inner Mongolia 2012 investment holds the 100.232 billion"
set -- $(aid_of Shanghai Yunnan 2012)
in_range "${1:-}" 255000000 260000000 "Shanghai -> Yunnan 2012 aid"
set -- $(aid_of Guangdong Guangxi 2012)
in_range "${1:-}" 0 99999999 "Guangdong -> Guangxi 2012 aid"

p anomalies -f tsv
assert_contains "$(printf '%s\n' "$out" | grep figures-disagree)" "Shanghai -> Yunnan, 2012, aid" \
	"the disagreeing figures of Shanghai's 2012 aid are listed"

# --- each flow once, every source kept ------------------------------------------------
p funds -f tsv
assert_rc 0 "funds"
listed=$(printf '%s\n' "$out" | awk -F"$tab" 'NR > 1 { n += $12 } END { print n + 0 }')
assert_eq "$listed" "$statements" "every statement is a source of exactly one listed flow"
flows=$(printf '%s\n' "$out" | awk -F"$tab" 'NR > 1 { print $11 }' | sort | uniq -d)
assert_eq "$flows" "" "no flow listed twice"
p funds --donor Beijing --recipient "Inner Mongolia" --year 2012 -f tsv
row=$(printf '%s\n' "$out" | awk -F"$tab" '$8 == 86400000')
assert_eq "$(printf '%s\n' "$row" | wc -l)" "1" "Beijing's 86.4 million of 2012 is listed once"
assert_contains "$row" "east-west-pairing-2012.txt:23 east-west-pairing-2012.txt:27" \
	"with both its sources"

# --- one rule: totals, the funds pane, show and the provinces pane agree ---------------
p totals -f tsv
assert_rc 0 "totals"
totals=$out
p totals --by province -f tsv
by_province=$out
[ "$(printf '%s\n' "$totals" | wc -l)" -gt 20 ] || fail "too few pair totals to compare"

# pane_year DONOR RECIPIENT YEAR: "aid investment" of the funds pane's year row.
pane_year() {
	run "$PAIROFF" --db "$db" pane funds "$1" "$2" -f tsv
	printf '%s\n' "$out" | awk -F"$tab" -v y="$3" '$1 == "year" && $4 == y { print $8, $9 }'
}

# A city that pairs alone has its own pane rows; a province's pane holds its
# cities too, as `totals --by province` does. Joint donations are their own
# rows in both, so they are compared through the recipient's rows only.
printf '%s\n' "$totals" | sed 1d >"$test_tmp/totals.tsv"
while IFS="$tab" read -r donor recipient year aid inv facts sources; do
	case $donor in *" + "*) continue ;; esac
	case $donor in
	*" City") want="$aid $inv" ;;
	*) want=$(printf '%s\n' "$by_province" | awk -F"$tab" -v d="$donor" -v r="$recipient" \
		-v y="$year" '$1 == d && $2 == r && $3 == y { print $4, $5 }') ;;
	esac
	got=$(pane_year "$donor" "$recipient" "$year")
	assert_eq "$got" "$want" "funds pane $donor -> $recipient $year"
done <"$test_tmp/totals.tsv"

# show REGION: its funds rows are the totals rows it takes part in.
for region in Shanghai Yunnan Beijing Guizhou; do
	p show "$region" -f tsv
	shown=$(printf '%s\n' "$out" | awk -F"$tab" '$1 == "funds" { print $2, $4, $6, $7 }' | sort)
	p totals --donor "$region" -f tsv
	given=$out
	p totals --recipient "$region" -f tsv
	want=$( { printf '%s\n' "$given" | sed 1d; printf '%s\n' "$out" | sed 1d; } |
		awk -F"$tab" '{ print $1 " -> " $2, $3, $4, $5 }' | sort)
	assert_eq "$shown" "$want" "show $region gives the totals' figures"
done

# The provinces pane: each province's aid and investment are its pair totals
# added up, given (a province's own rows, cities in it included) and received.
p pane provinces -f tsv
provinces=$out
for province in Shanghai Yunnan Beijing "Inner Mongolia" Zhejiang Guizhou; do
	got=$(printf '%s\n' "$provinces" | awk -F"$tab" -v n="$province" '$1 == n { print $5 + 0, $6 + 0 }')
	want=$(printf '%s\n' "$by_province" | awk -F"$tab" -v n="$province" \
		'NR > 1 && ($1 == n || $2 == n) { a += $4; i += $5 } END { print a + 0, i + 0 }')
	assert_eq "$got" "$want" "provinces pane: $province"
done

# The browser's export of the funds pane: its year rows carry the same aid
# and investment as `totals` (the file is the pane's rows, as the browser has them).
f=$test_tmp/funds.tsv
PAIROFF_DUMP_SIZE=120x40 run "$PAIROFF" --db "$db" \
	--dump-keys "fshanghai<Enter><Enter>fyunnan<Enter><Enter>e<C-u>$f<Enter>"
assert_contains "$out" "rows -> $f" "export of the funds pane"
exported=$(awk -F"$tab" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["row"] == "year" { print $c["year"], $c["amount_yuan"], $c["investment_yuan"] }' "$f" 2>/dev/null)
want=$(printf '%s\n' "$totals" | awk -F"$tab" '$1 == "Shanghai" && $2 == "Yunnan" { print $3, $4, $5 }')
[ -n "$want" ] || fail "no Shanghai -> Yunnan totals"
assert_eq "$exported" "$want" "the exported funds pane holds the totals' figures"

# --- a store of schema version 1 is rebuilt from the report texts it holds ---------
command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is needed to make a version-1 store"
old=$test_tmp/old.db
sqlite3 "$old" "PRAGMA application_id = 1346455890; PRAGMA user_version = 1;
CREATE TABLE report (id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  year INTEGER, line_count INTEGER NOT NULL, text TEXT NOT NULL);
INSERT INTO report(file, title, year, line_count, text)
  VALUES ('zhejiang-sichuan-2009.txt', 'old', 2009, 1, CAST(readfile('$top_srcdir/data/reports/zhejiang-sichuan-2009.txt') AS TEXT));" ||
	fail "could not make a version-1 store"
run "$PAIROFF" --db "$old" reports -f tsv
assert_rc 0 "a version-1 store opens"
assert_contains "$err" "has schema version 1; rebuilding it" "one-line note on the rebuild"
assert_one_line "$err" "the rebuild's note"
assert_contains "$out" "zhejiang-sichuan-2009.txt" "the report it held is kept"
assert_eq "$(sqlite3 "$old" 'PRAGMA user_version')" "$schema_version" "the store is of this version now"
run "$PAIROFF" --db "$old" totals --donor Zhejiang --year 2009 -f tsv
assert_rc 0 "totals on the rebuilt store"

# A joint donation's givers are listed by name, not in the order the
# gazetteer's files happen to be read: made-up places, Zulu City read
# (a.ini) before Alpha City (b.ini).
gz=$test_tmp/joint-gazetteer
mkdir -p "$gz" "$test_tmp/joint-reports"
printf '[zulu-city]\nname = Zulu City\naliases = Zulu\ntype = city\nparent = queue\npairs_alone = yes\n' >"$gz/a.ini"
printf '[queue]\nname = Queue\ntype = province\nside = east\n' >>"$gz/a.ini"
printf '[pee]\nname = Pee\ntype = province\nside = east\n[westland]\nname = Westland\ntype = province\nside = west\n' >"$gz/b.ini"
printf '[alpha-city]\nname = Alpha City\naliases = Alpha\ntype = city\nparent = pee\npairs_alone = yes\n' >>"$gz/b.ini"
printf 'East-West Pairing-off Poverty Alleviation in 2012\n\n      In 2012, Westland received 7.7 million yuan (from Zulu and Alpha).\n\n' \
	>"$test_tmp/joint-reports/made-up-2012.txt"
printf '[store]\ngazetteer = %s\n' "$gz" >"$test_tmp/joint.ini"
run "$PAIROFF" --config "$test_tmp/joint.ini" --db "$test_tmp/joint.db" import "$test_tmp/joint-reports"
assert_rc 0 "import with a made-up gazetteer directory"
run "$PAIROFF" --config "$test_tmp/joint.ini" --db "$test_tmp/joint.db" totals -f tsv
assert_contains "$out" "Alpha City + Zulu City${tab}Westland${tab}2012${tab}7700000" \
	"a joint donation's givers by name"

done_testing
