#!/bin/sh
# `pairoff map` (issue 12, item 5): the tile map as text. Its grid is the
# browser's map (M) tile for tile, glyph for glyph, in both scripts and in
# a year; its figures are the browser panel's and the tsv twin's; it fits
# 80 columns (and narrower terminals); under LANG=C or LC_ALL=C it is
# ASCII with two-letter codes; --format gives the tiles' rows; a bad
# --year is one line on stderr and a non-zero exit.

. "$top_srcdir/tests/lib.sh"

tab=$(printf '\t')
bundled_store

# grid_of FILE FIRST: the map's grid, the 15 lines from line FIRST (3 on
# the page, 4 on the screen under its title bar), their first 49 columns,
# the browser's marks [ ] * blanked, trailing blanks cut. Run under
# LC_ALL=C, where a column is a byte.
grid_of() {
	sed -n "$2,$(($2 + 14))p" "$1" | cut -c1-49 | tr '[]*' '   ' | sed 's/ *$//'
}
# the browser's screen after KEYS at 80x24 under LC_ALL=C, into FILE
browser_ascii() {
	LC_ALL=C PAIROFF_DUMP_SIZE=80x24 "$PAIROFF" --db "$db" --dump-keys "$1" >"$2" 2>&1 ||
		fail "dump of [$1]"
}

# --- the grid is the browser's, every year and 2012 ------------------------------
run env LC_ALL=C "$PAIROFF" --db "$db" map
assert_rc 0 "map under LC_ALL=C"
printf '%s\n' "$out" >"$test_tmp/cli-all"
browser_ascii "fshanghai<Enter>M" "$test_tmp/tui-all"
grid_of "$test_tmp/cli-all" 3 >"$test_tmp/cli-grid"
grid_of "$test_tmp/tui-all" 4 >"$test_tmp/tui-grid"
cmp -s "$test_tmp/cli-grid" "$test_tmp/tui-grid" ||
	fail "map: the grid differs from the browser's:
$(diff -u "$test_tmp/tui-grid" "$test_tmp/cli-grid")"
assert_contains "$(cat "$test_tmp/cli-grid")" "SH##" "Shanghai's tile, the top shade"

run env LC_ALL=C "$PAIROFF" --db "$db" map --year 2012
assert_rc 0 "map --year 2012"
printf '%s\n' "$out" >"$test_tmp/cli-2012"
assert_contains "$(sed -n 1p "$test_tmp/cli-2012")" "Aid given or received, 2012" "the year in the title"
browser_ascii "fshanghai<Enter>MYYYYYYY" "$test_tmp/tui-2012"
assert_contains "$(cat "$test_tmp/tui-2012")" "Aid given or received, 2012" "the browser at 2012"
grid_of "$test_tmp/cli-2012" 3 >"$test_tmp/cli-grid"
grid_of "$test_tmp/tui-2012" 4 >"$test_tmp/tui-grid"
cmp -s "$test_tmp/cli-grid" "$test_tmp/tui-grid" ||
	fail "map --year 2012: the grid differs from the browser's:
$(diff -u "$test_tmp/tui-grid" "$test_tmp/cli-grid")"
if cmp -s "$test_tmp/cli-all" "$test_tmp/cli-2012"; then
	fail "map --year 2012 is the map of every year"
fi

# --- the figures: the browser panel's, the tsv twin's ------------------------------
run "$PAIROFF" --db "$db" map --year 2012 -f tsv
assert_rc 0 "map --year 2012 -f tsv"
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" \
	"name${tab}name_zh${tab}abbr_zh${tab}code${tab}side${tab}tile_row${tab}tile_col${tab}gave_yuan${tab}received_yuan${tab}aid_yuan${tab}role${tab}shade" \
	"the tsv columns"
sh_aid=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "Shanghai" { print $10 }')
sh_shade=$(printf '%s\n' "$out" | awk -F'\t' '$1 == "Shanghai" { print $12 }')
[ -n "$sh_aid" ] || fail "map -f tsv: no aid for Shanghai in 2012"
grouped=$(printf '%s' "$sh_aid" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')
assert_contains "$(cat "$test_tmp/cli-2012")" "gave     $grouped" "the key's figure for Shanghai is the tsv's"
assert_contains "$(cat "$test_tmp/tui-2012")" "gave $grouped, 2012" "and the browser panel's"
glyph=$(printf '  \n..\n::\n++\n##\n' | sed -n "$((sh_shade + 1))p")
assert_contains "$(cat "$test_tmp/cli-grid")" "SH$glyph" "Shanghai's glyph is its tsv shade ($sh_shade)"
# every tile of the tsv is in the grid with its glyph, and a tile without
# aid is listed as such
printf '%s\n' "$out" | sed 1d | awk -F'\t' '{ print $4 "|" $12 "|" $10 "|" $1 }' |
	while IFS='|' read -r code shade aid name; do
	# no aid: the code alone (at the end of a line the blanks are cut)
	glyph=$(printf '( |$)\n\\.\\.\n::\n\\+\\+\n##\n' | sed -n "$((shade + 1))p")
	grep -Eq "$code$glyph" "$test_tmp/cli-grid" || echo "$name: [$code] with shade $shade not in the grid"
	if [ -z "$aid" ]; then
		case "$(cat "$test_tmp/cli-2012")" in
		*"$code $name"*) ;;
		*) echo "$name: no aid but not listed" ;;
		esac
	fi
