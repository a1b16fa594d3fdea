#!/bin/sh
# Command line: --help/--version, the import summary, reports and search in
# every format, FTS errors, exit codes, the default store, bad store files.
. "${top_srcdir:?}/tests/lib.sh"

reports=$top_srcdir/data/reports
db=$test_tmp/store.db
tab=$(printf '\t')
cr=$(printf '\r')

# --- help and version ---------------------------------------------------------
run "$PAIROFF" --version
assert_rc 0 "--version"
assert_eq "$out" "pairoff 0.1.0" "--version output"
run "$PAIROFF" --help
assert_rc 0 "--help"
for cmd in import reports search regions pairs funds indicators show anomalies; do
	assert_contains "$out" "  $cmd" "--help lists $cmd"
done
for opt in --db --config --format --mouse --version; do
	assert_contains "$out" "$opt" "--help lists $opt"
done
# The man page documents every command and option that --help lists.
man=$top_srcdir/data/pairoff.1
for cmd in import reports search regions pairs funds show anomalies; do
	grep -q "^\.BR* $cmd\( \|\$\)" "$man" || fail "man page has no entry for $cmd"
done
for opt in db config format mouse help.-config dump.-keys help version; do
	grep -q "^\.B[IR]* .*\\\\-\\\\-$opt" "$man" || fail "man page has no entry for --$opt"
done
run "$PAIROFF" search --help
assert_rc 0 "search --help"
assert_contains "$out" "pairoff [OPTION...] search" "search --help usage line"

# --- import ---------------------------------------------------------------------
run "$PAIROFF" --db "$db" import "$reports"
assert_rc 0 "import"
printf '%s\n' "$out" | grep -Eq '^imported 5 reports: [0-9]+ sections, [0-9]+ paragraphs, 1 tables, [0-9]+ pairs, [0-9]+ funds, [0-9]+ anomalies in [0-9]+ ms$' ||
	fail "import summary line: [$out]"
assert_eq "$err" "" "import writes nothing on stderr"
[ -s "$db" ] || fail "import created no store"

# The bundled reports are found from the build tree without PAIROFF_DATADIR.
run env -u PAIROFF_DATADIR "$PAIROFF" --db "$test_tmp/bundled.db" import
assert_rc 0 "import of the bundled reports from the build tree"
assert_contains "$out" "imported 5 reports" "bundled import"

