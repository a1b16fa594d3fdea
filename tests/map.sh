#!/bin/sh
# The tile map (issue 12, item 4) through the in-process screen dump: whole
# screens at 80x24 and 120x40 compared with tests/screens/, in Chinese and,
# under LC_ALL=C, in two-letter codes; the same text without colour (the
# marks and shades are glyphs); Shanghai's recipients starred; the arrows
# move to the tile in their direction; Y steps through the years; Enter
# opens the province in the panes; the figures are the provinces pane's.

. "$top_srcdir/tests/lib.sh"

bundled_store
# the tile at the hardware cursor: the 6 columns from there ("[沪██]")
cursor_tile() {
	y=$(printf '%s\n' "$out" | sed -n 's/^cursor: \([0-9]*\),.*/\1/p')
	printf '%s\n' "$out" | sed -n "$((y + 1))p" | sed 's/^[^[]*\[/[/; s/\].*/]/'
}

# --- whole screens -------------------------------------------------------------
same_screen map-shanghai-80x24.txt 80x24 "fshanghai<Enter>M"
same_screen map-shanghai-120x40.txt 120x40 "fshanghai<Enter>M"
LC_ALL=C same_screen map-shanghai-ascii-80x24.txt 80x24 "fshanghai<Enter>M"
utf8_screen=$(cat "$test_tmp/map-shanghai-80x24.txt")
NO_COLOR=1 dump 80x24 "fshanghai<Enter>M"
assert_eq "$out" "$utf8_screen" "NO_COLOR: the same marks and shades"

# --- Shanghai's recipients are starred, the others not -------------------------
dump 80x24 "fshanghai<Enter>M"
assert_eq "$(cursor_tile)" "[沪██]" "Shanghai's tile is selected"
assert_contains "$out" "*滇" "Yunnan, Shanghai's recipient, is starred"
assert_contains "$out" "*黔" "Guizhou, Shanghai's recipient, is starred"
assert_not_contains "$out" "*川" "Sichuan is no partner of Shanghai"
assert_contains "$out" "Its recipients" "Shanghai gives: the panel lists its recipients"
# the panel's figure is the provinces pane's aid of Shanghai
run "$PAIROFF" --db "$db" pane provinces -f tsv
sh_aid=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "Shanghai" { print $5 }')
[ -n "$sh_aid" ] || fail "pane provinces: no aid for Shanghai"
dump 80x24 "fshanghai<Enter>M"
assert_contains "$out" "gave $(printf '%s' "$sh_aid" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')" \
	"the map's figure for Shanghai is the provinces pane's"
dump 80x24 "fyunnan<Enter>M"
assert_contains "$out" "*沪" "Yunnan selected: its donor Shanghai is starred"
assert_contains "$out" "Its donors" "Yunnan receives: the panel lists its donors"
LC_ALL=C dump 80x24 "fshanghai<Enter>M"
assert_contains "$out" "[SH##]" "LC_ALL=C: Shanghai by its code, its shade in ASCII"
assert_contains "$out" "*YN" "LC_ALL=C: Yunnan starred by its code"

# --- the arrows move to the tile in their direction ----------------------------
for case in "<Left>:[皖" "<Up>:[苏" "<Down>:[浙" "<Right>:[沪" "<Left><Left>:[鄂" \
	"<Down><Down>:[台" "<Up><Up>:[津" "<Up><Up><Up>:[辽" "hk:[鲁" "l:[沪"; do
	keys=${case%%:*} want=${case#*:}
	dump 80x24 "fshanghai<Enter>M$keys"
	case $(cursor_tile) in
	"$want"*) ;;
	*) fail "from Shanghai, $keys selects [$(cursor_tile)], expected $want" ;;
	esac
done
dump 80x24 "fshanghai<Enter>M<Left>"
assert_contains "$out" "Anhui" "the panel follows the selection"

# --- Y steps through the years, then every year again --------------------------
dump 80x24 "fshanghai<Enter>MY"
assert_contains "$(status_line)" "aid of 1998" "Y: the first year with aid"
assert_contains "$out" "Aid given or received, 1998" "the header names the year"
years=$(sqlite3 "$db" "SELECT count(DISTINCT year) FROM pair_total WHERE aid_yuan > 0" 2>/dev/null || echo 7)
keys=fshanghai\<Enter\>M
i=0
while [ "$i" -le "$years" ]; do keys="${keys}Y"; i=$((i + 1)); done
dump 80x24 "$keys"
assert_contains "$(status_line)" "aid of every year" "after the last year, every year again"
dump 80x24 "fshanghai<Enter>MYYYYYYY"
assert_contains "$out" "Aid given or received, 2012" "the seventh year is 2012"
assert_contains "$out" "[沪" "the selection stays on Shanghai through the years"

# --- Enter: the province in the panes; M and q close ---------------------------
dump 80x24 "fshanghai<Enter>M<Left><Left><Left><Down><Down><Enter>"
assert_contains "$(printf '%s\n' "$out" | sed -n 1p)" "Guangxi" "Enter on Guangxi's tile opens Guangxi"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Partners of Guangxi" "in the partners pane"
# a province without partners has no pair to open: the map stays, says so
dump 80x24 "fshanghai<Enter>M<Up><Left><Left><Left><Left><Left><Left><Left><Enter>"
assert_eq "$(cursor_tile)" "[藏  ]" "Tibet's tile selected"
assert_contains "$(status_line)" "Tibet: no partners on record" "Enter on Tibet says it has no partners"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Aid given or received" "the map stays"
assert_not_contains "$out" "Tibet → Tibet" "no pair of Tibet with itself"
dump 80x24 "fshanghai<Enter>MM"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Province" "M in the map closes it"
dump 80x24 "Mq"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Province" "q closes the map"
dump 80x24 "Y"
assert_contains "$(status_line)" "works in the map" "Y outside the map says where it works"
dump 40x12 "M"
assert_contains "$out" "the map needs a larger terminal" "a terminal too small for the grid says so"

done_testing
