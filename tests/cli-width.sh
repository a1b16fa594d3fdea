#!/bin/sh
# The command line at 80 columns (issue 11, item 7): on a terminal, pairs,
# funds, totals, indicators, reports and show fit its width, no name is cut
# (a long one wraps) and amounts have their digits grouped; piped, the same
# listings are whole; tsv, csv and json keep plain digits. script(1) gives
# the command a terminal of the width asked (stty cols); the names and
# figures are compared with the tsv twin, never typed in.
. "${top_srcdir:?}/tests/lib.sh"

command -v script >/dev/null 2>&1 || skip "script(1) not found"

tab=$(printf '\t')
bundled_store

# at_width COLUMNS CMD...: CMD's output on a terminal that wide, in $tty
# (NO_COLOR: no bold, so that widths are the text's).
at_width() {
	w=$1
	shift
	script -qc "stty cols $w rows 50; NO_COLOR=1 '$PAIROFF' --db '$db' $*" /dev/null \
		</dev/null >"$test_tmp/tty.raw" 2>&1
	tr -d '\r' <"$test_tmp/tty.raw" >"$test_tmp/tty.txt"
	tty=$(cat "$test_tmp/tty.txt")
}

# fits WIDTH WHAT: no line of $tty is wider than WIDTH display columns.
fits() {
	widest=$(wc -L <"$test_tmp/tty.txt" | tr -d ' ')
	[ "$widest" -le "$1" ] || fail "$2: a line of $widest columns on a terminal of $1:
$(awk -v w="$1" 'length($0) > w' "$test_tmp/tty.txt" | head -n 5)"
	[ -s "$test_tmp/tty.txt" ] || fail "$2: no output on the terminal"
}

# --- every listing fits 80 columns (and narrower and wider terminals) ----------
for w in 80 60 120; do
	for cmd in pairs funds totals indicators reports "show Yunnan" "show Zhejiang" \
		"show Beijing" "show Shanghai" "pairs Guizhou"; do
		at_width "$w" "$cmd"
		fits "$w" "$cmd at $w columns"
	done
done

# The terminal's own width wins; $COLUMNS is used when it cannot tell.
script -qc "stty cols 0 rows 50; COLUMNS=70 NO_COLOR=1 '$PAIROFF' --db '$db' pairs" /dev/null \
	</dev/null | tr -d '\r' >"$test_tmp/tty.txt"
fits 70 "pairs with COLUMNS=70 on a terminal of unknown width"

# --- names are whole: the table's rows rebuilt from its columns ------------------
# names_of CMD KEY: the donor and recipient of each row of the table at 80
# columns, a wrapped name joined again (a row's first line has its KEY
# column filled, its other lines do not), one "donor|recipient" a line.
names_of() {
	at_width 80 "$1"
	"$PYTHON3" - "$test_tmp/tty.txt" "$2" <<'PY'
import re, sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
key = sys.argv[2]
def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
def at_cols(line):
    """The line as a list indexed by display column."""
    out = []
    for ch in line:
        out.append(ch)
        out.extend([""] * (width(ch) - 1))
    return out
head = lines[0]
starts = [(m.group(0), m.start()) for m in re.finditer(r"\S+", head)]
cols = {}
for i, (name, start) in enumerate(starts):
    end = starts[i + 1][1] if i + 1 < len(starts) else 10**6
    cols[name] = (start, end)
def cell(line, name):
    s, e = cols[name]
    return "".join(at_cols(line)[s:e]).strip()
rows = []
for line in lines[1:]:
    if not line.strip():
        continue
    if cell(line, key):
        rows.append([cell(line, "donor"), cell(line, "recipient")])
    else:
        for i, name in enumerate(("donor", "recipient")):
            part = cell(line, name)
            if part:
                rows[-1][i] += " " + part
for d, r in rows:
    print(d + "|" + r)
PY
}

