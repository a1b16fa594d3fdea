#!/bin/sh
# The comparison matrix (issue 14, items 1 and 2): `pairoff matrix` in every
# format, each cell of the bundled store checked against the sums of
# `pairoff totals` rows (aid, investment; by donor and by recipient) and of
# `pairoff indicators` rows by the funds pane's rule (per pair and year the
# largest count of the kind, added); --from/--to; usage errors in one line;
# the browser's matrix (m) at 80x24 and 120x40 compared whole with
# tests/screens/, its keys, and Enter on a cell reaching the pair's funds.

. "$top_srcdir/tests/lib.sh"

bundled_store

# save NAME ARGS...: runs pairoff ARGS on the store into $test_tmp/NAME
save() {
	name=$1
	shift
	run "$PAIROFF" --db "$db" "$@"
	assert_rc 0 "$*"
	printf '%s\n' "$out" >"$test_tmp/$name"
}

# cells MATRIX: its non-empty year cells, "side<TAB>year<TAB>value", sorted
cells() {
	awk -F'\t' 'NR == 1 { for (i = 2; i < NF; i++) year[i] = $i; next }
		{ for (i = 2; i < NF; i++) if ($i != "") print $1 "\t" year[i] "\t" $i }' "$1" | sort
}

# totals_sums TOTALS SIDE_COL VALUE_COL: the totals rows' figures added per
# side and year, the same shape (pairs with a 0 figure left out)
totals_sums() {
	awk -F'\t' -v side="$2" -v val="$3" 'NR > 1 && $val != 0 { s[$side "\t" $3] += $val }
		END { for (k in s) printf "%s\t%.0f\n", k, s[k] }' "$1" | sort
}

# row_totals MATRIX: rows whose total is not the sum of their cells
row_totals() {
	awk -F'\t' 'NR > 1 { t = 0; for (i = 2; i < NF; i++) t += $i
		if (sprintf("%.0f", t) != $NF) print $1 ": " $NF " != " t }' "$1"
}

# --- every cell is the sum of `pairoff totals` over the other side ----------------
save totals.tsv totals --format tsv
for by in donor recipient; do
	side_col=1
	[ "$by" = recipient ] && side_col=2
	for measure in aid investment; do
		val_col=4
		[ "$measure" = investment ] && val_col=5
		save m.tsv matrix --by "$by" --measure "$measure" --format tsv
		head=$(head -n 1 "$test_tmp/m.tsv")
		case $head in
		"$by	"*"	total") ;;
		*) fail "matrix --by $by --measure $measure: header [$head]" ;;
		esac
		want=$(totals_sums "$test_tmp/totals.tsv" "$side_col" "$val_col")
		got=$(cells "$test_tmp/m.tsv")
		[ -n "$got" ] || fail "matrix --by $by --measure $measure has no cells"
		assert_eq "$got" "$want" "matrix --by $by --measure $measure: every cell is the sum of totals"
		assert_eq "$(row_totals "$test_tmp/m.tsv")" "" "matrix --by $by --measure $measure: row totals"
		years=$(awk -F'\t' -v val="$val_col" 'NR > 1 && $val != 0 { print $3 }' "$test_tmp/totals.tsv" | sort -u | tr '\n' ' ')
		assert_eq "$(head -n 1 "$test_tmp/m.tsv" | tr '\t' '\n' | sed '1d;$d' | tr '\n' ' ')" "$years" \
			"matrix --by $by --measure $measure: one column per year with a figure, ascending"
		assert_eq "$(sed 1d "$test_tmp/m.tsv" | cut -f1)" "$(sed 1d "$test_tmp/m.tsv" | cut -f1 | LC_ALL=C sort -u)" \
			"matrix --by $by --measure $measure: one row per $by, in name order"
	done
done
ncells=$(cells "$test_tmp/m.tsv" | wc -l)
[ "$ncells" -gt 5 ] || fail "the bundled store gives only $ncells cells"

# the default is aid by donor; the acceptance's own command
save default.tsv matrix --format tsv
save donor.tsv matrix --by donor --measure aid --format tsv
cmp -s "$test_tmp/default.tsv" "$test_tmp/donor.tsv" || fail "matrix is aid by donor by default"
assert_contains "$(cat "$test_tmp/donor.tsv")" "Dalian City + Ningbo City" "a joint donation's givers are a row, as totals has them"

