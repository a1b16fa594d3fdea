#!/bin/sh
# Place names in English, Chinese or both (issue 12, item 3), through the
# in-process screen dump: [ui] names and the t key; whole screens at 80x24
# and 120x40 compared with tests/screens/; every line of a screen with
# double-width names is exactly as wide as the terminal, its pane borders
# in one column; the cursor and sorting are those of the English names;
# under a locale without UTF-8 the browser shows the English names, never "?".

. "$top_srcdir/tests/lib.sh"

bundled_store
for mode in en zh both; do
	printf '[ui]\nnames = %s\n' "$mode" >"$test_tmp/$mode.ini"
done

# ndump MODE SIZE KEYS: the screen after KEYS with [ui] names = MODE, in $out
ndump() { dump "$2" "$3" --config "$test_tmp/$1.ini"; }

# aligned WIDTH WHAT: every screen line of $out (the cursor line aside)
# takes at most WIDTH columns (the dump drops trailing blanks), a Chinese
# character two, and the pane borders stand in the same columns on every
# line that has them
aligned() {
	# (perl: sed's ranges of Chinese characters depend on the locale's collation)
	printf '%s\n' "$out" | sed '$d' |
		perl -CSD -pe 's/\p{Han}/WW/g; s/\x{2502}/|/g; s/[^ -~\n]/./g' >"$test_tmp/cells" ||
		fail "$2: perl could not measure the screen"
	bad=$(awk -v w="$1" 'length($0) > w { print NR ": " length($0) " columns" }' "$test_tmp/cells")
	[ -z "$bad" ] || fail "$2: lines wider than $1 columns: $bad"
	cols=$(awk 'index($0, "|") { s = ""; for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == "|") s = s " " i; print s }' \
		"$test_tmp/cells" | sort -u | wc -l)
	[ "$cols" -eq 1 ] || fail "$2: the pane borders stand in $cols different sets of columns"
}

# --- whole screens, provinces and partners -----------------------------------
same_screen names-zh-80x24.txt 80x24 "jj<Enter>" --config "$test_tmp/zh.ini"
same_screen names-both-80x24.txt 80x24 "jj<Enter>" --config "$test_tmp/both.ini"
same_screen names-both-120x40.txt 120x40 "jj<Enter>" --config "$test_tmp/both.ini"
for size in 80x24 120x40 100x30 60x20; do
	for mode in zh both; do
		ndump "$mode" "$size" "jj<Enter>"
		aligned "${size%x*}" "names = $mode at $size"
		assert_contains "$out" "福建" "names = $mode at $size shows Fujian in Chinese"
	done
done
ndump both 80x24 "jj<Enter>"
assert_contains "$out" "Fujian 福建" "both: English, then Chinese"
ndump both 60x20 "jj<Enter>"
assert_contains "$out" "…" "both at 60 columns: a name too long is cut with an ellipsis"
ndump zh 80x24 ""
assert_not_contains "$out" "Fujian" "zh: the provinces pane names Fujian in Chinese only"

# --- the cursor and the sort follow the rows, whatever their names -----------
ndump en 120x40 "jjjj"
en_row=$(cursor_line | sed 's/ .*//')
ndump both 120x40 "jjjj"
case $(cursor_line) in
"$en_row "*) ;;
*) fail "names = both: four rows down is [$(cursor_line)], in English [$en_row]" ;;
esac
ndump both 120x40 "sg"
both_first=$(cursor_line | sed 's/ .*//')
ndump en 120x40 "sg"
assert_eq "$(cursor_line | sed 's/ .*//')" "$both_first" "sorted by aid, the first row is the same in both scripts"

# --- t cycles en -> zh -> both -> en ------------------------------------------
ndump en 80x24 "t"
assert_contains "$(status_line)" "place names in Chinese" "t: Chinese"
assert_contains "$out" "北京" "t shows the Chinese names"
ndump en 80x24 "tt"
assert_contains "$(status_line)" "place names in English and Chinese" "tt: both"
assert_contains "$out" "Beijing 北京" "tt shows both"
ndump en 80x24 "ttt"
assert_contains "$(status_line)" "place names in English" "ttt: English again"
assert_not_contains "$out" "北京" "ttt: no Chinese left"