if [ -n "${PYTHON3:-}" ]; then
	for spec in "pairs:line" "funds:amount_yuan" "totals:aid_yuan"; do
		cmd=${spec%%:*} key=${spec#*:}
		shown=$(names_of "$cmd" "$key" | sort)
		want=$("$PAIROFF" --db "$db" "$cmd" --format tsv | sed 1d | cut -f1,2 | tr '\t' '|' | sort)
		[ -n "$want" ] || fail "$cmd: no rows in tsv"
		assert_eq "$shown" "$want" "$cmd at 80 columns: every donor and recipient whole"
	done
	# At 80 columns some names did wrap (else the test above proves little).
	at_width 80 funds
	[ "$(wc -l <"$test_tmp/tty.txt")" -gt "$("$PAIROFF" --db "$db" funds --format tsv | wc -l)" ] ||
		fail "funds at 80 columns: no name wrapped onto a second line"
fi
at_width 80 pairs
# only a report's file name may be cut (its line number follows)
cut=$(printf '%s\n' "$tty" | grep '…' | grep -v '…  *[0-9][0-9]*$' | head -n 3)
assert_eq "$cut" "" "pairs at 80 columns: nothing but a report name is cut"
assert_not_contains "$(printf '%s\n' "$tty" | head -n 1)" "quote" "pairs at 80 columns: the quote goes first"
assert_contains "$(printf '%s\n' "$tty" | head -n 1)" "recipient" "pairs at 80 columns: the names stay"
at_width 80 reports
for f in "$top_srcdir"/data/reports/*.txt; do
	assert_contains "$tty" "$(basename "$f")" "reports at 80 columns: $(basename "$f") whole"
done

# show: every pair it lists, and every name in its money and counts, is on
# the page whole once the wrapped lines are joined.
for region in Yunnan Zhejiang Beijing Guizhou; do
	at_width 80 show "$region"
	fits 80 "show $region"
	page=$(printf '%s\n' "$tty" | tr -s ' \n' '  ')
	"$PAIROFF" --db "$db" show "$region" --format tsv | sed 1d |
		awk -F"$tab" '$1 == "partner" || $1 == "funds" || $1 == "indicators" { print $2 }' |
		sort -u >"$test_tmp/names"
	[ -s "$test_tmp/names" ] || fail "show $region: nothing to look for"
	while IFS= read -r arrow; do
		assert_contains "$page" "$arrow" "show $region at 80 columns: $arrow whole"
	done <"$test_tmp/names"
	# the first place pairs it lists (it lists 12, sorted as pairs is)
	"$PAIROFF" --db "$db" show "$region" --format tsv | awk -F"$tab" '$1 == "pair" { print $2 }' |
		head -n 3 >"$test_tmp/names"
	while IFS= read -r arrow; do
		assert_contains "$page" "$arrow" "show $region at 80 columns: place pair $arrow"
	done <"$test_tmp/names"
done

# --- amounts: grouped in tables, plain digits elsewhere -----------------------------
group() { printf '%s\n' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
amount=$("$PAIROFF" --db "$db" funds --format tsv | sed 1d | cut -f8 | sort -n | tail -n 1)
case $amount in [0-9][0-9][0-9][0-9]*) ;; *) fail "no amount of four digits or more: [$amount]" ;; esac
run "$PAIROFF" --db "$db" funds
assert_contains "$out" " $(group "$amount")" "funds table: the largest amount grouped by thousands"
at_width 80 funds
assert_contains "$tty" " $(group "$amount")" "funds at 80 columns: the amount grouped"
run "$PAIROFF" --db "$db" totals
assert_contains "$out" "$(group "$("$PAIROFF" --db "$db" totals --format tsv | sed -n 2p | cut -f4)")" \
	"totals table: aid grouped"
run "$PAIROFF" --db "$db" funds --format tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f8 | grep -vc '^[0-9]*$')" 0 "tsv amounts: plain digits"
run "$PAIROFF" --db "$db" funds --format csv
assert_contains "$out" ",$amount," "csv amounts: plain digits"
run "$PAIROFF" --db "$db" funds --format json
assert_contains "$out" "\"amount_yuan\": $amount," "json amounts: numbers"

# --- piped: whole, however long ---------------------------------------------------
run "$PAIROFF" --db "$db" pairs
assert_eq "$(printf '%s\n' "$out" | grep -c '…')" \
	"$("$PAIROFF" --db "$db" pairs --format tsv | grep -c '…')" "piped pairs: no quote cut"
longest=$("$PAIROFF" --db "$db" pairs --format tsv | sed 1d | cut -f9 | awk '{ print length($0) "\t" $0 }' |
	sort -rn | head -n 1 | cut -f2)
[ "${#longest}" -gt 100 ] || fail "no quote over 100 characters to test with: [$longest]"
assert_contains "$out" "$longest" "piped pairs: the longest quote whole"
run "$PAIROFF" --db "$db" funds
assert_contains "$(printf '%s\n' "$out" | head -n 1)" "all_sources" "piped funds: every column"
run "$PAIROFF" --db "$db" show Shanghai
assert_contains "$out" "$("$PAIROFF" --db "$db" show Shanghai --format tsv |
	awk -F"$tab" '$1 == "partner" { print $9 ":" $10; exit }')" "piped show: pairs with report:line"

# --- a locale without UTF-8: pages for people in ASCII ---------------------------
# A terminal that does not read UTF-8 shows its bytes as garbage and may take
# a byte 0x80-0x9F of one (the "…" of a cut cell holds 0x80) for a C1
# control. Under LC_ALL=C every page for people is ASCII: pairoff's signs in
# ASCII ("·" -> "-", a cut cell's "..."), report text folded, the rest "?".
# The same pages under UTF-8 hold bytes beyond ASCII, so the check can fail.
non_ascii() { LC_ALL=C grep -c '[^ -~]' "$1" || :; }
for cmd in pairs regions "show Yunnan" "search Dulong" indicators map; do
	LC_ALL=C.UTF-8 "$PAIROFF" --db "$db" $cmd >"$test_tmp/page.txt" 2>&1
	[ "$(non_ascii "$test_tmp/page.txt")" -gt 0 ] || fail "$cmd under UTF-8: no byte beyond ASCII to test with"
	LC_ALL=C "$PAIROFF" --db "$db" $cmd >"$test_tmp/page.txt" 2>&1
	assert_eq "$(non_ascii "$test_tmp/page.txt")" 0 "$cmd under LC_ALL=C: ASCII only"
done
LC_ALL=C "$PAIROFF" --db "$db" show Yunnan >"$test_tmp/page.txt"
grep -q ' cadres - [0-9,]* trained' "$test_tmp/page.txt" || fail "show under LC_ALL=C: the counts' dots as ' - '"
# on a terminal of 80 columns, cut cells end in "..."
script -qc "stty cols 80 rows 50; LC_ALL=C NO_COLOR=1 '$PAIROFF' --db '$db' pairs" /dev/null \
	</dev/null >"$test_tmp/tty.raw" 2>&1
assert_eq "$(tr -d '\r' <"$test_tmp/tty.raw" | non_ascii /dev/stdin)" 0 "pairs at 80 columns under LC_ALL=C: ASCII only"
grep -q '\.\.\.  *[0-9][0-9]*' "$test_tmp/tty.raw" || fail "pairs at 80 columns under LC_ALL=C: a cut name ends in '...'"
# the machine formats keep the text as it is
assert_eq "$(LC_ALL=C "$PAIROFF" --db "$db" pairs --format tsv | cksum)" \
	"$(LC_ALL=C.UTF-8 "$PAIROFF" --db "$db" pairs --format tsv | cksum)" "tsv under LC_ALL=C: UTF-8 kept"

done_testing