# --- counts: `pairoff indicators` by the funds pane's rule ----------------------
# A donor's unit is the nearest place at or above it that is a donor row of
# the kind's matrix (the level the programme pairs it); the recipient's is
# its provincial-level region, the top of its parents.
save regions.tsv regions --format tsv
save indicators.tsv indicators --format tsv
ind_sums() {  # ind_sums KIND SIDE UNITS
	awk -F'\t' -v kind="$1" -v by="$2" '
	FILENAME == ARGV[1] { if (FNR > 1) parent[$1] = $4; next }
	FILENAME == ARGV[2] { if (FNR > 1) unit[$1] = 1; next }
	FNR == 1 || $5 != kind || $3 == "" || $3 != $4 { next }
	{
		d = $1; while (!(d in unit) && parent[d] != "") d = parent[d]
		r = $2; while (parent[r] != "") r = parent[r]
		k = d SUBSEP r SUBSEP $3
		if ($6 + 0 > best[k] + 0) best[k] = $6 + 0
	}
	END {
		for (k in best) { split(k, p, SUBSEP); s[(by == "donor" ? p[1] : p[2]) "\t" p[3]] += best[k] }
		for (k in s) printf "%s\t%.0f\n", k, s[k]
	}' "$test_tmp/regions.tsv" "$3" "$test_tmp/indicators.tsv" | sort
}
kinds_seen=0
for kind in $(awk -F'\t' 'NR > 1 { print $5 }' "$test_tmp/indicators.tsv" | sort -u); do
	save units.tsv matrix --measure "$kind" --by donor --format tsv
	for by in donor recipient; do
		save k.tsv matrix --measure "$kind" --by "$by" --format tsv
		assert_eq "$(cells "$test_tmp/k.tsv")" "$(ind_sums "$kind" "$by" "$test_tmp/units.tsv")" \
			"matrix --measure $kind --by $by: per pair and year the largest count, added"
		assert_eq "$(row_totals "$test_tmp/k.tsv")" "" "matrix --measure $kind --by $by: row totals"
	done
	kinds_seen=$((kinds_seen + 1))
done
[ "$kinds_seen" -ge 5 ] || fail "only $kinds_seen count kinds checked"
run "$PAIROFF" --db "$db" matrix --measure cadres --format tsv
assert_contains "$out" "Shanghai		13	154	332	499" "Shanghai's cadres by year (13 in 1997: one count of Wenshan Prefecture)"

# --- every format prints the same rows ---------------------------------------------
save m.tsv matrix --by recipient --format tsv
save m.csv matrix --by recipient --format csv
assert_eq "$(tr ',' '\t' <"$test_tmp/m.csv" | tr -d '\r')" "$(cat "$test_tmp/m.tsv")" "csv and tsv agree"
save m.table matrix --by recipient
assert_eq "$(head -n 1 "$test_tmp/m.table" | tr -s ' ')" "$(head -n 1 "$test_tmp/m.tsv" | tr '\t' ' ')" \
	"the table's header"
assert_eq "$(wc -l <"$test_tmp/m.table")" "$(wc -l <"$test_tmp/m.tsv")" "the table has a line per row"
yunnan=$(awk -F'\t' '$1 == "Yunnan"' "$test_tmp/m.tsv" | tr '\t' ' ' | tr -s ' ')
assert_eq "$(grep '^Yunnan ' "$test_tmp/m.table" | tr -s ' ')" "$yunnan" "the table's Yunnan row"
save m.json matrix --by recipient --format json
if [ -n "${PYTHON3:-}" ]; then
	"$PYTHON3" - "$test_tmp/m.json" "$test_tmp/m.tsv" <<'EOF' || fail "json and tsv disagree"
import json, sys
rows = json.load(open(sys.argv[1]))
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
head, body = tsv[0], tsv[1:]
assert len(rows) == len(body), (len(rows), len(body))
for obj, line in zip(rows, body):
    assert list(obj) == head, (list(obj), head)
    for h, cell in zip(head, line):
        want = None if cell == "" else cell if h == "recipient" else int(cell)
        assert obj[h] == want, (h, obj[h], want)
EOF
else
	assert_contains "$(cat "$test_tmp/m.json")" '"recipient": "Yunnan"' "json rows"
fi