done >"$test_tmp/missing"
[ -s "$test_tmp/missing" ] && fail "map --year 2012: $(cat "$test_tmp/missing")"
run "$PAIROFF" --db "$db" map --year 2012 --format json
assert_rc 0 "map --format json"
assert_contains "$out" "\"code\": \"SH\"" "json rows"
assert_contains "$out" "\"aid_yuan\": $sh_aid" "json figures"

# --- the scripts: Chinese under UTF-8, codes under LANG=C ----------------------------
run "$PAIROFF" --db "$db" map
assert_rc 0 "map under C.UTF-8"
assert_contains "$out" "沪██" "UTF-8: Shanghai by its character, a block shade"
assert_contains "$out" "沪 Shanghai" "UTF-8: the key names the tile"
assert_not_contains "$out" "SH##" "UTF-8: no codes"
for locale in "LC_ALL=C" "LANG=C"; do
	run env -u LC_ALL $locale "$PAIROFF" --db "$db" map
	assert_rc 0 "map under $locale"
	assert_contains "$out" "SH##" "$locale: Shanghai by its code, an ASCII shade"
	assert_contains "$out" "SH Shanghai" "$locale: the key by code"
	if printf '%s' "$out" | LC_ALL=C grep -q '[^ -~]'; then
		fail "$locale: bytes beyond ASCII in: $(printf '%s' "$out" | LC_ALL=C grep '[^ -~]' | head -n 3)"
	fi
done
printf '[ui]\nnames = both\n' >"$test_tmp/both.ini"
run "$PAIROFF" --config "$test_tmp/both.ini" --db "$db" map
assert_contains "$out" "沪 Shanghai 上海" "names = both: the key in both scripts"
run env -u LC_ALL LANG=C "$PAIROFF" --config "$test_tmp/both.ini" --db "$db" map
assert_contains "$out" "SH Shanghai " "names = both under LANG=C: English"
assert_not_contains "$out" "?" "names = both under LANG=C: no ?"

# --- the width: 80 columns, narrower terminals, piped -------------------------------
widest() {  # widest FILE: its widest line in display columns (a Chinese character two)
	perl -CSD -ne 'chomp; my $w = 0; $w += /\p{Han}/ ? 2 : 1 for split //; $m = $w if $w > ($m // 0);
		END { print $m // 0 }' "$1"
}
run "$PAIROFF" --db "$db" map
printf '%s\n' "$out" >"$test_tmp/piped"
[ "$(widest "$test_tmp/piped")" -le 80 ] || fail "map piped: wider than 80 columns"
if command -v script >/dev/null 2>&1; then
	for w in 80 60 45 30; do
		script -qc "stty cols $w rows 50; '$PAIROFF' --db '$db' map" /dev/null </dev/null |
			tr -d '\r' >"$test_tmp/tty"
		[ "$(widest "$test_tmp/tty")" -le "$w" ] ||
			fail "map on a terminal of $w columns: a line of $(widest "$test_tmp/tty")"
		assert_contains "$(cat "$test_tmp/tty")" "Shanghai" "map at $w columns keeps the key"
	done
	script -qc "stty cols 80 rows 50; '$PAIROFF' --db '$db' map" /dev/null </dev/null | tr -d '\r' >"$test_tmp/tty"
	cmp -s "$test_tmp/tty" "$test_tmp/piped" || fail "map at 80 columns differs from the piped page:
$(diff -u "$test_tmp/piped" "$test_tmp/tty" | head -n 20)"
fi

# --- errors: one line, a non-zero exit ----------------------------------------------
run "$PAIROFF" --db "$db" map --year 20x9
assert_rc 2 "map --year 20x9"
assert_one_line "$err" "map --year 20x9"
assert_contains "$err" "bad --year '20x9'" "the message names the bad year"
[ -z "$out" ] || fail "map --year 20x9 printed a map"
run "$PAIROFF" --db "$db" map --year 1990
assert_rc 1 "map --year 1990 (no aid that year)"
assert_one_line "$err" "map --year 1990"
assert_contains "$err" "years with aid: 1998" "the message lists the years with aid"
run "$PAIROFF" --db "$db" map --year
assert_rc 2 "map --year without a value"
assert_one_line "$err" "map --year without a value"
run "$PAIROFF" --db "$db" map Shanghai
assert_rc 2 "map with an argument"
assert_one_line "$err" "map with an argument"
# the matrix and the money filters share the year parser
run "$PAIROFF" --db "$db" matrix --from 20x9
assert_rc 2 "matrix --from 20x9"
assert_eq "$err" "pairoff: matrix: bad --from '20x9' (expected a year such as 2009) (see pairoff --help)" \
	"matrix --from 20x9"
run "$PAIROFF" --db "$db" totals --year 1800
assert_rc 2 "totals --year 1800"
assert_eq "$err" "pairoff: totals: bad --year '1800' (expected a year such as 2009) (see pairoff --help)" \
	"totals --year 1800"

# --- the help and the man page name it ----------------------------------------------
run "$PAIROFF" --help
assert_contains "$out" "map [--year Y]" "pairoff --help lists map"
assert_contains "$(cat "$top_srcdir/data/pairoff.1")" ".BR map \" [\\fB\\-\\-year\\fR" "the man page describes map"

done_testing
