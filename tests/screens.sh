#!/bin/sh
# Whole screens (issue 11, item 2): the provinces, partners, funds and
# source screens at 80x24 and 120x40, each compared line for line with
# tests/screens/ (tig's style: a change to any cell shows in the diff). On
# the same screens: every column the header shows has its legend line, and
# no name is cut without an ellipsis (the provinces and partners columns
# are checked against the names the CLI twin lists).

. "$top_srcdir/tests/lib.sh"

bundled_store

# pane N: column N (1-based) of the screen's body lines, header included
pane() { printf '%s\n' "$out" | sed '1d;$d' | sed '$d' | awk -F'│' -v n="$1" '{ print $n }'; }

# legends_for HEADER_LINE LEGEND_TEXT MARK...: each MARK in the header has
# a "MARK: " legend line
legends_for() {
	_header=$1 _legend=$2
	shift 2
	for _mark in "$@"; do
		case $_header in
		*"$_mark"*) assert_contains "$_legend" "$_mark: " "legend line for column $_mark" ;;
		esac
	done
}

# names_whole COLUMN_TEXT NAMES WHAT: each name drawn at the start of a
# line of the column (after its indent) is one of NAMES or ends with "…"
names_whole() {
	printf '%s\n' "$1" | sed 's/^ *//; s/  .*//; s/ *$//' | grep -v '^$' | while IFS= read -r shown; do
		case $shown in
		*…) continue ;;
		esac
		printf '%s\n' "$2" | grep -qxF "$shown" || echo "$shown"
	done >"$test_tmp/cut"
	assert_eq "$(cat "$test_tmp/cut")" "" "$3: names cut without an ellipsis"
}

run "$PAIROFF" --db "$db" pane provinces --format tsv
provinces=$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 { print $1 }')
headings="East (donors)
West (recipients)
Central
Other"

for size in 80x24 120x40; do
	# --- provinces: the first screen ---------------------------------------------
	same_screen "provinces-$size.txt" "$size" ""
	col=$(pane 1)
	header=$(printf '%s\n' "$col" | sed -n 1p)
	legend=$(printf '%s\n' "$col" | grep ': ')
	assert_contains "$header" "Aid" "$size: the provinces keep the aid column"
	legends_for "$header" "$legend" " S" Ptn Aid Invest
	# names: the rows above the legend
	rows=$(printf '%s\n' "$col" | sed 1d | grep -v ': ')
	names_whole "$rows" "$provinces
$headings" "$size provinces"

	# --- partners: a province with many pairs -----------------------------------------
	same_screen "partners-$size.txt" "$size" "fshandong<Enter><Enter>"
	col=$(pane 2)
	assert_contains "$(printf '%s\n' "$col" | sed -n 1p)" "Years" "$size: the years column"
	legend=$(printf '%s\n' "$col" | grep ': ')
	assert_contains "$legend" "Years: " "$size: the years' legend"
	assert_contains "$legend" "A → B: " "$size: the stated pair's legend"
	assert_contains "$legend" "A ⇢ B: " "$size: the aid-only link's legend"
	run "$PAIROFF" --db "$db" pane partners Shandong --format tsv
	# a pair row shows "donor → recipient", shortened to its names without
	# City, County, ... (a name either way), else cut with an ellipsis
	known=$(printf '%s\n' "$out" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["partner"]; d = $c["donor"]; r = $c["recipient"]; if (d == "" || r == "") next
		  ds = d; rs = r; sub(/ (City|County|District|Prefecture)$/, "", ds); sub(/ (City|County|District|Prefecture)$/, "", rs)
		  for (a = 0; a < 2; a++) for (b = 0; b < 2; b++) for (k = 0; k < 2; k++)
		    print (a ? ds : d) (k ? " ⇢ " : " → ") (b ? rs : r) }')
	rows=$(printf '%s\n' "$col" | sed 1d | grep -v ': ' | sed 's/ *([0-9-]*)$//; s/ *[0-9-]*$//; s/ ([0-9]* pairs\?)$//')
	names_whole "$rows" "$known" "$size partners"

	# --- funds: a pair with many years ---------------------------------------------------
	same_screen "funds-$size.txt" "$size" "fshanghai<Enter><Enter>fyunnan<Enter><Enter>"
	col=$(printf '%s\n' "$out" | sed '1d;$d' | sed '$d' | awk -F'│' '{ print $NF }')
	legend=$(printf '%s\n' "$col" | grep ': ')
	assert_contains "$legend" "Aid: " "$size: the funds' aid legend"
	assert_contains "$legend" "sources" "$size: the funds' sources legend"
	legends_for "$(printf '%s\n' "$col" | sed -n 1p)" "$legend" Invest

	# --- source of a table cell: its row and column labels -----------------------------
	same_screen "source-$size.txt" "$size" "fshanghai<Enter><Enter>fyunnan<Enter><Enter>fwenshan<Enter>jj<Enter>"
	assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" ": Wenshan Prefecture / Total" \
		"$size: a table cell's source names its row and column"
done

# --- the legends are the help's too ------------------------------------------------------
PAIROFF_DUMP_SIZE=120x200 run "$PAIROFF" --db "$db" --dump-keys "?"
for mark in "S " "Ptn " "Aid " "Invest " "Years " "A → B " "A ⇢ B " "N sources, ×N "; do
	assert_contains "$out" "  $mark" "the help explains $mark"
done

# --- a filtered funds pane keeps each row's year ------------------------------------------
PAIROFF_DUMP_SIZE=120x40 run "$PAIROFF" --db "$db" --dump-keys "fshanghai<Enter><Enter>fyunnan<Enter><Enter>fgovernment<Enter>"
col=$(printf '%s\n' "$out" | sed '1,2d;$d' | sed '$d' | awk -F'│' '{ print $NF }' | grep 'government')
[ -n "$col" ] || fail "the filter government shows no row"
assert_eq "$(printf '%s\n' "$col" | grep -cv '^ *[12][0-9][0-9][0-9]\(-[12][0-9][0-9][0-9]\)\? ')" 0 \
	"every filtered row starts with its year: $col"

# --- unit toggles: fixed decimals, aligned at the point -------------------------------------
PAIROFF_DUMP_SIZE=120x40 run "$PAIROFF" --db "$db" --dump-keys "uu"
figs=$(printf '%s\n' "$out" | sed -n '4,12p' | sed 's/│.*//' | awk '{ print $NF }' | grep '[0-9]')
[ -n "$figs" ] || fail "no aid figures in million yuan"
assert_eq "$(printf '%s\n' "$figs" | grep -cv '\.[0-9][0-9]$')" 0 "million yuan: two decimals each: $figs"
ends=$(printf '%s\n' "$out" | sed -n '4,12p' | sed 's/│.*//' | awk '{ print length($0) }' | sort -u)
assert_eq "$(printf '%s\n' "$ends" | wc -l)" 1 "the aid figures end in one column (aligned)"
PAIROFF_DUMP_SIZE=120x40 run "$PAIROFF" --db "$db" --dump-keys "u"
figs=$(printf '%s\n' "$out" | sed -n '4,12p' | sed 's/│.*//' | awk '{ print $NF }' | grep '[0-9]')
assert_eq "$(printf '%s\n' "$figs" | grep -cv '\.[0-9]$')" 0 "10k yuan: one decimal each: $figs"

done_testing