# --- --from and --to ------------------------------------------------------------------
save range.tsv matrix --by recipient --from 2009 --to 2011 --format tsv
assert_eq "$(head -n 1 "$test_tmp/range.tsv")" "recipient	2009	2010	2011	total" "--from 2009 --to 2011: its years"
want=$(cells "$test_tmp/m.tsv" | awk -F'\t' '$2 >= 2009 && $2 <= 2011')
assert_eq "$(cells "$test_tmp/range.tsv")" "$want" "--from/--to keep the cells of those years"
assert_eq "$(row_totals "$test_tmp/range.tsv")" "" "--from/--to: the totals are of those years"
save from.tsv matrix --from 2012 --format tsv
assert_eq "$(head -n 1 "$test_tmp/from.tsv")" "donor	2012	total" "--from 2012"
save to.tsv matrix --to 2004 --format tsv
assert_eq "$(cat "$test_tmp/to.tsv")" "donor	1998	2004	total
Shanghai	6600000	80000000	86600000" "--to 2004"
run "$PAIROFF" --db "$db" matrix --from 2013
assert_rc 1 "no figure in the years asked"
assert_one_line "$err" "no figure in the years asked"

# --- usage errors: one line, non-zero ----------------------------------------------
for args in "--measure money" "--measure" "--by province" "--from 20x9" "--from 2012 --to 2009" "extra"; do
	# shellcheck disable=SC2086
	run "$PAIROFF" --db "$db" matrix $args
	assert_rc 2 "matrix $args"
	assert_one_line "$err" "matrix $args"
	assert_eq "$out" "" "matrix $args prints nothing on stdout"
done
run "$PAIROFF" --db "$db" matrix --measure money
assert_contains "$err" "unknown measure 'money'" "a bad measure is named"
assert_contains "$err" "investment, cadres" "and the measures listed"
run "$PAIROFF" --db "$test_tmp/none.db" matrix --measure money
assert_rc 2 "a bad measure fails before a store is opened"
[ ! -e "$test_tmp/none.db" ] || fail "a bad measure built a store"
run "$PAIROFF" --help
assert_contains "$out" "  matrix [--by donor|recipient]" "--help lists matrix"
run "$PAIROFF" --help-keys
assert_contains "$out" "matrix" "--help-keys lists the matrix key"
assert_contains "$out" "measure" "--help-keys lists the measure key"
grep -q '^\.BR* matrix\( \|$\)' "$top_srcdir/data/pairoff.1" || fail "the man page has no entry for matrix"

# --- the browser's matrix -----------------------------------------------------------------
for size in 80x24 120x40; do
	same_screen "matrix-aid-donor-$size.txt" "$size" "m"
	same_screen "matrix-aid-recipient-$size.txt" "$size" "mb"
	same_screen "matrix-investment-donor-$size.txt" "$size" "mv"
	same_screen "matrix-investment-recipient-$size.txt" "$size" "mvb"
done

# without colour the screen says the same (the trend is glyphs, not colours);
# without UTF-8 the trend is ASCII of rising weight
NO_COLOR=1 PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --db "$db" --dump-keys "m"
printf '%s\n' "$out" >"$test_tmp/nocolor.txt"
cmp -s "$top_srcdir/tests/screens/matrix-aid-donor-80x24.txt" "$test_tmp/nocolor.txt" || fail "NO_COLOR changes the matrix's text"
LC_ALL=C PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --db "$db" --dump-keys "m"
assert_rc 0 "dump without UTF-8"
assert_contains "$(printf '%s\n' "$out" | grep '^Shanghai ')" "@ " "an ASCII trend, the largest year @"
[ "$(printf '%s\n' "$out" | sed -n '2,20p' | LC_ALL=C tr -d '\000-\177' | wc -c)" -eq 0 ] ||
	fail "the matrix without UTF-8 draws non-ASCII bytes"

# the screen's figures are the command's
dump 120x40 "m"
assert_contains "$(title_line)" "matrix: aid by donor" "m opens the matrix, aid by donor"
for donor in Shanghai Liaoning "Xiamen City"; do
	total=$(awk -F'\t' -v d="$donor" '$1 == d { print $NF }' "$test_tmp/donor.tsv" |
		sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')
	row=$(printf '%s\n' "$out" | grep "^$donor  ")
	case $row in
	*" $total") ;;
	*) fail "the screen's $donor row [$row] does not end with the command's total $total" ;;
	esac
