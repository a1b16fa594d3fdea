#!/bin/sh
# The browser through its in-process screen dump (--dump-keys: keys fed to
# the real view code, the screen printed as text): no terminal needed.
# Bytes sent per key, report text with escape sequences and wide
# characters, export with its overwrite question, units, the minimum size.

. "$top_srcdir/tests/lib.sh"

db=$test_tmp/s.db
run "$PAIROFF" --db "$db" import
assert_rc 0 "import of the bundled reports"

dump() {  # dump KEYS: the screen after KEYS, in $out; bytes per key in $err
	PAIROFF_DUMP_BYTES=1 run "$PAIROFF" --db "$db" --dump-keys "$1"
	assert_rc 0 "dump of [$1]"
}

# --- first screen and the drill down ------------------------------------------
dump ""
assert_contains "$out" "East (donors)" "provinces grouped by side"
assert_contains "$out" "West (recipients)" "both sides"
assert_eq "$(printf '%s\n' "$out" | sed -n '$p')" "cursor: 3,0" "hardware cursor on the first province"
dump "fshanghai<Enter><Enter>fyunnan<Enter><Enter>uu"
assert_contains "$(printf '%s\n' "$out" | sed -n 1p)" "Shanghai › Yunnan" "breadcrumb in the title"
assert_contains "$(printf '%s\n' "$out" | sed -n 1p)" "million yuan" "u twice: million yuan"
assert_contains "$out" "Shanghai → Yunnan" "funds pane of the pair"

# --- r ungroups, s sorts by the next column --------------------------------------
dump "r"
assert_not_contains "$out" "East (donors)" "r turns the side headings off"
assert_contains "$out" "not grouped by side" "r says what it did"
dump "s"
assert_contains "$out" "sorted by funds" "s sorts the provinces by funds"
dump "rs"
figures=$(printf '%s\n' "$out" | sed -n '3,8p' | sed 's/│.*//' | awk '{ gsub(",", "", $NF); print $NF }')
[ "$(printf '%s\n' "$figures" | grep -c '^[0-9][0-9]*$')" -ge 3 ] || fail "funds figures not found: [$figures]"
assert_eq "$(printf '%s\n' "$figures" | sort -rn)" "$figures" "ungrouped and sorted by funds: largest first"
dump "ss"
assert_contains "$out" "sorted by partners" "s again: by partners"

# --- back on a province seen before, its partners pane is where it was left ---
dump "jjj<Enter>jj"
before=$(printf '%s\n' "$out" | sed -n '$p')
assert_not_contains "$before" "cursor: 2," "the selection moved off the first partner"
dump "jjj<Enter>jj<Left>jk<Right>"
assert_eq "$(printf '%s\n' "$out" | sed -n '$p')" "$before" "selection kept per province"

# --- a wide funds pane is a year x category table --------------------------------
PAIROFF_DUMP_SIZE=200x30 run "$PAIROFF" --db "$db" --dump-keys "fshanghai<Enter><Enter>fyunnan<Enter><Enter>uu"
header=$(printf '%s\n' "$out" | sed -n 2p)
assert_contains "$header" "Year" "matrix header: year"
assert_contains "$header" "governme" "matrix header: a category column"
assert_contains "$header" "Total" "matrix header: total"
row=$(printf '%s\n' "$out" | grep '│2009 ' | head -n 1)
assert_contains "$row" " 180" "2009 government figure (180 million) in its column"

# --- the acceptance questions, keys only ----------------------------------------
# Which Chongqing county is Yantai paired with? (a county's city finds its province)
dump "fyantai<Enter><Enter>fyantai<Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 3p)" "Yantai → Wushan County" "Yantai's pair"
dump "fchongqing<Enter><Enter>fyantai<Enter>"
assert_contains "$out" "Yantai → Wushan County" "the same pair from Chongqing's side"
# How much did Shanghai give Wenshan in 2009, and where does it say so?
dump "fshanghai<Enter><Enter>fwenshan<Enter><Enter>uu"
row=$(printf '%s\n' "$out" | grep '│2009 ' | head -n 1)
assert_contains "$row" " 41.7" "Shanghai -> Wenshan, 2009, in million yuan"
dump "fshanghai<Enter><Enter>fwenshan<Enter><Enter>f2009<Enter><Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "shanghai-yunnan-2009.txt, line" "its source opens"

