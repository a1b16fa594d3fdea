#!/bin/sh
# The browser through its in-process screen dump (--dump-keys: keys fed to
# the real view code, the screen printed as text): no terminal needed.
# Bytes sent per key, report text with escape sequences and wide
# characters, export with its overwrite question, units, the minimum size;
# the provinces' aid and investment columns and the funds pane's rows, each
# compared with the CLI twin (pane, totals) rather than with figures typed
# in, so that the test follows the extractor as it improves.

. "$top_srcdir/tests/lib.sh"

bundled_store

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
assert_contains "$out" "sorted by aid" "s sorts the provinces by aid"
# in million yuan at 120 columns both money columns fit: aid is the last but one
PAIROFF_DUMP_SIZE=120x30 run "$PAIROFF" --db "$db" --dump-keys "uurs"
figures=$(printf '%s\n' "$out" | sed -n '3,8p' | sed 's/│.*//' | awk '{ gsub(",", "", $(NF-1)); print $(NF-1) }')
[ "$(printf '%s\n' "$figures" | grep -c '^[0-9][0-9.]*$')" -ge 3 ] || fail "aid figures not found: [$figures]"
assert_eq "$(printf '%s\n' "$figures" | sort -rn)" "$figures" "ungrouped and sorted by aid: largest first"
dump "ss"
assert_contains "$out" "sorted by investment" "s again: by investment"
dump "sss"
assert_contains "$out" "sorted by partners" "s a third time: by partners"

# --- provinces: aid and investment in columns of their own, as the CLI twin -------
run "$PAIROFF" --db "$db" pane provinces --format tsv
assert_rc 0 "pane provinces"
provinces_tsv=$out
PAIROFF_DUMP_SIZE=200x30 run "$PAIROFF" --db "$db" --dump-keys ""
screen_wide=$out
header=$(printf '%s\n' "$screen_wide" | sed -n 2p | sed 's/│.*//')
assert_contains "$header" " Aid" "provinces header: an aid column"
assert_contains "$header" " Invest" "provinces header: an investment column"
assert_not_contains "$header" "Funds" "no single funds column any more"
for name in Beijing Shanghai Guangdong Guangxi; do
	line=$(printf '%s\n' "$screen_wide" | sed 's/│.*//' | grep "^$name ")
	shown=$(printf '%s\n' "$line" | awk '{ gsub(",", ""); print $(NF-1), $NF }')
	want=$(printf '%s\n' "$provinces_tsv" | awk -F'\t' -v n="$name" '$1 == n { print $5, $6 }')
	[ -n "$want" ] || fail "pane provinces has no row for $name"
	assert_eq "$shown" "$want" "$name: aid and investment on screen as in pane provinces"
done
assert_contains "$screen_wide" "Aid: donations" "the legend says what aid counts"
assert_contains "$screen_wide" "Invest: deals, trade, not aid" "the legend says what investment counts"
# 80 columns: two panes, both money columns (in million yuan: in yuan the
# investment figures, hundreds of billions, leave room for the aid only),
# nothing wider than the terminal
PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --db "$db" --dump-keys "uu"
header=$(printf '%s\n' "$out" | sed -n 2p | sed 's/│.*//')
assert_contains "$header" " Aid" "80 columns: aid shown"
assert_contains "$header" " Invest" "80 columns: investment shown"
widest=$(printf '%s\n' "$out" | sed '$d' | wc -L)
[ "$widest" -le 80 ] || fail "a line is $widest columns wide at 80 columns"
# narrower: the least useful columns go first, investment before aid, names cut with …
PAIROFF_DUMP_SIZE=60x40 run "$PAIROFF" --db "$db" --dump-keys ""
header=$(printf '%s\n' "$out" | sed -n 2p | sed 's/│.*//')
assert_contains "$header" " Aid" "60 columns: aid kept"
assert_not_contains "$header" "Invest" "60 columns: investment dropped before aid"
PAIROFF_DUMP_SIZE=56x40 run "$PAIROFF" --db "$db" --dump-keys ""
header=$(printf '%s\n' "$out" | sed -n 2p | sed 's/│.*//')
assert_contains "$header" " Aid" "56 columns: aid kept"
assert_contains "$out" "Inner Mon…" "a long name cut with an ellipsis"