done
rows=$(($(wc -l <"$test_tmp/donor.tsv") - 1))
assert_contains "$(status_line)" "1/$rows" "a row per donor of pairoff matrix"
dump 80x24 "m<C-l>"
for line in $(seq 3 20); do
	w=$(printf '%s\n' "$out" | sed -n "${line}p" | wc -m)
	[ "$w" -le 81 ] || fail "80x24: line $line is $((w - 1)) columns wide"
done

# keys: the measure, the side, the column cursor, the sort, the way back
dump 80x24 "mvv"
assert_contains "$(title_line)" "matrix: cadres by donor" "v v: the first count kind"
dump 80x24 "mvvvvvvvvvvvvvvvvv"
assert_contains "$(title_line)" "matrix: aid by donor" "v cycles back to aid after every kind"
first_row() { printf '%s\n' "$out" | sed -n 3p; }
dump 80x24 "ms"
assert_contains "$(first_row)" "East" "s sorts by the latest year, the largest first"
assert_contains "$(status_line)" "sorted by 2012, largest first" "and says so"
assert_contains "$(cursor_line)" "Beijing" "the selection stays on its row"
dump 80x24 "mss"
assert_contains "$(first_row)" "Suzhou City" "s again: the smallest first"
dump 80x24 "m<lt>s"
assert_contains "$(first_row)" "Liaoning" "s on 2011 sorts by 2011"
assert_contains "$(printf '%s\n' "$out" | sed -n 5p)" "Zhuhai City" "the smallest of the three 2011 figures third"
assert_contains "$(printf '%s\n' "$out" | sed -n 6p)" "Beijing" "then the rows without a 2011 figure, by name"
dump 80x24 "m<lt><lt><lt><lt><lt>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "2004" "< scrolls the years to the left"
assert_not_contains "$(printf '%s\n' "$out" | sed -n 2p)" "2012" "the latest year scrolled out"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Donor" "the names stay"
assert_contains "$(printf '%s\n' "$out" | grep '^Shanghai ')" "80,000,000" "Shanghai's 2004 aid shows"
dump 80x24 "mm"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Province" "m again closes the matrix"
dump 80x24 "v"
assert_contains "$(status_line)" "works in the matrix" "v outside the matrix says where it works"

# Enter on a cell: the funds pane of its pair at its year
dump 80x24 "m<Down><Enter>"
assert_contains "$(title_line)" "funds: Dalian City → Guizhou" "Enter on Dalian City's 2012 cell opens the pair's funds"
assert_contains "$(cursor_line)" "2012" "with 2012 selected"
assert_contains "$(cursor_line)" "16,000,000" "the year's aid, the cell's figure"
dump 80x24 "m<Down><Enter><Left>"
assert_contains "$(title_line)" "matrix: aid by donor" "Left comes back to the matrix"
dump 120x40 "mb<Down><Enter>"
assert_contains "$(title_line)" "matrix-cell: Gansu, 2012, aid" "a cell of several pairs lists them first"
assert_contains "$out" "3 figures make Gansu, 2012, aid" "the three pairs of Gansu's 2012 cell"
assert_contains "$out" "Tianjin + Xiamen City → Gansu" "the joint donation among them"
dump 120x40 "mb<Down><Enter><Enter>"
assert_contains "$(title_line)" "funds: Tianjin → Gansu" "Enter on a pair opens its funds"
assert_contains "$(cursor_line)" "2012" "at the cell's year"
dump 120x40 "mb<Down><Enter>j<Enter>"
assert_contains "$(title_line)" "funds: Tianjin → Gansu" "a joint donation opens its first giver's funds"
assert_contains "$out" "joint donations" "where it stands under joint donations"
dump 120x40 "mHHHHHHHH<Enter>"
assert_contains "$(title_line)" "funds: Beijing → Inner Mongolia" "Enter on a name: its one pair's funds"
dump 80x24 "m<lt><Enter>"
assert_contains "$(status_line)" "Beijing has no aid figure in 2011" "an empty cell says so"
dump 120x40 "mvv<Down><Down><Enter>"
assert_contains "$(title_line)" "funds: East → West" "a count's cell opens the pair's funds too"
assert_contains "$(cursor_line)" "2012" "at its year"

done_testing