# --- reports in four formats ------------------------------------------------------
run "$PAIROFF" --db "$db" reports
assert_rc 0 "reports"
first=$(printf '%s\n' "$out" | head -n 1)
assert_contains "$first" "report" "table header"
assert_contains "$first" "paragraphs" "table header"
for f in "$reports"/*.txt; do
	assert_contains "$out" "$(basename "$f")" "reports lists $(basename "$f")"
done
assert_eq "$(printf '%s\n' "$out" | wc -l)" 6 "table: header and 5 rows"

run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "reports --format tsv"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" \
	"report${tab}title${tab}year${tab}sections${tab}paragraphs${tab}tables${tab}lines" "tsv header"
row=$(printf '%s\n' "$out" | grep '^shanghai-yunnan-2009.txt')
assert_eq "$(printf '%s\n' "$row" | cut -f3)" 2009 "tsv year column"
assert_eq "$(printf '%s\n' "$row" | cut -f6)" 1 "tsv tables column"
assert_eq "$(printf '%s\n' "$row" | cut -f7)" "$(awk 'END { print NR }' "$reports/shanghai-yunnan-2009.txt")" \
	"tsv lines column"

# The global option and the one after the subcommand are the same.
run "$PAIROFF" --format tsv --db "$db" reports
tsv_global=$out
run "$PAIROFF" --db "$db" reports --format=tsv
assert_eq "$out" "$tsv_global" "--format before and after the subcommand"

run "$PAIROFF" --db "$db" reports --format csv
assert_rc 0 "reports --format csv"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" "report,title,year,sections,paragraphs,tables,lines$cr" \
	"csv header with CRLF"

run "$PAIROFF" --db "$db" reports --format json
assert_rc 0 "reports --format json"
assert_contains "$out" '"report": "shanghai-yunnan-2009.txt"' "json report field"
assert_contains "$out" '"year": 2009,' "json year is a number"
case "$out" in "["*"]") ;; *) fail "json is not an array: $out" ;; esac
if [ -n "${PYTHON3:-}" ]; then
	printf '%s\n' "$out" | "$PYTHON3" -m json.tool >/dev/null || fail "json.tool rejects reports json"
fi

# Quoting: a made-up report whose title holds a comma and quotes.
mkdir -p "$test_tmp/quoting"
cat > "$test_tmp/quoting/quoted.txt" <<'EOF'
Made-up "Test", Report\Title

    A paragraph of test prose, with a comma.
EOF
qdb=$test_tmp/quoted.db
run "$PAIROFF" --db "$qdb" import "$test_tmp/quoting"
assert_rc 0 "import of a made-up report"
run "$PAIROFF" --db "$qdb" reports --format csv
assert_contains "$out" 'quoted.txt,"Made-up ""Test"", Report\Title",' "csv quoting of comma and quotes"
run "$PAIROFF" --db "$qdb" reports --format json
assert_contains "$out" '"title": "Made-up \"Test\", Report\\Title"' "json escaping"
if [ -n "${PYTHON3:-}" ]; then
	printf '%s\n' "$out" | "$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["title"] == "Made-up \"Test\", Report\\Title", d' ||
		fail "python reads back the escaped title"
fi
run "$PAIROFF" --db "$qdb" reports --format tsv
assert_contains "$out" "quoted.txt${tab}Made-up \"Test\", Report\\\\Title${tab}" "tsv escapes the backslash"

# --- search -----------------------------------------------------------------------
run "$PAIROFF" --db "$db" search "entire village" --format tsv
assert_rc 0 "search entire village"
assert_eq "$(printf '%s\n' "$out" | head -n 1)" \
	"report${tab}line${tab}section${tab}snippet${tab}paragraph" "search tsv header"
nreports=$(printf '%s\n' "$out" | sed 1d | cut -f1 | sort -u | wc -l)
[ "$nreports" -ge 3 ] || fail "search entire village: hits from $nreports reports, expected >= 3"
nhits=0
printf '%s\n' "$out" | sed 1d | cut -f1,2 > "$test_tmp/hits"
while IFS="$tab" read -r file line; do
	nhits=$((nhits + 1))
	text=$(sed -n "${line}p" "$reports/$file")
	printf '%s\n' "$text" | grep -qi 'entire' && printf '%s\n' "$text" | grep -qi 'village' ||
		fail "search hit $file:$line does not hold the words: $text"
done < "$test_tmp/hits"
[ "$nhits" -ge 5 ] || fail "only $nhits hits for entire village"
case "$out" in *"$(printf '\002')"*|*"$(printf '\003')"*) fail "hit markers left in tsv" ;; esac

run "$PAIROFF" --db "$db" search --limit 2 entire village
assert_rc 0 "search --limit"
assert_eq "$(printf '%s\n' "$out" | wc -l)" 3 "table with --limit 2: header and 2 rows"
assert_not_contains "$(printf '%s\n' "$out" | head -n 1)" "paragraph" "table leaves out the paragraph"

# The order of hits (src/search-rank.c): more mentions of the query's words
# first, whatever the paragraph's length, and a rare word outweighs a common
# one. bm25 with its length would put the one-line mention first.
mkdir -p "$test_tmp/rank"
{
	printf 'Ranking test\n\nThe Zorbel fund.\n\n'
	printf 'In 2010 a city sent %s the Zorbel fund again, the Zorbel fund once more and the Zorbel fund a third time.\n\n' \
		"$(printf 'many words of no interest %.0s' 1 2 3 4 5 6 7 8 9 10 11 12)"
	printf 'A plain line on the fund and the fund and the fund and the fund.\n\n'
	printf 'A plain line on the fund and Zorbel.\n'
} >"$test_tmp/rank/ranking-2010.txt"
"$PAIROFF" --db "$test_tmp/rank.db" import "$test_tmp/rank" >/dev/null ||
	fail "import of the ranking report"
run "$PAIROFF" --db "$test_tmp/rank.db" search --format tsv Zorbel
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f2 | tr '\n' ' ')" "5 3 9 " "search Zorbel: three mentions first"
run "$PAIROFF" --db "$test_tmp/rank.db" search --format tsv 'Zorbel OR fund'
assert_eq "$(printf '%s\n' "$out" | sed -n 2p | cut -f2)" 5 "search Zorbel OR fund: most mentions of the rare word first"
assert_eq "$(printf '%s\n' "$out" | sed -n 5p | cut -f2)" 7 "search Zorbel OR fund: the common word alone last"

run "$PAIROFF" --db "$db" search --format json '"entire village"'
assert_rc 0 "phrase search"
assert_contains "$out" '"line": ' "json search line"
if [ -n "${PYTHON3:-}" ]; then
	printf '%s\n' "$out" | "$PYTHON3" -m json.tool >/dev/null || fail "json.tool rejects search json"
fi

# Words with hyphens or apostrophes are searched as typed.
run "$PAIROFF" --db "$db" search --format csv Shangri-La
assert_rc 0 "search Shangri-La"
assert_contains "$out" "Shangri-La" "hyphenated word found"

for q in "AND OR" '"entire village' "NEAR(" "*"; do
	run "$PAIROFF" --db "$db" search "$q"
	assert_rc 2 "malformed query [$q]"
	assert_one_line "$err" "malformed query [$q]"
	assert_contains "$err" "pairoff: invalid search query" "malformed query [$q]"
	assert_not_contains "$err" "SELECT" "no SQL in the message"
	assert_eq "$out" "" "nothing on stdout for [$q]"
done

# No SQLite message reaches the user (issue 11, item 4): a word with a colon
# that names no column is searched as typed; a column filter on a column
# that does not exist says which columns can be named.
run "$PAIROFF" --db "$db" search 'a:b'
[ "$rc" -le 1 ] || fail "search a:b: exit status $rc ($err)"
assert_not_contains "$err" "no such column" "search a:b: no SQLite message"
run "$PAIROFF" --db "$db" search --format tsv 'entire:village'
assert_rc 0 "search entire:village: the words searched as typed"
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1,2)" \
	"$("$PAIROFF" --db "$db" search --format tsv '"entire village"' | sed 1d | cut -f1,2)" \
	"entire:village finds what the phrase \"entire village\" finds"
run "$PAIROFF" --db "$db" search --format tsv 'topic:Overview'
assert_rc 0 "search topic:Overview: a column that exists is a filter"
assert_not_contains "$(printf '%s\n' "$out" | sed 1d | cut -f4)" "xyzzy" "topic:Overview"
for q in 'a : b' 'x:(village' 'nosuch : village'; do
	run "$PAIROFF" --db "$db" search "$q"
	assert_rc 2 "search [$q]"
	assert_one_line "$err" "search [$q]"
	assert_contains "$err" "pairoff: invalid search query: no column named" "search [$q]"
	assert_contains "$err" "text and topic can be named" "search [$q]: which columns"
	assert_not_contains "$err" "no such column" "search [$q]: no SQLite message"
done
for q in "AND OR" '"entire village'; do
	run "$PAIROFF" --db "$db" search "$q"
	assert_not_contains "$err" "syntax error" "search [$q]: our words, not SQLite's"
	assert_not_contains "$err" "unterminated" "search [$q]: our words, not SQLite's"
done

run "$PAIROFF" --db "$db" search zzyzxnotaword
assert_rc 1 "no hit"
assert_one_line "$err" "no hit"
assert_contains "$err" "no match" "no hit message"

# --- usage errors: exit 2, one line ------------------------------------------------
for args in "frobnicate" "--frobnicate reports" "--format xml reports" "reports --format xml" \
	"search" "reports extra" "--db" "search --limit x entire" "import --bogus"; do
	# shellcheck disable=SC2086
	run "$PAIROFF" --db "$db" $args
	assert_rc 2 "usage error [$args]"
	assert_one_line "$err" "usage error [$args]"
	assert_contains "$err" "pairoff: " "usage error [$args]"
done

# No subcommand and no terminal: refuse rather than draw.
run "$PAIROFF" --db "$db"
assert_rc 2 "browser without a terminal"
assert_eq "$err" "pairoff: not a terminal; use a subcommand (see pairoff --help)" "non-tty message"

# --- on a terminal (script(1) gives the command a pty) -------------------------
if command -v script >/dev/null 2>&1; then
	esc=$(printf '\033')
	script -qc "stty cols 60 rows 20; '$PAIROFF' --db '$db' search --limit 2 entire village" \
		/dev/null </dev/null >"$test_tmp/tty.raw" 2>&1
	sed "s/$esc\[[0-9]*m//g; s/$cr\$//" "$test_tmp/tty.raw" > "$test_tmp/tty.txt"
	assert_eq "$(wc -l < "$test_tmp/tty.txt" | tr -d ' ')" 3 "table on a terminal: header and 2 hits"
	while IFS= read -r line; do
		[ "$(printf '%s' "$line" | wc -m)" -le 60 ] || fail "table line wider than the terminal: $line"
	done < "$test_tmp/tty.txt"
	assert_contains "$(cat "$test_tmp/tty.txt")" "…" "long cells are cut with an ellipsis"
	assert_contains "$(cat "$test_tmp/tty.raw")" "${esc}[1m" "hits in bold on a terminal"
	script -qc "NO_COLOR=1 '$PAIROFF' --db '$db' search --limit 2 entire village" \
		/dev/null </dev/null >"$test_tmp/tty.raw" 2>&1
	assert_not_contains "$(cat "$test_tmp/tty.raw")" "$esc" "NO_COLOR: no escape sequences"
	# The first-use note appears when stderr is a terminal.
	script -qc "XDG_DATA_HOME='$test_tmp/tty-new' '$PAIROFF' reports >/dev/null" \
		/dev/null </dev/null >"$test_tmp/tty.raw" 2>&1
	assert_contains "$(cat "$test_tmp/tty.raw")" \
		"pairoff: building $test_tmp/tty-new/pairoff/pairoff.db from the bundled reports" \
		"first-use note on a terminal"
fi

# --- the default store --------------------------------------------------------------
run env XDG_DATA_HOME="$test_tmp/xdg" "$PAIROFF" reports --format tsv
assert_rc 0 "first use builds the default store"
[ -s "$test_tmp/xdg/pairoff/pairoff.db" ] || fail "no store under XDG_DATA_HOME"
assert_eq "$(printf '%s\n' "$out" | wc -l)" 6 "default store lists 5 reports"
assert_eq "$err" "" "no note on stderr when it is not a terminal"
run "$PAIROFF" reports --format tsv
assert_rc 0 "default store under HOME"
[ -s "$HOME/.local/share/pairoff/pairoff.db" ] || fail "no store under ~/.local/share"
run env PAIROFF_DB="$test_tmp/env.db" "$PAIROFF" import
assert_rc 0 "import into PAIROFF_DB"
run env PAIROFF_DB="$test_tmp/env.db" "$PAIROFF" reports --format tsv
assert_rc 0 "PAIROFF_DB"
[ -s "$test_tmp/env.db" ] || fail "PAIROFF_DB not used"
run env PAIROFF_DB="$test_tmp/env.db" "$PAIROFF" --db "$test_tmp/opt.db" import
[ -s "$test_tmp/opt.db" ] || fail "--db does not win over PAIROFF_DB"

# A store named by --db or PAIROFF_DB is never built by a look-up (issue 11,
# item 7): a typo gets one line saying how to build it, exit status 3 (a
# missing input), and nothing is created, neither the store nor directories.
for cmd in reports pairs funds "show Yunnan" "search village" regions; do
	# shellcheck disable=SC2086
	run "$PAIROFF" --db "$HOME/no/such/dir/x.db" $cmd
	assert_rc 3 "--db of a missing store: $cmd"
	assert_eq "$err" "pairoff: no store at $HOME/no/such/dir/x.db; run \`pairoff --db $HOME/no/such/dir/x.db import\`" \
		"--db of a missing store: $cmd: one line"
	assert_eq "$out" "" "--db of a missing store: $cmd: nothing on stdout"
done
[ -e "$HOME/no" ] && fail "a look-up with --db created directories"
run "$PAIROFF" --db "$test_tmp/typo.db" reports
assert_rc 3 "--db of a missing store in an existing directory"
[ -e "$test_tmp/typo.db" ] && fail "a look-up with --db created a store"
run "$PAIROFF" --db "$test_tmp/it's.db" reports
assert_contains "$err" "run \`pairoff --db '$test_tmp/it'\\''s.db' import\`" "the command is quoted for the shell"
run env PAIROFF_DB="$test_tmp/typo2.db" "$PAIROFF" reports
assert_rc 3 "PAIROFF_DB of a missing store"
assert_one_line "$err" "PAIROFF_DB of a missing store"
[ -e "$test_tmp/typo2.db" ] && fail "a look-up with PAIROFF_DB created a store"

# --- files that are not a usable store -----------------------------------------------
bad=$test_tmp/bad
mkdir -p "$bad"
: > "$bad/empty.db"
printf 'just some text\n' > "$bad/text.db"
head -c 30000 "$db" > "$bad/truncated.db"
# Header fields patched in place (SQLite file format: user_version is the
# big-endian integer at offset 60, application_id the one at offset 68).
cp "$db" "$bad/v99.db"
printf '\000\000\000\143' | dd of="$bad/v99.db" bs=1 seek=60 conv=notrunc 2>/dev/null
cp "$db" "$bad/foreign.db"
printf '\000\000\000\000' | dd of="$bad/foreign.db" bs=1 seek=68 conv=notrunc 2>/dev/null
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$bad/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
elif [ -n "${PYTHON3:-}" ]; then
	"$PYTHON3" -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t(x)"); c.commit(); c.close()' "$bad/other.db"
fi
check_bad_store() {  # check_bad_store FILE EXPECTED-TEXT
	run "$PAIROFF" --db "$1" reports
	[ "$rc" -ge 3 ] || fail "$1: exit status $rc, expected >= 3"
	assert_one_line "$err" "$1"
	assert_contains "$err" "pairoff: $1: " "$1 is named"
	assert_contains "$err" "$2" "$1"
	assert_eq "$out" "" "$1: nothing on stdout"
}
check_bad_store "$bad/empty.db" "not a pairoff store"
check_bad_store "$bad/text.db" "not a pairoff store (not an SQLite database)"
check_bad_store "$bad/truncated.db" "damaged"
check_bad_store "$bad" "is a directory"
check_bad_store "$bad/v99.db" "store schema version 99, this pairoff reads version $schema_version"
check_bad_store "$bad/foreign.db" "not a pairoff store (an SQLite database of another program)"
if [ -f "$bad/other.db" ]; then
	check_bad_store "$bad/other.db" "not a pairoff store (an SQLite database of another program)"
fi
# None of them was replaced by a rebuilt store.
assert_eq "$(wc -c < "$bad/empty.db" | tr -d ' ')" 0 "empty store left as it was"
assert_eq "$(cat "$bad/text.db")" "just some text" "text file left as it was"

# --- the browser's key list, from the action table ---------------------------
run "$PAIROFF" --help-keys
assert_rc 0 "--help-keys"
assert_contains "$out" "move-down" "--help-keys names the actions"
assert_contains "$out" "Ctrl-S" "--help-keys lists the export key"

done_testing