# --- back on a province seen before, its partners pane is where it was left ---
dump "jjj<Enter>jj"
before=$(printf '%s\n' "$out" | sed -n '$p')
assert_not_contains "$before" "cursor: 2," "the selection moved off the first partner"
dump "jjj<Enter>jj<Left>jk<Right>"
assert_eq "$(printf '%s\n' "$out" | sed -n '$p')" "$before" "selection kept per province"

# --- the funds pane: the query's rows as they come ----------------------------------
pane3() { printf '%s\n' "$1" | sed '$d' | awk -F'│' 'NF >= 3 { print $3 }'; }
# commas N: 255000000 -> 255,000,000 (the yuan unit's grouping)
commas() { printf '%s\n' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
# js N: the keys that move the selection N rows down
js() { printf "%${1}s" "" | tr ' ' j; }
to_pair="fshanghai<Enter><Enter>fyunnan<Enter><Enter>"

run "$PAIROFF" --db "$db" totals --format tsv
assert_rc 0 "totals"
totals=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "Shanghai" && $2 == "Yunnan" { print $3, $4 }')
run "$PAIROFF" --db "$db" pane funds Shanghai Yunnan --format tsv
assert_rc 0 "pane funds Shanghai Yunnan"
twin=$out
twin_years=$(printf '%s\n' "$twin" | awk -F'\t' '$1 == "year" { print $4, $8 }')
[ -n "$totals" ] || fail "pairoff totals has no Shanghai -> Yunnan rows"
assert_eq "$twin_years" "$totals" "the CLI twin's year rows hold the pair's totals"
PAIROFF_DUMP_SIZE=120x200 run "$PAIROFF" --db "$db" --dump-keys "$to_pair"
funds=$(pane3 "$out")
years=$(printf '%s\n' "$funds" | awk '/^[12][0-9][0-9][0-9] / { gsub(",", "", $NF); print $1, $NF }')
assert_eq "$years" "$totals" "each year row shows the aid of pairoff totals for the pair and year"
# bars for the years only: never on a heading, a fact, a span or a cumulative figure
barred=$(printf '%s\n' "$funds" | grep -v '^[12][0-9][0-9][0-9] ' | grep '[▏▎▍▌▋▊▉█]')
assert_eq "$barred" "" "no bar but on year rows"
assert_contains "$funds" "multi-year figures (no bar)" "the span heading"
assert_contains "$funds" "cumulative figures (no bar)" "the cumulative heading"
last_year=$(printf '%s\n' "$funds" | grep -n '^[12][0-9][0-9][0-9] ' | tail -n 1 | cut -d: -f1)
span_at=$(printf '%s\n' "$funds" | grep -n 'multi-year figures' | cut -d: -f1)
[ "${span_at:-0}" -gt "${last_year:-0}" ] || fail "the span figures come after every year"
assert_eq "$(printf '%s\n' "$funds" | grep -c '^  [^ ]')" \
	"$(printf '%s\n' "$twin" | awk -F'\t' '$1 == "fact" && $3 == 0 || $1 == "heading" && $2 != "span" && $2 != "cumulative" || $1 == "indicators"' | wc -l | tr -d ' ')" \
	"one line per fact, year heading and year's counts of the CLI twin, indented under its year"

# a flow stated several times: "N sources", its differing figures, Enter lists them
idx=$(printf '%s\n' "$twin" | awk -F'\t' 'NR > 1 && $15 != "" { print NR - 2; exit }')
[ -n "$idx" ] || fail "no flow with disagreeing figures for Shanghai -> Yunnan"
row=$(printf '%s\n' "$twin" | awk -F'\t' -v n="$((idx + 2))" 'NR == n')
nsrc=$(printf '%s\n' "$row" | cut -f14)
figs=""
for f in $(printf '%s\n' "$row" | cut -f15); do figs="$figs${figs:+ / }$(commas "$f")"; done
first_src="$(printf '%s\n' "$row" | cut -f16), line $(printf '%s\n' "$row" | cut -f17)"
PAIROFF_DUMP_SIZE=160x40 run "$PAIROFF" --db "$db" --dump-keys "$to_pair$(js "$idx")"
y=$(printf '%s\n' "$out" | sed -n '$p' | sed 's/cursor: \([0-9]*\),.*/\1/')
selected=$(printf '%s\n' "$out" | sed -n "$((y + 1))p" | awk -F'│' '{ print $3 }')
assert_contains "$selected" "$figs" "the statements' differing figures, side by side"
# where the pane has room, the number of statements stands beside the figures
PAIROFF_DUMP_SIZE=240x40 run "$PAIROFF" --db "$db" --dump-keys "$to_pair$(js "$idx")"
y=$(printf '%s\n' "$out" | sed -n '$p' | sed 's/cursor: \([0-9]*\),.*/\1/')
selected=$(printf '%s\n' "$out" | sed -n "$((y + 1))p" | awk -F'│' '{ print $3 }')
assert_contains "$selected" "$nsrc sources" "the number of statements of the flow"
PAIROFF_DUMP_SIZE=160x40 run "$PAIROFF" --db "$db" --dump-keys "$to_pair$(js "$idx")<Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "$nsrc statements of" "Enter lists the statements"
for src in $(printf '%s\n' "$row" | cut -f19); do
	assert_contains "$out" "$src" "the list names $src"
done
PAIROFF_DUMP_SIZE=160x40 run "$PAIROFF" --db "$db" --dump-keys "$to_pair$(js "$idx")<Enter><Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "$first_src" "Enter on the first statement opens its source"
PAIROFF_DUMP_SIZE=160x40 run "$PAIROFF" --db "$db" --dump-keys "$to_pair$(js "$idx")o"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "$first_src" "o opens the first statement at once"

# the unit toggle: the same year figures in million yuan (rounded as shown);
# the screen tall enough for every year row with its indicator counts
PAIROFF_DUMP_SIZE=120x200 run "$PAIROFF" --db "$db" --dump-keys "${to_pair}uu"
million=$(pane3 "$out" | awk '/^[12][0-9][0-9][0-9] / { gsub(",", "", $NF); print $1, $NF }')
bad=$(printf '%s\n' "$totals" "$million" | awk '{ y[NR] = $1; v[NR] = $2 }
	END { n = NR / 2; for (i = 1; i <= n; i++) { d = v[i] - v[i + n] * 1000000; if (d < 0) d = -d
		if (y[i] != y[i + n] || d > v[i] / 100 + 5000) print y[i], v[i], v[i + n] } }')
assert_eq "$(printf '%s\n' "$million" | wc -l | tr -d ' ')" "$(printf '%s\n' "$totals" | wc -l | tr -d ' ')" "u u: every year row"
assert_eq "$bad" "" "u u: the year figures in million yuan"
# a wide pane gives the year's investment a column of its own
PAIROFF_DUMP_SIZE=200x30 run "$PAIROFF" --db "$db" --dump-keys "${to_pair}uu"
header=$(printf '%s\n' "$out" | sed -n 2p | awk -F'│' '{ print $3 }')
assert_contains "$header" "Aid" "wide funds header: aid"
assert_contains "$header" "Invest" "wide funds header: investment"

# s keeps the years together: newest first, largest aid first; span figures last
PAIROFF_DUMP_SIZE=120x200 run "$PAIROFF" --db "$db" --dump-keys "${to_pair}s"
assert_contains "$out" "sorted by newest first" "s in the funds pane"
funds=$(pane3 "$out")
sorted=$(printf '%s\n' "$funds" | awk '/^[12][0-9][0-9][0-9] / { print $1 }')
assert_eq "$sorted" "$(printf '%s\n' "$totals" | cut -d' ' -f1 | sort -rn)" "newest year first"
# the newest year of money or of counts (a year with counts only is a
# "  YEAR: ..." line, its counts under it)
newest=$(printf '%s\n' "$twin" | awk -F'\t' '$1 == "year" || $1 == "indicators" { print $4 }' | sort -rn | head -n 1)
assert_eq "$(printf '%s\n' "$funds" | sed -n 2p | sed 's/^ *//' | cut -c1-4)" "$newest" \
	"the newest year's row first, its flows under it"
last_year=$(printf '%s\n' "$funds" | grep -n '^[12][0-9][0-9][0-9] ' | tail -n 1 | cut -d: -f1)
span_at=$(printf '%s\n' "$funds" | grep -n 'multi-year figures' | cut -d: -f1)
[ "${span_at:-0}" -gt "${last_year:-0}" ] || fail "sorted: the span figures still come last"
PAIROFF_DUMP_SIZE=120x200 run "$PAIROFF" --db "$db" --dump-keys "${to_pair}ss"
assert_contains "$out" "sorted by largest aid first" "s twice in the funds pane"
sorted=$(pane3 "$out" | awk '/^[12][0-9][0-9][0-9] / { print $1 }' | head -n 1)
assert_eq "$sorted" "$(printf '%s\n' "$totals" | sort -k2,2 -rn | head -n 1 | cut -d' ' -f1)" "the year of the most aid first"

# --- the acceptance questions, keys only ----------------------------------------
# Which Chongqing county is Yantai paired with? (a county's city finds its province)
dump "fyantai<Enter><Enter>fyantai<Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 3p)" "Yantai → Wushan County" "Yantai's pair"
dump "fchongqing<Enter><Enter>fyantai<Enter>"
assert_contains "$out" "Yantai → Wushan County" "the same pair from Chongqing's side"
# Which counties do Tianjin's districts (and Liaoning's, Jiangsu's, Beijing's
# cities and districts) help? Links seen through aid read "⇢" and open their
# sentence (issue 9).
for q in "tianjin:hedong:Min County:51" "liaoning:yingkou:Ledu County:87" \
	"jiangsu:taicang:Mizhi County:135" "beijing:haidian:Aohan Banner:37"; do
	prov=${q%%:*} rest=${q#*:} donor=${rest%%:*} rest=${rest#*:} county=${rest%%:*} line=${rest#*:}
	dump "f$prov<Enter><Enter>f$donor<Enter>"
	assert_contains "$(printf '%s\n' "$out" | sed -n 3p)" "⇢ $county" "partners of $prov: $donor ⇢ $county"
	dump "f$prov<Enter><Enter>f$donor<Enter>o"
	assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "east-west-pairing-2012.txt, line $line" \
		"$donor ⇢ $county opens its sentence"
done
# How much did Shanghai give Wenshan in 2009, and where does it say so?
run "$PAIROFF" --db "$db" pane funds Shanghai "Wenshan Prefecture" --format tsv
wenshan=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "year" && $4 == 2009 { print $8 }')
[ -n "$wenshan" ] || fail "pane funds: no 2009 year row for Shanghai -> Wenshan"
# the filter names the stated pair: Wenshan's counties are partners too (issue 9)
dump "fshanghai<Enter><Enter>fwenshan 1996<Enter><Enter>"
row=$(printf '%s\n' "$out" | grep '│2009 ' | head -n 1)
assert_contains "$row" " $(commas "$wenshan")" "Shanghai -> Wenshan, 2009: the year row as the CLI twin"
dump "fshanghai<Enter><Enter>fwenshan 1996<Enter><Enter>f2009<Enter><Enter>"
assert_contains "$out" "Enter on a figure below opens its source" "a year row has no source of its own"
dump "fshanghai<Enter><Enter>fwenshan 1996<Enter><Enter>f2009<Enter>j<Enter>"
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
# The search prompt leaks no SQLite message either (issue 11, item 4).
dump '/a : b<Enter>'
assert_contains "$out" "no column named 'a'" "a column that does not exist: says so"
assert_not_contains "$out" "no such column" "a column that does not exist: no SQLite message"
dump '/a:b<Enter>'
assert_not_contains "$out" "no such column" "a:b searched as typed"
assert_not_contains "$out" "invalid search query" "a:b searched as typed: no error"
dump '/entire:village<Enter>'
assert_contains "$out" "hits for \"entire:village\"" "entire:village searched as typed"

# --- a hit's source: the query marked wherever it occurs; / in the text ----------
# A made-up report: a phrase, its words apart, a word that only starts like
# one of them, and a needle on three lines far apart.
mkdir -p "$test_tmp/fx"
{
	printf 'Made-Up Report Pairing-off Poverty Alleviation\n\n'
	printf '      The zebra crossing by the school was painted; a Zebra-Crossing sign went up too.\n\n'
	for i in $(seq 1 40); do
		printf '      Filler paragraph %d about roads, wells and schools in a made-up county.\n\n' "$i"
		[ "$i" = 12 ] && printf '      Here the first needle lies.\n\n'
		[ "$i" = 30 ] && printf '      Here the second needle lies.\n\n'
	done
	printf '      Near the end: zebras and a crossing, but no zebra crossing.\n\n'
	printf '      The last needle, beside one more zebra crossing.\n'
} >"$test_tmp/fx/made-up.txt"
run "$PAIROFF" --db "$test_tmp/fx.db" import "$test_tmp/fx"
assert_rc 0 "import of the made-up report"
fdump() {  # fdump KEYS: the made-up report's screen at 80x24 after KEYS, marks listed
	PAIROFF_DUMP_SIZE=80x24 PAIROFF_DUMP_MARKS=1 run "$PAIROFF" --db "$test_tmp/fx.db" --dump-keys "$1"
	assert_rc 0 "dump of [$1]"
	marks=$(printf '%s\n' "$out" | sed -n '/^cursor: /,$p' | sed 1d)
	status=$(printf '%s\n' "$out" | sed -n '/^cursor: /q; p' | sed -n '$p')
}
fdump '/"zebra crossing"<Enter><Enter>'
assert_contains "$out" "made-up.txt, line 3 " "the phrase's first hit opened"
assert_eq "$marks" "hits 4: [zebra crossing] [Zebra-Crossing]" "the whole phrase marked, twice on its line"
fdump '/"zebra crossing"<Enter><Enter>G'
assert_contains "$out" "zebras and a crossing, but no zebra" "the end of the report shown"
assert_not_contains "$marks" "[zebras]" "a phrase: a word that only starts like one of its words is not marked"
assert_not_contains "$marks" "[crossing]" "a phrase: its word alone is not marked"
assert_eq "$(printf '%s\n' "$marks" | grep -o '\[zebra crossing\]' | wc -l | tr -d ' ')" 2 \
	"a phrase: every occurrence in view marked (the end of one line, the next)"
fdump '/zebra crossing<Enter><Enter>G'
assert_contains "$marks" "[crossing]" "words: each word marked alone"
assert_contains "$marks" "[zebra] [crossing]" "words: both words marked where they stand together"
assert_not_contains "$marks" "[zebras]" "words: whole words only"
fdump '/zebra<Enter><Enter>/needle<Enter>'
assert_contains "$status" "/needle: match 1 of 3" "/ in the source view finds the first match"
y=$(printf '%s\n' "$out" | sed -n 's/^cursor: \([0-9]*\),.*/\1/p')
assert_contains "$(printf '%s\n' "$out" | sed -n "$((y + 1))p")" "first needle" "the first match selected and in view"
fdump '/zebra<Enter><Enter>/needle<Enter>n'
assert_contains "$out" "/needle: match 2 of 3" "n: the next match"
y=$(printf '%s\n' "$out" | sed -n 's/^cursor: \([0-9]*\),.*/\1/p')
assert_contains "$(printf '%s\n' "$out" | sed -n "$((y + 1))p")" "second needle" "n scrolls the match into view"
assert_not_contains "$out" "first needle" "the screen has scrolled on"
fdump '/zebra<Enter><Enter>/needle<Enter>nN'
assert_contains "$out" "/needle: match 1 of 3" "N: the previous match"
fdump '/zebra<Enter><Enter>/needle<Enter>nnn'
assert_contains "$out" "/needle: match 1 of 3 (wrapped to the top)" "n past the last match wraps"
fdump '/zebra<Enter><Enter>/needle<Enter>N'
assert_contains "$out" "/needle: match 3 of 3 (wrapped to the bottom)" "N before the first match wraps"
fdump '/zebra<Enter><Enter>/needle<Enter>n/<Enter>'
assert_contains "$out" "/needle: match 2 of 3" "/ then Enter alone: the last pattern again, from the match shown"
fdump '/zebra<Enter><Enter>/giraffe<Enter>'
assert_contains "$out" "Pattern not found: giraffe" "a pattern not in the text"
fdump '/zebra<Enter><Enter>/sign<Enter>'
assert_contains "$marks" "[zebra]" "the search's marks stay beside the pattern's"
fdump '/zebra<Enter><Enter>F'
assert_eq "$status" "Search:" "F in the source view: the store-wide search"
fdump '/zebra<Enter><Enter>/'
assert_eq "$status" "/" "/ in the source view: the text's own prompt"
fdump '/needle<Enter><Enter>n'
second=$(grep -n 'second needle' "$test_tmp/fx/made-up.txt" | cut -d: -f1)
assert_contains "$out" "made-up.txt, line $second " "n without a pattern: the next search hit"

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
# Without UTF-8 the report's own punctuation shows in ASCII, not as '?'.
LC_ALL=C PAIROFF_DUMP_SIZE=60x12 run "$PAIROFF" --db "$test_tmp/odd.db" --dump-keys "/zebrafish<Enter><Enter>"
assert_rc 0 "source view of the odd report without UTF-8"
assert_contains "$out" '"quoted"' "without UTF-8: curly quotes as ASCII quotes"
assert_contains "$out" "[ ? ? ]" "without UTF-8: CJK brackets as ASCII ones, as wide; characters as '?'"

# --- too small, 1x1, help, unbound key ---------------------------------------------
PAIROFF_DUMP_SIZE=20x5 run "$PAIROFF" --db "$db" --dump-keys "jjj"
assert_rc 0 "20x5"
assert_contains "$out" "enlarge the terminal" "too-small message"
PAIROFF_DUMP_SIZE=1x1 run "$PAIROFF" --db "$db" --dump-keys "j<Resize:100x30>j<Resize:1x1>"
assert_rc 0 "1x1 and resizes"
PAIROFF_DUMP_SIZE=100x90 run "$PAIROFF" --db "$db" --dump-keys "?"
for h in "Move down one row" "Full-text search in all reports" "Cycle money units" \
	"Export the current table" "Copy the selected row" "Quit at once" "[ui] unit"; do
	assert_contains "$out" "$h" "help lists [$h]"
done
PAIROFF_DUMP_SIZE=100x60 run "$PAIROFF" --db "$db" --dump-keys "?G"
help=$(printf '%s\n' "$out" | tr -s ' \n' '  ')
for h in "loan subsidies, by the pairs' own yearly totals" "signed agreements, contracts and trade" \
	"never added to it" "counted once" "Enter lists the statements" "never a bar" \
	"span and cumulative figures stay last"; do
	assert_contains "$help" "$h" "help legend says [$h]"
done
widest=$(printf '%s\n' "$out" | sed '$d' | wc -L)
[ "$widest" -le 100 ] || fail "a help line is $widest columns wide at 100 columns"
# The script's key names: an unknown <Name> is an error, never typed as letters.
run "$PAIROFF" --db "$db" --dump-keys "fsimao<Enter><Escape>q"
assert_rc 2 "unknown key name <Escape>"
assert_one_line "$err" "unknown key name"
assert_contains "$err" "unknown key name <Escape>" "the message names the bad key"
assert_eq "$out" "" "nothing drawn for a script with an unknown key name"
run "$PAIROFF" --db "$db" --dump-keys "j<Resize:80x>"
assert_rc 2 "a malformed <Resize:...>"
dump "fsimao<Enter><Esc><lt><C-l>a<b"
assert_not_contains "$err" "unknown" "known names and a lone < are accepted"
dump "Z"
assert_contains "$out" "Z is not bound (? lists the keys)" "unbound key message"

# --- the partners' filter: the places' other names, loaded when it is set ------
# The pane is loaded without its rows' aliases and Chinese names (a fifth to two
# fifths of its query) until a filter needs them: a word found only there (taken
# from the CLI twin, which prints them) still finds its row.
run "$PAIROFF" --db "$db" pane partners Guizhou -f tsv
pick=$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 && $1 == "pair" { n = split($12, w, " ")
	for (i = n; i > 0; i--) if (index($2 " " $3 " " $4, w[i]) == 0 && w[i] !~ /^[A-Za-z(]/) {
		print w[i] "\t" $3; exit } }')
tab=$(printf '\t')
word=${pick%%"$tab"*} donor=${pick#*"$tab"}
[ -n "$word" ] || fail "no pair row of Guizhou has a Chinese name in its aliases"
dump "fguizhou<Enter><Right>f$word<Enter>"
assert_not_contains "$out" "no row matches the filter" "partners filtered by [$word], a name of its places only"
assert_contains "$out" "${donor%% *}" "the row of $donor is listed"
dump "fguizhou<Enter><Right>fno-such-place<Enter>"
assert_contains "$out" "no row matches the filter" "a word of no row matches nothing"

done_testing