# --- bytes per Down key: within a page at most 150 ----------------------------
dump "fshanghai<Enter><Enter>fyunnan<Enter><Enter>jjjjjjjjjjjj"
downs=$(printf '%s\n' "$err" | awk '$1 == "key" && $2 == "j" { print $3 }')
[ -n "$downs" ] || fail "no byte counts for Down"
max=$(printf '%s\n' $downs | sort -n | tail -n 1)
[ "${max:-999}" -le 150 ] || fail "a Down key in the funds list sent $max bytes (at most 150): $downs"
first=$(printf '%s\n' "$err" | awk '$1 == "first-screen" { print $2 }')
[ "${first:-99999}" -le 6000 ] || fail "first screen sent $first bytes"

# --- search, source, n ----------------------------------------------------------
dump "/Dulong<Enter>"
assert_contains "$out" "hits for \"Dulong\"" "search results header"
dump "/Dulong<Enter><Enter>"
assert_contains "$out" ".txt, line" "source view opened from a hit"
dump '/AND OR<Enter>'
assert_contains "$out" "invalid search query" "FTS syntax error shown"

# --- export: rows -> file, never overwrite without asking ----------------------
f=$test_tmp/prov.csv
dump "e<C-u>$f<Enter>"
assert_contains "$out" "rows -> $f" "export message"
[ -f "$f" ] || fail "export wrote no file"
n=$(printf '%s\n' "$out" | grep -o '[0-9]* rows -> ' | cut -d' ' -f1)
assert_eq "$(($(wc -l <"$f") - 1))" "$n" "the file holds the rows the message counts"
assert_eq "$(head -n 1 "$f" | cut -d, -f1-3)" "name,type,side" "CSV header"
echo keep >"$f"
dump "e<C-u>$f<Enter>n"
assert_contains "$out" "not exported" "answer n keeps the file"
assert_eq "$(cat "$f")" "keep" "file unchanged after n"
dump "e<C-u>$f<Enter>y"
assert_contains "$out" "rows -> $f" "answer y overwrites"
dump "fsimao<Enter>e<C-u>$test_tmp/one.json<Enter>"
assert_contains "$out" "1 rows -> " "export applies the filter"
assert_contains "$(cat "$test_tmp/one.json")" "Yunnan" "JSON export of the filtered row"
dump "e<C-u>$test_tmp/x.txt<Enter>"
assert_contains "$out" ".csv, .tsv or .json" "unknown extension refused"

# --- report text with escape sequences and wide characters ----------------------
mkdir -p "$test_tmp/r"
printf 'Odd-Report Pairing-off Poverty Alleviation\n\n      Zebrafish \033[2J clear \033]52;c;SGVsbG8=\007 osc \302\233 c1 marker.\n\n      Wide 中文字符【标题】 “quoted” text wraps here zebrafish.\n' >"$test_tmp/r/odd.txt"
run "$PAIROFF" --db "$test_tmp/odd.db" import "$test_tmp/r"
assert_rc 0 "import of a report with escape sequences"
PAIROFF_DUMP_SIZE=40x12 run "$PAIROFF" --db "$test_tmp/odd.db" --dump-keys "/zebrafish<Enter><Enter>"
assert_rc 0 "source view of the odd report"
assert_contains "$out" "Zebrafish" "odd report shown"
esc=$(printf '\033')
assert_not_contains "$out" "$esc" "no escape character reaches the screen"
assert_contains "$out" "中文字符" "CJK text shown"
widest=$(printf '%s\n' "$out" | sed '$d' | wc -L)
[ "$widest" -le 40 ] || fail "a line is $widest columns wide at 40 columns"

# --- too small, 1x1, help, unbound key ---------------------------------------------
PAIROFF_DUMP_SIZE=20x5 run "$PAIROFF" --db "$db" --dump-keys "jjj"
assert_rc 0 "20x5"
assert_contains "$out" "enlarge the terminal" "too-small message"
PAIROFF_DUMP_SIZE=1x1 run "$PAIROFF" --db "$db" --dump-keys "j<Resize:100x30>j<Resize:1x1>"
assert_rc 0 "1x1 and resizes"
PAIROFF_DUMP_SIZE=100x60 run "$PAIROFF" --db "$db" --dump-keys "?"
for h in "Move down one row" "Full-text search in all reports" "Cycle money units" \
	"Export the current table" "Copy the selected row" "Quit at once" "[ui] unit"; do
	assert_contains "$out" "$h" "help lists [$h]"
done
dump "Z"
assert_contains "$out" "Z is not bound (? lists the keys)" "unbound key message"

done_testing