# --- no UTF-8: English, never "?" ---------------------------------------------
for mode in zh both; do
	LC_ALL=C PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --config "$test_tmp/$mode.ini" --db "$db" \
		--dump-keys "jj<Enter>"
	assert_rc 0 "dump under LC_ALL=C with names = $mode"
	c_out=$out
	LC_ALL=C PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --config "$test_tmp/en.ini" --db "$db" \
		--dump-keys "jj<Enter>"
	assert_eq "$c_out" "$out" "LC_ALL=C: names = $mode shows the English screen"
	assert_contains "$c_out" "Fujian" "LC_ALL=C: names = $mode names Fujian in English"
	assert_not_contains "$(printf '%s\n' "$c_out" | sed -n 2,18p)" "?" \
		"LC_ALL=C: names = $mode shows no ? in the rows"
done
# --- no UTF-8: the browser's own signs in ASCII, never "?" (issue 12) ---------
cdump() {  # cdump SIZE KEYS: the screen under LC_ALL=C, in $out
	LC_ALL=C PAIROFF_DUMP_SIZE=$1 run "$PAIROFF" --config "$test_tmp/en.ini" --db "$db" --dump-keys "$2"
	assert_rc 0 "dump of [$2] at $1 under LC_ALL=C"
}
cdump 120x40 "fshanghai<Enter><Right>j<Right>"
assert_contains "$out" "A -> B: stated pairing" "LC_ALL=C: the partners legend's arrow"
assert_contains "$out" "A ~> B: seen through aid" "LC_ALL=C: the legend's dashed arrow"
assert_contains "$out" "N sources, xN: one money" "LC_ALL=C: the funds legend's times sign"
assert_contains "$out" "Shanghai -> Yunnan, aid" "LC_ALL=C: the funds title's arrow"
assert_not_contains "$out" "A ? B" "LC_ALL=C: no arrow shown as ?"
cdump 120x40 "M<Enter>"
assert_contains "$(status_line)" "Beijing -> Inner Mongolia among Beijing's partners" \
	"LC_ALL=C: the arrow of a message"
cdump 120x40 "?"
assert_contains "$out" "^ rising, v falling" "LC_ALL=C: the help's sort triangles"
cdump 120x40 ":Wenshan Prefecture<Enter>G"
assert_contains "$out" " ...development" "LC_ALL=C: the ellipsis of a mention's snippet"
# every line of these screens, the report text aside, is ASCII
for keys in "fshanghai<Enter><Right>j<Right>" "M" "m" ":Shanghai<Enter>" "?"; do
	cdump 120x40 "$keys"
	bad=$(printf '%s\n' "$out" | LC_ALL=C grep -n '[^ -~]' | head -n 3)
	[ -z "$bad" ] || fail "LC_ALL=C: bytes beyond ASCII after [$keys]: $bad"
done

# --- the funds pane's title and the place screen's ------------------------------
line2() { printf '%s\n' "$out" | sed -n 2p; }
ndump zh 120x40 "fshanghai<Enter><Enter>j"
assert_contains "$(line2)" "上海 → 云南, aid" "names = zh: the funds title in Chinese"
ndump both 120x40 "fshanghai<Enter><Enter>j"
assert_contains "$(line2)" "Shanghai 上海 → Yunnan 云南, aid" "names = both: the funds title in both"
ndump en 120x40 "fshanghai<Enter><Enter>j"
assert_contains "$(line2)" "Shanghai → Yunnan, aid" "names = en: the funds title in English"
LC_ALL=C PAIROFF_DUMP_SIZE=120x40 run "$PAIROFF" --config "$test_tmp/zh.ini" --db "$db" \
	--dump-keys "fshanghai<Enter><Enter>j"
assert_contains "$(line2)" "Shanghai -> Yunnan, aid" "LC_ALL=C: the funds title in English, an ASCII arrow"
ndump zh 100x30 ":Wenshan Prefecture<Enter>"
assert_contains "$(line2)" "文山: prefecture in Yunnan" "names = zh: the place title in Chinese"
ndump both 100x30 ":Wenshan Prefecture<Enter>"
assert_contains "$(line2)" "Wenshan Prefecture (Yunnan) 文山: prefecture" "names = both: the place title in both"
ndump both 100x30 ":Wushan County (Gansu)<Enter>"
assert_contains "$(line2)" "武山" "names = both: a namesake's title has its own Chinese name"
LC_ALL=C PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --config "$test_tmp/both.ini" --db "$db" \
	--dump-keys ":Wenshan Prefecture<Enter>"
assert_contains "$(line2)" "Wenshan Prefecture (Yunnan): prefecture" "LC_ALL=C: the place title in English"

LC_ALL=C PAIROFF_DUMP_SIZE=80x24 run "$PAIROFF" --config "$test_tmp/en.ini" --db "$db" --dump-keys "t"
assert_contains "$out" "no UTF-8, so English" "LC_ALL=C: t says why the names stay English"

done_testing
