#!/bin/sh
# The bad-input catalogue (issue 5 item 4): hostile or broken reports, stores,
# gazetteers, configs and terminals. Each check asserts a clear one-line error
# or a sane result, the documented exit status (0 ok, 1 nothing found, 2 usage,
# 3+ data/system), no crash (no status >= 128, no sanitizer report), no hang
# (every command runs under timeout) and the store left as it was.

. "$top_srcdir/tests/lib.sh"

db=$test_tmp/s.db
ref=$test_tmp/ref.db
run "$PAIROFF" --db "$db" import
[ "$rc" -eq 0 ] || { fail "import of the bundled reports: $err"; done_testing; }
cp "$db" "$ref"

# A made-up report of the series: a title, a heading, then the given paragraph.
report_with() {  # report_with FILE PARAGRAPH
	{
		echo "East-West Pairing-off Report 2011"
		echo
		echo "Beijing - Inner Mongolia Autonomous Region Pairing-off Poverty Alleviation"
		echo
		printf '%s\n' "$2"
		echo
		echo "(Source: the Beijing office)"
	} >"$1"
}

# tm_run CMD...: like run, under a time limit. 124 means it hung.
tm_run() {
	timeout 60 "$@" </dev/null >"$test_tmp/out" 2>"$test_tmp/err"
	rc=$?
	out=$(cat "$test_tmp/out")
	err=$(cat "$test_tmp/err")
}

# sane WHAT: no hang, no crash, no sanitizer or valgrind report.
sane() {
	[ "$rc" -ne 124 ] || fail "$1: hung (killed after 60 s)"
	[ "$rc" -lt 128 ] || fail "$1: crashed (exit status $rc)"
	case $err in
	*Sanitizer* | *"runtime error:"* | *"ERROR SUMMARY: "[1-9]*)
		fail "$1: sanitizer report: $(printf '%s' "$err" | head -c 1500)" ;;
	esac
}

# failing WHAT: exit status 3 or more with one line on stderr naming the problem.
failing() {
	sane "$1"
	[ "$rc" -ge 3 ] && [ "$rc" -lt 124 ] || fail "$1: exit status $rc, expected 3 or more"
	assert_one_line "$err" "$1"
	assert_contains "$err" "pairoff: " "$1: error prefix"
}

store_unchanged() {  # store_unchanged WHAT
	cmp -s "$db" "$ref" || { fail "$1: the store changed"; cp "$ref" "$db"; }
	for f in "$test_tmp"/s.db?*; do
		[ -e "$f" ] && fail "$1: left behind in the store's directory: $f" && rm -f "$f"
	done
}

# import_fails WHAT STATUS FILE...: an import that must fail leaves the store.
import_fails() {
	what=$1 want=$2
	shift 2
	tm_run "$PAIROFF" --db "$db" import "$@"
	failing "$what"
	assert_rc "$want" "$what"
	store_unchanged "$what"
}

# import_ok WHAT FILE: a sane import into a scratch store that then answers.
new=$test_tmp/new.db
import_ok() {
	rm -f "$new"
	tm_run "$PAIROFF" --db "$new" import "$2"
	sane "$1"
	assert_rc 0 "$1"
	assert_contains "$out" "imported 1 reports" "$1: summary"
	tm_run "$PAIROFF" --db "$new" reports --format tsv
	sane "$1: reports"
	assert_rc 0 "$1: reports"
	assert_contains "$out" "$(basename "$2")" "$1: the report is listed"
	store_unchanged "$1"
}

# --- reports ----------------------------------------------------------------
r=$test_tmp/r
mkdir -p "$r"
orig=$top_srcdir/data/reports/shanghai-yunnan-2009.txt

: >"$r/empty.txt"
import_ok "empty report" "$r/empty.txt"
assert_contains "$(cat "$test_tmp/out")" "empty.txt" "empty report listed"

head -c 65536 /dev/urandom >"$r/binary.txt"
printf '\000' >>"$r/binary.txt"
import_fails "binary file" 4 "$r/binary.txt"
assert_contains "$err" "binary" "binary file: says why"

printf 'A Title\n\nBeijing - Hebei Pairing-off Poverty Alleviation\n\nBad \377\376 bytes \303\050 here and 5 million yuan.\n' \
	>"$r/invalid-utf8.txt"
import_ok "invalid UTF-8" "$r/invalid-utf8.txt"
tm_run "$PAIROFF" --db "$new" search bytes --format tsv
sane "invalid UTF-8: search"
assert_rc 0 "invalid UTF-8: search finds the paragraph"
if printf '%s' "$out" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then :; else
	fail "invalid UTF-8: search output is not valid UTF-8"
fi

# CRLF and CR line ends give the same sections and line numbers as LF.
tm_run "$PAIROFF" --db "$new" import "$orig"
tm_run "$PAIROFF" --db "$new" search Wenshan --format tsv
lf_hits=$(printf '%s\n' "$out" | cut -f2 | sort | tr '\n' ' ')
sed 's/$/\r/' "$orig" >"$r/crlf.txt"
import_ok "CRLF line ends" "$r/crlf.txt"
tm_run "$PAIROFF" --db "$new" search Wenshan --format tsv
assert_eq "$(printf '%s\n' "$out" | cut -f2 | sort | tr '\n' ' ')" "$lf_hits" "CRLF: same hit lines as LF"
assert_not_contains "$out" "$(printf '\r')" "CRLF: no CR in the output"
tr '\n' '\r' <"$orig" >"$r/cr.txt"
import_ok "CR line ends" "$r/cr.txt"
tm_run "$PAIROFF" --db "$new" search Wenshan --format tsv
assert_eq "$(printf '%s\n' "$out" | cut -f2 | sort | tr '\n' ' ')" "$lf_hits" "CR: same hit lines as LF"

{ printf '\357\273\277'; cat "$orig"; } >"$r/bom.txt"
import_ok "BOM" "$r/bom.txt"
tm_run "$PAIROFF" --db "$new" reports --format tsv
assert_contains "$out" "$(printf 'bom.txt\tShanghai-Yunnan')" "BOM: not part of the title"

head -c 10000000 /dev/zero | tr '\0' 'a' >"$r/long-line.txt"
import_ok "10 MB single line" "$r/long-line.txt"

awk 'BEGIN { print "A Title"; print "";
	for (i = 0; i < 100000; i++)
		printf "Beijing - Hebei Pairing-off Poverty Alleviation %d\n\nx%d.\n\n", i, i }' \
	>"$r/many-sections.txt"
import_ok "100,000 tiny sections" "$r/many-sections.txt"
assert_contains "$(cat "$test_tmp/out")" "many-sections.txt" "100,000 sections listed"
tm_run "$PAIROFF" --db "$new" reports --format tsv
assert_contains "$out" "$(printf '\t100000\t')" "100,000 sections counted"

# Thousands of pairing sentences in one report: each pairing dates the
# others of its donor, which was a pass over all of them per pairing (a
# 25 MB report ran for hours; these 15,000 took minutes).
awk 'BEGIN { split("Wenshan Prefecture|Honghe Prefecture|Pu'"'"'er City|Diqing Prefecture|Lijiang City", p, "|")
	print "East-West Pairing-off Report 2011\n\nShanghai - Yunnan Pairing-off Poverty Alleviation\n"
	for (i = 0; i < 15000; i++)
		printf "Since %d, Shanghai has been paired with %s, and it sent group %d.\n\n", 1990 + i % 30, p[1 + i % 5], i }' \
	>"$r/many-pairings.txt"
import_ok "15,000 pairing sentences in one report" "$r/many-pairings.txt"

brackets=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "【" }')
closing=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "】" }')
report_with "$r/brackets.txt" "${brackets}Aid${closing} In 2011 Beijing gave 5 million yuan to Chifeng."
import_ok "deeply repeated 【【【 brackets" "$r/brackets.txt"
tm_run "$PAIROFF" --db "$new" search Chifeng --format tsv
sane "brackets: search"
assert_rc 0 "brackets: the paragraph is searchable"

report_with "$r/amounts.txt" "In 2011 Beijing gave 1e309 million yuan to Chifeng. \
In 2011 Beijing gave 99999999999999999999 yuan to Chifeng. \
In 2011 Beijing gave -5 million yuan to Chifeng."
import_ok "absurd amounts" "$r/amounts.txt"
tm_run "$PAIROFF" --db "$new" funds --format tsv
sane "absurd amounts: funds"
for bad in inf nan 'e+' "$(printf '\t-')" 309000000 99999999999999999999; do
	assert_not_contains "$out" "$bad" "absurd amounts: no fund like [$bad]"
done
tm_run "$PAIROFF" --db "$new" anomalies --format tsv
sane "absurd amounts: anomalies"
assert_contains "$out" "99999999999999999999 yuan" "too large an amount is reported as an anomaly"
assert_contains "$out" "-5 million yuan" "a negative amount is reported as an anomaly"

mkdir -p "$r/scan"
cp "$r/amounts.txt" "$r/scan/"
mkdir -p "$r/scan/sub.txt"
import_fails "a report that is a directory (sub.txt in an imported directory)" 3 "$r/scan"
if mkfifo "$r/fifo.txt" 2>/dev/null; then
	import_fails "a report that is a FIFO" 3 "$r/fifo.txt"
	assert_contains "$err" "not a regular file" "FIFO: says why"
	rmdir "$r/scan/sub.txt"
	mkfifo "$r/scan/pipe.txt"
	import_fails "a FIFO inside an imported directory" 3 "$r/scan"
else
	fail "mkfifo"
fi
import_fails "a missing report" 3 "$r/nonexistent.txt"
assert_contains "$err" "No such file" "missing report: says why"
# Root reads a chmod 000 file, so unreadability is tested as a path through a
# regular file, which fails with ENOTDIR for anyone.
import_fails "an unreadable report (path through a file)" 3 "$r/amounts.txt/x.txt"
if [ "$(id -u)" -ne 0 ]; then
	cp "$r/amounts.txt" "$r/locked.txt"
	chmod 000 "$r/locked.txt"
	import_fails "an unreadable report (mode 000)" 3 "$r/locked.txt"
	assert_contains "$err" "ermission denied" "mode 000: says why"
else
	echo "note: running as root, mode 000 does not stop reads; skipped that variant"
fi

# --- gazetteer ------------------------------------------------------------------
gz=$test_tmp/gz
mkdir -p "$gz"
# The CLI takes the gazetteer from the [store] gazetteer key, else from
# $PAIROFF_DATADIR/regions/ (its *.ini files); the key names a file or a
# directory.
datadir_saved=$PAIROFF_DATADIR
PAIROFF_DATADIR=$gz
import_fails "a missing gazetteer (data dir)" 3 "$r/amounts.txt"
assert_contains "$err" "$gz/regions" "missing gazetteer: names the directory"
mkdir "$gz/regions"
import_fails "a gazetteer directory without *.ini files" 6 "$r/amounts.txt"
assert_one_line "$err" "a gazetteer directory without *.ini files"
assert_contains "$err" "$gz/regions: no gazetteer files" "an empty gazetteer directory: says so"
printf '[beijing]\nname = Beijing\ntype = municipality\n' >"$gz/regions/beijing.ini"
printf '[chaoyang]\nname = Chaoyang\ntype = district\nparent = beijing\n[x\n' >"$gz/regions/chaoyang.ini"
import_fails "a gazetteer directory with a syntax error" 6 "$r/amounts.txt"
assert_contains "$err" "regions/chaoyang.ini:5:" "syntax error in a directory: file and line"
printf '[beijing]\nname = Beijing again\ntype = municipality\n' >"$gz/regions/chaoyang.ini"
import_fails "a section id in two files" 6 "$r/amounts.txt"
assert_contains "$err" "regions/chaoyang.ini:1: section [beijing] given twice (first at $gz/regions/beijing.ini:1)" \
	"an id in two files: both named"
PAIROFF_DATADIR=$datadir_saved
printf '[beijing\nname = Beijing\n' >"$gz/regions.ini"
printf '[store]\ngazetteer = %s/none.ini\n' "$gz" >"$test_tmp/gz-missing.ini"
tm_run "$PAIROFF" --config "$test_tmp/gz-missing.ini" --db "$db" import "$r/amounts.txt"
failing "a missing gazetteer (config key)"
store_unchanged "a missing gazetteer (config key)"
printf '[store]\ngazetteer = %s/regions.ini\n' "$gz" >"$test_tmp/gz-bad.ini"
tm_run "$PAIROFF" --config "$test_tmp/gz-bad.ini" --db "$db" import "$r/amounts.txt"
failing "a gazetteer with a syntax error (config key)"
assert_rc 6 "a gazetteer with a syntax error (config key)"
store_unchanged "a gazetteer with a syntax error (config key)"

# --- config -----------------------------------------------------------------------
printf '[ui]\nunit = parsecs\nmouse = perhaps\ncolor = 7\ntheme = neon\nstart_pane = kitchen\n' \
	>"$test_tmp/bad-values.ini"
tm_run "$PAIROFF" --config "$test_tmp/bad-values.ini" --db "$db" reports --format tsv
sane "config with bad values"
assert_rc 0 "config with bad values: the defaults are kept"
assert_contains "$out" "shanghai-yunnan-2009.txt" "config with bad values: still answers"
assert_eq "$(printf '%s\n' "$err" | grep -c 'bad value')" 5 "config with bad values: one warning per value"
assert_contains "$err" "bad-values.ini:2: bad value 'parsecs'" "config warning names file and line"
store_unchanged "config with bad values"
head -c 3000 /dev/urandom | tr -d '\000' >"$test_tmp/garbage.ini"
tm_run "$PAIROFF" --config "$test_tmp/garbage.ini" --db "$db" reports
sane "config of random bytes"
assert_rc 0 "config of random bytes is ignored with a warning"
assert_one_line "$err" "config of random bytes"
tm_run "$PAIROFF" --config "$test_tmp/none/config.ini" --db "$db" reports
sane "a named config that is missing"
assert_rc 6 "a named config that is missing"
assert_one_line "$err" "a named config that is missing"

# --- config and gazetteer files that are no regular files, or huge (issue 15, item 8)
# short_run SECONDS CMD...: like tm_run, under a shorter limit (a FIFO hangs).
short_run() {
	t=$1
	shift
	timeout "$t" "$@" </dev/null >"$test_tmp/out" 2>"$test_tmp/err"
	rc=$?
	out=$(cat "$test_tmp/out")
	err=$(cat "$test_tmp/err")
}
odd=$test_tmp/odd-files
mkdir -p "$odd"
mkfifo "$odd/config.ini"
short_run 10 "$PAIROFF" --config "$odd/config.ini" --db "$db" reports
failing "a config that is a FIFO"
assert_rc 6 "a config that is a FIFO"
assert_contains "$err" "not a regular file" "a config that is a FIFO: says why"
# A copy of /dev/zero, made here: never read. Without sanitizers, memory is
# limited too, so that a regression fails instead of eating the machine.
if mknod "$odd/zero" c 1 5 2>/dev/null; then
	mem_limit=""
	grep -q __asan_init "$PAIROFF" 2>/dev/null || mem_limit="ulimit -v 2000000;"
	short_run 10 sh -c "$mem_limit exec \"\$0\" --config \"\$1\" --db \"\$2\" reports" \
		"$PAIROFF" "$odd/zero" "$db"
	failing "a config that is a device (a copy of /dev/zero)"
	assert_contains "$err" "not a regular file" "a config that is a device: says why"
	printf '[store]\ngazetteer = %s\n' "$odd/zero" >"$odd/gz-zero.ini"
	short_run 10 sh -c "$mem_limit exec \"\$0\" --config \"\$1\" --db \"\$2\" import \"\$3\"" \
		"$PAIROFF" "$odd/gz-zero.ini" "$db" "$r/amounts.txt"
	failing "a gazetteer that is a device (a copy of /dev/zero)"
	assert_contains "$err" "not a regular file" "a gazetteer that is a device: says why"
else
	echo "note: mknod is not permitted here; the /dev/zero cases are skipped"
fi
printf '[store]\ngazetteer = %s\n' "$odd/config.ini" >"$odd/gz-fifo.ini"
short_run 10 "$PAIROFF" --config "$odd/gz-fifo.ini" --db "$db" import "$r/amounts.txt"
failing "a gazetteer that is a FIFO"
assert_contains "$err" "not a regular file" "a gazetteer that is a FIFO: says why"
awk 'BEGIN { for (i = 0; i < 200000; i++) print "; a comment line to make the file large" }' \
	>"$odd/huge.ini"
short_run 10 "$PAIROFF" --config "$odd/huge.ini" --db "$db" reports
failing "a config over 4 MiB"
assert_contains "$err" "too large" "a config over 4 MiB: says why"
awk 'BEGIN { print "[ui]"; for (i = 0; i < 5000; i++) printf "unknown_%d = 1\n", i }' \
	>"$odd/many-keys.ini"
short_run 20 "$PAIROFF" --config "$odd/many-keys.ini" --db "$db" reports
sane "a config of 5,000 unknown keys"
assert_rc 0 "a config of 5,000 unknown keys"
[ "$(printf '%s\n' "$err" | wc -l)" -le 21 ] ||
	fail "a config of 5,000 unknown keys: $(printf '%s\n' "$err" | wc -l) warning lines"
assert_contains "$err" "4980 more warnings not shown" "a config of 5,000 unknown keys: says how many more"
store_unchanged "odd config and gazetteer files"

# --- small things (issue 15, item 8) -----------------------------------------------------
tm_run "$PAIROFF" --db "$db" search -village
assert_rc 2 "search -village"
assert_one_line "$err" "search -village"
assert_contains "$err" "unknown option '-v'" "search -village names the option"
assert_not_contains "$err" "option 'search'" "search -village does not blame 'search'"
# A table cell of 100 kB is printed whole when piped, not padded into every
# row of its column.
cp "$ref" "$test_tmp/wide.db"
sqlite3 "$test_tmp/wide.db" "UPDATE region SET type = type || printf('%.*c', 100000, 'w') WHERE id = 1;" ||
	fail "sqlite3 update of the wide store"
tm_run "$PAIROFF" --db "$test_tmp/wide.db" regions
sane "a 100 kB table cell"
assert_rc 0 "a 100 kB table cell"
[ "$(wc -c <"$test_tmp/out")" -lt 1000000 ] ||
	fail "a 100 kB table cell: $(wc -c <"$test_tmp/out") bytes of table output"
# Export onto a FIFO is refused, not left waiting for a reader.
mkfifo "$odd/out.csv"
short_run 20 "$PAIROFF" --db "$db" --dump-keys "e<C-u>$odd/out.csv<Enter>"
sane "export onto a FIFO"
assert_rc 0 "export onto a FIFO"
assert_contains "$out" "not a regular file" "export onto a FIFO: says why"
short_run 20 "$PAIROFF" --db "$db" --dump-keys "e<C-u>$odd/out.csv<Enter>y"
sane "export onto a FIFO, y pressed"
assert_rc 0 "export onto a FIFO, y pressed: no hang"
[ -p "$odd/out.csv" ] || fail "export onto a FIFO replaced it"

# --- stores -----------------------------------------------------------------------
# open_bad WHAT FILE STATUS: every reading subcommand gives one line and STATUS,
# and leaves FILE as it was.
open_bad() {
	[ -f "$2" ] && cp "$2" "$test_tmp/before"
	for cmd in reports "search village" pairs funds "show Yunnan" anomalies; do
		# shellcheck disable=SC2086
		tm_run "$PAIROFF" --db "$2" $cmd
		failing "$1: $cmd"
		assert_rc "$3" "$1: $cmd"
	done
	[ ! -f "$2" ] || cmp -s "$2" "$test_tmp/before" || fail "$1: the file changed"
}
head -c 20000 "$ref" >"$test_tmp/truncated.db"
open_bad "a truncated store" "$test_tmp/truncated.db" 5
assert_contains "$err" "damaged" "truncated store: says it is damaged"
: >"$test_tmp/zero.db"
open_bad "a zero-byte store" "$test_tmp/zero.db" 5
head -c 100 "$ref" >"$test_tmp/header-only.db"
open_bad "a store of only a header" "$test_tmp/header-only.db" 5
mkdir -p "$test_tmp/dir.db"
open_bad "a store that is a directory" "$test_tmp/dir.db" 5
mkfifo "$test_tmp/fifo.db"
open_bad "a store that is a FIFO" "$test_tmp/fifo.db" 5
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$test_tmp/other.db" 'CREATE TABLE notes(x); INSERT INTO notes VALUES (1);'
	open_bad "another SQLite database" "$test_tmp/other.db" 5
	assert_contains "$err" "not a pairoff store" "another SQLite database: says so"
	cp "$test_tmp/other.db" "$test_tmp/before"
	tm_run "$PAIROFF" --db "$test_tmp/other.db" import
	failing "import over another program's SQLite database"
	cmp -s "$test_tmp/other.db" "$test_tmp/before" || fail "import replaced another program's database"
	cp "$ref" "$test_tmp/newer.db"
	sqlite3 "$test_tmp/newer.db" 'PRAGMA user_version = 999;'
	open_bad "a store of a newer schema version" "$test_tmp/newer.db" 5
	assert_contains "$err" "use a newer pairoff" "newer schema: says what to do"
else
	fail "sqlite3 not found: another SQLite database and the newer schema are not tested"
fi
cp "$top_srcdir/README" "$test_tmp/notes.txt"
cp "$test_tmp/notes.txt" "$test_tmp/before"
tm_run "$PAIROFF" --db "$test_tmp/notes.txt" import
failing "import over a text file"
cmp -s "$test_tmp/notes.txt" "$test_tmp/before" || fail "import replaced a text file given as --db"

cp "$ref" "$test_tmp/ro.db"
chmod 444 "$test_tmp/ro.db"
tm_run "$PAIROFF" --db "$test_tmp/ro.db" search village --format tsv
sane "a read-only store"
assert_rc 0 "a read-only store answers"
cmp -s "$test_tmp/ro.db" "$ref" || fail "a read-only store was written"
ls -a "$test_tmp" | grep -q '^ro\.db.' && fail "a read-only store left files (journal, wal)"

# A store directory that cannot be written: a directory path that is really a
# file (root ignores permission bits). A read-only directory for other users.
tm_run "$PAIROFF" --db "$test_tmp/notes.txt/s.db" import
failing "a store directory that is a file"
assert_contains "$err" "notes.txt" "unwritable store directory: names it"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$test_tmp/locked"
	cp "$ref" "$test_tmp/locked/s.db"
	chmod 555 "$test_tmp/locked"
	tm_run "$PAIROFF" --db "$test_tmp/locked/s.db" import
	failing "a store directory without write permission"
	cmp -s "$test_tmp/locked/s.db" "$ref" || fail "unwritable directory: the store changed"
	tm_run "$PAIROFF" --db "$test_tmp/locked/s.db" reports
	assert_rc 0 "a store in an unwritable directory can be read"
	chmod 755 "$test_tmp/locked"
else
	echo "note: running as root, mode 555 does not stop writes; skipped that variant"
fi

# --- import never replaces what is not a store (issue 15, item 1) -------------------
# Only a regular file that is a pairoff store, or nothing, may be replaced.
# Each case is made inside the test's directory; /dev/null itself is never used.
# stat_of PATH: what must not change (type, inode, device numbers, size, mode).
stat_of() { stat -c '%F %i %t:%T %s %a' "$1" 2>&1; }
not_replaced() {  # not_replaced WHAT PATH
	before=$(stat_of "$2")
	tm_run "$PAIROFF" --db "$2" import "$r/amounts.txt"
	failing "$1"
	[ "$rc" -eq 4 ] || [ "$rc" -eq 5 ] || fail "$1: exit status $rc, expected 4 or 5"
	assert_contains "$err" "refusing" "$1: says it refuses"
	assert_eq "$(stat_of "$2")" "$before" "$1: left as it was"
	for f in "$2".*.tmp; do
		[ -e "$f" ] && fail "$1: left behind: $f" && rm -f "$f"
	done
}
nr=$test_tmp/not-stores
mkdir -p "$nr"
if mknod "$nr/null" c 1 3 2>/dev/null; then
	not_replaced "import over a character device (a copy of /dev/null)" "$nr/null"
	[ -c "$nr/null" ] || fail "the character device was replaced"
else
	echo "note: mknod is not permitted here; the character-device case is skipped"
fi
mkfifo "$nr/fifo"
not_replaced "import over a FIFO" "$nr/fifo"
[ -p "$nr/fifo" ] || fail "the FIFO was replaced"
if [ -n "${PYTHON3:-}" ] &&
	"$PYTHON3" -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$nr/sock"; then
	not_replaced "import over a socket" "$nr/sock"
	[ -S "$nr/sock" ] || fail "the socket was replaced"
else
	echo "note: no python3 to make a socket; the socket case is skipped"
fi
: >"$nr/empty.db"
not_replaced "import over an empty file" "$nr/empty.db"
printf 'private notes\n' >"$nr/write-only.db"
chmod 200 "$nr/write-only.db"
not_replaced "import over a write-only file" "$nr/write-only.db"
printf 'private notes\n' >"$nr/unreadable.db"
chmod 000 "$nr/unreadable.db"
not_replaced "import over an unreadable file" "$nr/unreadable.db"
chmod 600 "$nr/write-only.db" "$nr/unreadable.db"
# A store of a later schema version (the next one is 2) stays replaceable.
cp "$ref" "$nr/v2.db"
sqlite3 "$nr/v2.db" 'PRAGMA user_version = 2;'
tm_run "$PAIROFF" --db "$nr/v2.db" import "$r/amounts.txt"
sane "import over a store of schema version 2"
assert_rc 0 "import over a store of schema version 2"
# Links: resolved once outside a world-writable sticky directory, the target
# checked by the same rule; a dangling link or a link to a link is refused.
cp "$top_srcdir/README" "$nr/readme.txt"
ln -s readme.txt "$nr/to-text.db"
not_replaced "import through a link to a text file" "$nr/to-text.db"
cmp -s "$nr/readme.txt" "$top_srcdir/README" || fail "import through a link replaced a text file"
ln -s "$nr/none.db" "$nr/dangling.db"
not_replaced "import through a dangling link" "$nr/dangling.db"
[ -e "$nr/none.db" ] && fail "import through a dangling link created its target"
cp "$ref" "$nr/real.db"
ln -s real.db "$nr/hop.db"
ln -s hop.db "$nr/hop2.db"
not_replaced "import through a link to a link" "$nr/hop2.db"
cmp -s "$nr/real.db" "$ref" || fail "import through a link to a link changed the store"
# A link planted by another user in a world-writable sticky directory (as in
# /tmp) is never followed: root's import would replace the file it points to.
# The second user is a bare uid of no account, which owns the link (the
# test's directory is private, so root makes the link and gives it away).
if [ "$(id -u)" -eq 0 ]; then
	mkdir -p "$nr/public"
	chmod 1777 "$nr/public"
	cp "$ref" "$nr/victim.db"
	if ln -s "$nr/victim.db" "$nr/public/s.db" && chown -h 54321:54321 "$nr/public/s.db"; then
		not_replaced "import through a link planted in a sticky world-writable directory" "$nr/public/s.db"
		[ -L "$nr/public/s.db" ] || fail "the planted link was replaced"
		cmp -s "$nr/victim.db" "$ref" || fail "import through a planted link replaced its target"
	else
		echo "note: cannot act as a second user here; the planted-link case is skipped"
	fi
else
	echo "note: not root; the planted-link case (a second user) is skipped"
fi
store_unchanged "import over what is not a store"

# --- files and permissions of an import (issue 15, item 6) ---------------------------
fp=$test_tmp/perm
mkdir -p "$fp"
cp "$ref" "$fp/p.db"
chmod 600 "$fp/p.db"
tm_run "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
assert_rc 0 "re-import of a private store"
assert_eq "$(stat -c %a "$fp/p.db")" 600 "a private (0600) store stays private"
chmod 660 "$fp/p.db"
if [ "$(id -u)" -eq 0 ]; then
	chown 54321:54322 "$fp/p.db"
	tm_run "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
	assert_rc 0 "re-import of a group store"
	assert_eq "$(stat -c '%a %u %g' "$fp/p.db")" "660 54321 54322" \
		"a 0660 store keeps its mode, owner and group when root re-imports it"
else
	tm_run "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
	assert_eq "$(stat -c %a "$fp/p.db")" 660 "a 0660 store keeps its mode"
fi
# Temporary files of killed imports (their process is gone) are removed by
# the next import into the directory; a live one's and other files are not.
: >"$fp/p.db.999999999.AbC123.tmp"
: >"$fp/p.db.$$.XyZ789.tmp"
: >"$fp/p.db.notes.tmp"
tm_run "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
assert_rc 0 "import beside a killed import's temporary file"
[ -e "$fp/p.db.999999999.AbC123.tmp" ] && fail "a killed import's temporary file was left"
[ -e "$fp/p.db.$$.XyZ789.tmp" ] || fail "a live process's temporary file was removed"
[ -e "$fp/p.db.notes.tmp" ] || fail "a file that is no temporary store was removed"
rm -f "$fp/p.db.$$.XyZ789.tmp" "$fp/p.db.notes.tmp"
# One import at a time: while another holds the store's lock, an import says so.
if command -v flock >/dev/null 2>&1; then
	cp "$fp/p.db" "$fp/before.db"
	tm_run flock "$fp/p.db.lock" "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
	failing "an import while another runs"
	assert_contains "$err" "another import" "an import while another runs: says so"
	cmp -s "$fp/p.db" "$fp/before.db" || fail "an import while another runs changed the store"
	rm -f "$fp/p.db.lock" "$fp/before.db"
else
	fail "flock(1) not found: the import lock is not tested"
fi
[ -e "$fp/p.db.lock" ] && fail "an import left its lock file"
# Ctrl-C once the new store is in place: the import is complete and says so.
if [ -n "${CC:-}" ] && $CC -shared -fPIC -o "$test_tmp/late-signal.so" \
	"$top_srcdir/tests/late-signal.c" -ldl 2>"$test_tmp/cc.err"; then
	LD_PRELOAD=$test_tmp/late-signal.so ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		tm_run "$PAIROFF" --db "$fp/p.db" import "$r/amounts.txt"
	sane "an interrupt right after the rename"
	assert_rc 0 "an interrupt right after the rename: the import is reported done"
	assert_contains "$out" "imported 1 reports" "an interrupt right after the rename: summary"
	assert_not_contains "$err" "interrupted" "an interrupt right after the rename"
else
	echo "note: cannot build an LD_PRELOAD shim ($(head -c 200 "$test_tmp/cc.err")); the late interrupt is not tested"
fi
# Past a file-size limit the import fails and cleans up, instead of being
# killed by SIGXFSZ and leaving its temporary file.
mkdir -p "$fp/fsize"
short_run 60 sh -c 'ulimit -f 200; exec "$0" --db "$1" import' "$PAIROFF" "$fp/fsize/s.db"
failing "an import past a file-size limit"
assert_eq "$(ls -A "$fp/fsize")" "" "an import past a file-size limit leaves nothing behind"
# A failed import removes the directories it made for the store.
tm_run "$PAIROFF" --db "$fp/made/for/it/s.db" import "$r/binary.txt"
failing "a failed import into new directories"
[ -e "$fp/made" ] && fail "a failed import left the directories it made"
tm_run "$PAIROFF" --db "$fp/made/for/it/s.db" import "$r/amounts.txt"
assert_rc 0 "an import into new directories"
[ -f "$fp/made/for/it/s.db" ] || fail "an import into new directories: no store"
store_unchanged "files and permissions"

# --- a crafted store with NULL where the schema says NOT NULL (issue 15, item 4) ----
cp "$ref" "$test_tmp/nulls.db"
sqlite3 "$test_tmp/nulls.db" "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(replace(sql, 'NOT NULL UNIQUE', 'UNIQUE'),
		'type        TEXT NOT NULL', 'type TEXT') WHERE name = 'region';" &&
sqlite3 "$test_tmp/nulls.db" "UPDATE region SET name = NULL, type = NULL
	WHERE name IN ('Yunnan', 'Shanghai', 'Kunming', 'Beijing', 'Fujian');
	UPDATE region SET side = NULL WHERE id % 3 = 0;
	UPDATE pairing SET quote = NULL WHERE id % 2 = 0;" ||
	fail "sqlite3 update of the NULL store"
for cmd in pairs "pairs Yunnan" funds "funds --donor Shanghai" "funds --donor Fujian" \
	"show Yunnan" "show Fujian" "show Ningxia" regions "search village"; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$test_tmp/nulls.db" $cmd
	sane "NULL region names: $cmd"
	[ "$rc" -le 1 ] || fail "NULL region names: $cmd: exit status $rc ($err)"
done
for keys in "" "G" "jjjj<Enter>" "ll" "lll<Enter>" "jjjjjjjj<Enter><Enter>" "rsG" \
	"/village<Enter><Enter>" "a<Enter>" "ljjjjjjl<Enter>"; do
	tm_run "$PAIROFF" --db "$test_tmp/nulls.db" --dump-keys "$keys"
	sane "NULL region names in the browser, keys [$keys]"
	assert_rc 0 "NULL region names in the browser, keys [$keys]"
done

# --- every query can be stopped; searches are bounded (issue 15, item 4) -----------
# A crafted store whose region table is a view that never ends.
cp "$ref" "$test_tmp/loop.db"
sqlite3 "$test_tmp/loop.db" "ALTER TABLE region RENAME TO region_t;
	CREATE VIEW region AS SELECT r.* FROM region_t r WHERE (WITH RECURSIVE c(n) AS
	(SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c) > 0;" ||
	fail "sqlite3 update of the endless store"
printf '[store]\nquery_time_limit = 1\n' >"$test_tmp/limit.ini"
for cmd in regions pairs "show Yunnan"; do
	# shellcheck disable=SC2086
	short_run 20 "$PAIROFF" --config "$test_tmp/limit.ini" --db "$test_tmp/loop.db" $cmd
	failing "an endless view: $cmd"
	assert_rc 8 "an endless view: $cmd"
	assert_contains "$err" "query stopped after 1 s" "an endless view: $cmd: says why"
done
short_run 20 "$PAIROFF" --config "$test_tmp/limit.ini" --db "$test_tmp/loop.db" --dump-keys ""
sane "an endless view in the browser"
assert_rc 0 "an endless view in the browser: it stays usable"
assert_contains "$out" "query stopped after 1 s" "an endless view in the browser: says why"
many=$(awk 'BEGIN { for (i = 0; i < 1600; i++) printf "village " }')
short_run 20 "$PAIROFF" --db "$db" search $many
sane "a search of 1,600 words"
assert_rc 2 "a search of 1,600 words"
assert_one_line "$err" "a search of 1,600 words"
assert_contains "$err" "search query too" "a search of 1,600 words: says why"
short_run 20 "$PAIROFF" --db "$db" search $(awk 'BEGIN { for (i = 0; i < 40; i++) printf "x%d ", i }')
assert_rc 2 "a search of 40 words"
assert_contains "$err" "too many words" "a search of 40 words: says why"
long=$(awk 'BEGIN { for (i = 0; i < 127; i++) printf "villages" }')
short_run 20 "$PAIROFF" --db "$db" search "$long"
assert_rc 2 "a search of 1,016 characters"
assert_contains "$err" "too long" "a search of 1,016 characters: says why"
store_unchanged "stopping queries"

# --- out of memory: exit status 7 and nothing left behind (issue 15, item 4) --------
# A 120 MB report under a memory limit: ulimit -v without sanitizers; with
# them (which reserve terabytes of address space), ASan's allocation limit.
# It is one line, which is never cut into parts (a report of many lines is
# read a part at a time, in memory that does not grow with it: item 8).
yes 'In 2011 Beijing gave 5 million yuan to Chifeng and its villages.' | tr '\n' ' ' |
	head -c 120000000 >"$r/big.txt"
mkdir -p "$test_tmp/oom"
if grep -q __asan_init "$PAIROFF" 2>/dev/null; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=64 \
		short_run 60 "$PAIROFF" --db "$test_tmp/oom/s.db" import "$r/big.txt"
	# ASan's own note of the refused allocation, which is the test's doing
	err=$(printf '%s\n' "$err" | grep -v 'AddressSanitizer failed to allocate')
else
	short_run 60 sh -c 'ulimit -v 300000; exec "$0" --db "$1" import "$2"' \
		"$PAIROFF" "$test_tmp/oom/s.db" "$r/big.txt"
fi
sane "an import out of memory"
assert_rc 7 "an import out of memory"
assert_contains "$err" "out of memory" "an import out of memory: says so"
assert_eq "$(ls -A "$test_tmp/oom")" "" "an import out of memory leaves nothing behind"
rm -f "$r/big.txt"

# --- a large report's memory (issue 15, item 8) ---------------------------------------
# A generated report (section after section of made-up pairs and figures)
# is read, extracted and stored in parts of at most 2 MiB, each freed before
# the next is read, and the money statements of a large import are read
# back from the store at its end, a group at a time: the peak memory of an
# import no longer grows with the size of one report. Before, it was about
# 3.5 times the report's size (a 12 MB report: 55 MB; 48 MB: 171 MB, and
# 187 MB needed 1.16 GB); now 29-30 MB for 12, 48 and 100 MB alike. The 48 MB
# report's peak must stay within a quarter of the 12 MB one's, and both
# under 3.25 times 12 MB (39 MB). A sanitizer build measures nothing (ASan's
# shadow and quarantine) and imports one of 3 MB, read in two parts, for the
# other checks: the stored text is the file's, in pieces; a fact near the
# end points at its line of the file; an anomaly says the report was read
# in parts (its facts are not joined across them).
# rss_import FILE DB: imports FILE under a wrapper that prints the peak RSS
# (kB) of the import and its exit status into $out.
rss_import() {
	short_run 300 python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)' \
		"$PAIROFF" --db "$2" import "$1"
}
if command -v python3 >/dev/null 2>&1; then
	big_mb=48
	grep -q __asan_init "$PAIROFF" 2>/dev/null && big_mb=3
	if [ "$big_mb" -eq 48 ]; then
		"$top_srcdir/tests/gen-corpus" --one 12000000 "$r/one-12.txt" 2>/dev/null
		rss_import "$r/one-12.txt" "$test_tmp/big12.db"
		sane "a report of 12 MB"
		peak12_kb=${out%% *}
		assert_eq "${out##* }" 0 "a report of 12 MB imports ($err)"
		rm -f "$r/one-12.txt" "$test_tmp/big12.db"
	fi
	"$top_srcdir/tests/gen-corpus" --one $((big_mb * 1000000)) "$r/one-big.txt" 2>/dev/null
	rss_import "$r/one-big.txt" "$test_tmp/big.db"
	sane "a report of $big_mb MB"
	peak_kb=${out%% *}
	assert_eq "${out##* }" 0 "a report of $big_mb MB imports ($err)"
	if [ "$big_mb" -eq 48 ]; then
		echo "note: peak RSS of an import: $peak12_kb kB for a 12 MB report, $peak_kb kB for 48 MB"
		[ "$peak_kb" -le $((peak12_kb * 5 / 4)) ] ||
			fail "a report of 48 MB: peak RSS $peak_kb kB, over 1.25 times the 12 MB one's ($peak12_kb kB)"
		for kb in "$peak12_kb" "$peak_kb"; do
			[ "$kb" -lt 39000 ] ||
				fail "a large report: peak RSS $kb kB, over 3.25 times 12 MB"
		done
	else
		echo "note: a sanitizer build; the peak RSS of a large report's import is not measured"
	fi
	if command -v sqlite3 >/dev/null 2>&1; then
		big_bytes=$(wc -c <"$r/one-big.txt")
		assert_eq "$(sqlite3 "$test_tmp/big.db" "SELECT sum(length(CAST(text AS BLOB))) FROM report_text")" \
			"$big_bytes" "a report of $big_mb MB: the stored text's length"
		# in pieces of at most 256 KiB, each but the last ending a line
		assert_eq "$(sqlite3 "$test_tmp/big.db" "SELECT count(*) > 5, max(length(CAST(text AS BLOB)))
			<= 262144, sum(seq < (SELECT max(seq) FROM report_text) AND substr(text, -1) <> char(10)),
			count(DISTINCT seq) = max(seq) + 1 FROM report_text")" "1|1|0|1" \
			"a report of $big_mb MB: its text's pieces"
		# sqlite3 adds a line break after the value
		sqlite3 "$test_tmp/big.db" "SELECT group_concat(text, '') FROM (SELECT text FROM report_text
			ORDER BY seq)" | head -c "$big_bytes" >"$test_tmp/big-text.txt"
		cmp -s "$test_tmp/big-text.txt" "$r/one-big.txt" ||
			fail "a report of $big_mb MB: the stored text is not the file's"
		assert_eq "$(sqlite3 "$test_tmp/big.db" "SELECT line_count FROM report")" \
			"$(wc -l <"$r/one-big.txt")" "a report of $big_mb MB: its lines"
		# The last money fact's sentence is on the line the store names.
		last_line=$(sqlite3 "$test_tmp/big.db" "SELECT max(line) FROM fund")
		last_sentence=$(sqlite3 "$test_tmp/big.db" "SELECT s.sentence FROM fund f JOIN fund_sentence s
			ON s.fund_id = f.id WHERE f.line = $last_line LIMIT 1")
		[ "$last_line" -gt $(($(wc -l <"$r/one-big.txt") * 9 / 10)) ] ||
			fail "a report of $big_mb MB: its last money fact is at line $last_line, not near the end"
		grep -n -F -- "$last_sentence" "$r/one-big.txt" | cut -d: -f1 | grep -qx "$last_line" ||
			fail "a report of $big_mb MB: line $last_line does not hold [$last_sentence]"
		# Every paragraph lies in the section that holds its line.
		assert_eq "$(sqlite3 "$test_tmp/big.db" "SELECT count(*) FROM paragraph p JOIN section s
			ON s.id = p.section_id WHERE p.line < s.line OR p.line > s.end_line")" 0 \
			"a report of $big_mb MB: paragraphs within their sections"
	fi
	tm_run "$PAIROFF" --db "$test_tmp/big.db" anomalies --format tsv
	assert_contains "$out" "read-in-parts" "a report of $big_mb MB: an anomaly says it was read in parts"
	assert_contains "$out" "not joined across parts" "a report of $big_mb MB: what reading in parts means"
	tm_run "$PAIROFF" --db "$test_tmp/big.db" search --limit 1 "Office of Economic Cooperation"
	assert_rc 0 "a report of $big_mb MB: its paragraphs are searchable"
	rm -f "$r/one-big.txt" "$test_tmp/big.db" "$test_tmp/big-text.txt"
	# Read in parts, a report keeps what a whole read does: a BOM dropped at
	# its start only, CRLF line ends, a control sequence in a later part
	# removed once and listed at its line of the file.
	python3 -c 'import sys
out = sys.stdout.buffer
out.write(b"\xef\xbb\xbfParts Report 2011\r\n\r\nShanghai - Yunnan Pairing-off Poverty Alleviation\r\n")
for i in range(30000):
    out.write(b"In 2011 Shanghai gave %d yuan to Wenshan Prefecture for the roads of village group %d.\r\n" % (1000 + i, i))
    if i == 29000:
        out.write(b"In 2011 Shanghai gave 7 yuan to Wenshan Prefecture, \x1b[2Jafter a clear screen.\r\n")' \
		>"$r/crlf-parts.txt"
	import_ok "a report of CRLF lines read in parts" "$r/crlf-parts.txt"
	seq_line=$(grep -n -a "clear screen" "$r/crlf-parts.txt" | cut -d: -f1)
	tm_run "$PAIROFF" --db "$new" anomalies --format tsv
	assert_eq "$(printf '%s\n' "$out" | grep -c 'control-sequence')" 1 \
		"a report read in parts: the control sequence listed once"
	assert_contains "$out" "$(printf 'removed an escape sequence (CSI) from the text (1 time, 4 bytes)\tcrlf-parts.txt\t%s' "$seq_line")" \
		"a report read in parts: the control sequence at its line ($seq_line)"
	assert_contains "$out" "read-in-parts" "a report of CRLF lines: read in parts"
	tm_run "$PAIROFF" --db "$new" reports --format tsv
	assert_contains "$out" "Parts Report 2011" "a report read in parts: its title, without the BOM"
	tm_run "$PAIROFF" --db "$new" funds --format tsv
	assert_contains "$out" "$(printf 'crlf-parts.txt\t%s\t7 yuan' "$seq_line")" \
		"a report read in parts: the fact on the sequence's line"
	rm -f "$r/crlf-parts.txt"
	# A line longer than a piece (no line end in 700 kB of two- and
	# three-byte characters) is cut between characters, never inside one.
	python3 -c 'import sys; sys.stdout.write("Title\nIn 2010 a city gave 5 yuan. " + "\u4e2d\u00e9a" * 120000)' \
		>"$r/piece-line.txt"
	import_ok "a line longer than a piece of stored text" "$r/piece-line.txt"
	if command -v sqlite3 >/dev/null 2>&1; then
		assert_eq "$(sqlite3 "$new" "SELECT count(*) FROM report_text")" 4 \
			"a line longer than a piece: its pieces"
		sqlite3 "$new" "SELECT group_concat(text, '') FROM (SELECT text FROM report_text
			ORDER BY seq)" | head -c "$(wc -c <"$r/piece-line.txt")" >"$test_tmp/long-text.txt"
		cmp -s "$test_tmp/long-text.txt" "$r/piece-line.txt" ||
			fail "a line longer than a piece: the stored text is not the file's"
	fi
	rm -f "$r/piece-line.txt" "$test_tmp/long-text.txt"
else
	echo "note: no python3 to generate a large report; its memory is not measured"
fi

# --- amounts beyond any plausible one; sums that cannot overflow (issue 15, item 5) ---
report_with "$r/huge-amounts.txt" "In 2011 Beijing gave 9223372036854775807 yuan to Chifeng. \
In 2011 Beijing gave 9223372036854775807 yuan to Ulanqab. \
In 2012 Beijing gave 5000000000000000000 yuan to Chifeng. \
In 2012 Beijing gave 5000000000000000000 yuan to Ulanqab. \
In 2012 Beijing gave 5000000000000000000 yuan to Chifeng for roads. \
In 2013 Beijing gave 5 million yuan to Chifeng."
import_ok "amounts of 9223372036854775807 and 5x10^18 yuan" "$r/huge-amounts.txt"
tm_run "$PAIROFF" --db "$new" anomalies --format tsv
assert_contains "$out" "implausible-amount" "an implausible amount is an anomaly"
assert_eq "$(printf '%s\n' "$out" | grep -c implausible-amount)" 5 "every implausible amount is an anomaly"
tm_run "$PAIROFF" --db "$new" funds --format tsv
assert_rc 0 "implausible amounts: the plausible fact stays"
assert_not_contains "$out" "9223372036854775807" "no fund of 9223372036854775807 yuan"
assert_not_contains "$out" "5000000000000000000" "no fund of 5x10^18 yuan"
tm_run "$PAIROFF" --db "$new" --dump-keys ""
sane "implausible amounts: the provinces pane"
assert_not_contains "$out" "overflow" "implausible amounts: the provinces pane shows no error"
# A crafted store can hold any amount: sums saturate instead of overflowing.
cp "$ref" "$test_tmp/big-sums.db"
sqlite3 "$test_tmp/big-sums.db" "UPDATE fund SET amount_yuan = 5000000000000000000;
	UPDATE pair_total SET aid_yuan = 5000000000000000000, investment_yuan = 5000000000000000000;" ||
	fail "sqlite3 update of the big-sums store"
for keys in "" "l" "ll" "llj" "lljjjj" "G"; do
	tm_run "$PAIROFF" --db "$test_tmp/big-sums.db" --dump-keys "$keys"
	sane "a store of 5x10^18 yuan amounts, keys [$keys]"
	assert_rc 0 "a store of 5x10^18 yuan amounts, keys [$keys]"
	assert_not_contains "$out" "overflow" "a store of 5x10^18 yuan amounts, keys [$keys]: no error"
done
for cmd in funds "show Yunnan" "show Shanghai"; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$test_tmp/big-sums.db" $cmd
	sane "a store of 5x10^18 yuan amounts: $cmd"
	assert_rc 0 "a store of 5x10^18 yuan amounts: $cmd"
done

# --- stdin and stdout closed --------------------------------------------------------
timeout 20 "$PAIROFF" --db "$db" search village <&- >"$test_tmp/out" 2>"$test_tmp/err"
rc=$? err=$(cat "$test_tmp/err")
sane "stdin closed"
assert_rc 0 "stdin closed: a listing still works"
assert_contains "$(cat "$test_tmp/out")" "village" "stdin closed: output"
timeout 20 "$PAIROFF" --db "$db" search village >&- 2>"$test_tmp/err"
rc=$? err=$(cat "$test_tmp/err")
failing "stdout closed"
assert_contains "$err" "write error" "stdout closed: says so"
timeout 20 "$PAIROFF" --db "$db" reports >&- 2>&-
rc=$? err=""
sane "stdout and stderr closed"
[ "$rc" -ge 3 ] && [ "$rc" -lt 124 ] || fail "stdout and stderr closed: exit status $rc, expected 3+"
timeout 20 "$PAIROFF" --db "$db" search village >/dev/full 2>"$test_tmp/err"
rc=$? err=$(cat "$test_tmp/err")
failing "stdout full"
timeout 20 "$PAIROFF" --db "$db" <&- >"$test_tmp/out" 2>"$test_tmp/err"
rc=$? err=$(cat "$test_tmp/err")
sane "browser with stdin closed and no terminal"
assert_rc 2 "browser with no terminal"
assert_one_line "$err" "browser with no terminal"
store_unchanged "stdin/stdout closed"

# --- a full temporary directory during a search (issue 15, item 8) ------------------------
# A query only reads the store, but a sort or a materialised view writes
# SQLite's temporary files, in SQLITE_TMPDIR. A crafted store whose section
# table is a grouped view makes the search materialise it (a few MB), here
# into a full 64 kB tmpfs: a store error (exit 5), one line naming the store.
# Mounting needs root (CI); elsewhere SQLite would fall back to another
# directory, so the case is skipped.
full_tmp=$test_tmp/full-tmp
mkdir -p "$full_tmp"
full_tmp_umount() { umount "$full_tmp" 2>/dev/null; }
if [ "$(id -u)" -eq 0 ] && command -v sqlite3 >/dev/null 2>&1 &&
	mount -t tmpfs -o size=64k pairoff-test "$full_tmp" 2>/dev/null; then
	at_exit full_tmp_umount
	dd if=/dev/zero of="$full_tmp/fill" bs=4096 2>/dev/null
	cp "$ref" "$test_tmp/grouped.db"
	sqlite3 "$test_tmp/grouped.db" "DROP TABLE section; CREATE VIEW section(id, title) AS
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
		SELECT i, max(printf('%0300d', i)) FROM n GROUP BY i;"
	tm_run env SQLITE_TMPDIR="$full_tmp" TMPDIR="$full_tmp" "$PAIROFF" --db "$test_tmp/grouped.db" search village
	failing "a full temporary directory during a search"
	assert_rc 5 "a full temporary directory during a search: a store error"
	assert_contains "$err" "$test_tmp/grouped.db" "a full temporary directory: names the store"
	assert_contains "$err" "$full_tmp" "a full temporary directory: names the directory"
	full_tmp_umount
else
	echo "note: cannot mount a full tmpfs here (not root, or no sqlite3); the full temporary directory case is skipped"
fi

# --- terminal escapes in report text are inert on the command line ---------------------
esc=$(printf '\033')
report_with "$r/escapes.txt" "$(printf '【Escape】 In 2011 Beijing gave 5 million yuan to Chifeng \033[2J cleared \033]52;c;cHduZWQ=\007 copied \033]0;pwned\007 titled \033[31m red \302\233 c1 done.')"
import_ok "report text with terminal escapes" "$r/escapes.txt"
for cmd in "search Chifeng" "search cleared --format json" "search copied --format csv" \
	funds pairs "show Beijing" reports; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$new" $cmd
	sane "escapes: $cmd"
	assert_rc 0 "escapes: $cmd"
	assert_not_contains "$out" "$esc" "escapes: $cmd prints no ESC"
	assert_not_contains "$out" "$(printf '\302\233')" "escapes: $cmd prints no C1 CSI"
	assert_not_contains "$out" "$(printf '\007')" "escapes: $cmd prints no BEL"
done

# --- file names, crafted stores, configs and arguments are inert too (issue 15, item 2)
bel=$(printf '\007')
c1=$(printf '\302\233')             # U+009B, the C1 CSI
bidi=$(printf '\342\200\256')       # U+202E RIGHT-TO-LEFT OVERRIDE
isolate=$(printf '\342\201\246')    # U+2066 LEFT-TO-RIGHT ISOLATE
inert_text() {  # inert_text WHAT TEXT
	assert_not_contains "$2" "$esc" "$1: no ESC"
	assert_not_contains "$2" "$bel" "$1: no BEL"
	assert_not_contains "$2" "$c1" "$1: no C1 CSI"
	assert_not_contains "$2" "$bidi" "$1: no bidi override"
	assert_not_contains "$2" "$isolate" "$1: no bidi isolate"
}
evil=$(printf 'x\033]52;c;cHduZWQ=\007\033[2J\302\2332J\342\200\256\342\201\246y')
mkdir -p "$r/named"
cp "$orig" "$r/named/$evil.txt"
rm -f "$new"
tm_run "$PAIROFF" --db "$new" import "$r/named"
sane "a report whose file name holds escapes"
assert_rc 0 "a report whose file name holds escapes"
for cmd in "show Yunnan" reports "reports --format tsv" "reports --format csv" \
	"reports --format json" "pairs Yunnan" "funds --recipient Yunnan --format tsv" \
	"search Wenshan" "search Wenshan --format csv" anomalies; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$new" $cmd
	sane "file name with escapes: $cmd"
	assert_rc 0 "file name with escapes: $cmd"
	inert_text "file name with escapes: $cmd" "$out"
done
assert_contains "$out" "xy.txt" "file name with escapes: shown without them"
# A crafted store: escapes, C1 and bidi controls in every kind of text.
cp "$ref" "$test_tmp/crafted.db"
bad="' ' || char(27) || ']52;c;cHduZWQ=' || char(7) || char(27) || '[2J' || char(155) || char(8238) || char(8294)"
sqlite3 "$test_tmp/crafted.db" "UPDATE report SET title = title || $bad;
	UPDATE region SET type = type || $bad; UPDATE pairing SET quote = quote || $bad;
	UPDATE fund SET quote = quote || $bad; UPDATE anomaly SET message = message || $bad;" ||
	fail "sqlite3 update of the crafted store"
for cmd in "show Yunnan" "reports" "reports --format csv" "regions --format tsv" "regions" \
	"pairs Yunnan" "pairs Yunnan --format json" "funds --recipient Yunnan" anomalies; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$test_tmp/crafted.db" $cmd
	sane "crafted store: $cmd"
	assert_rc 0 "crafted store: $cmd"
	inert_text "crafted store: $cmd" "$out"
done
tm_run "$PAIROFF" --db "$db" show "$(printf 'Yun\302\233\342\200\256nan\033]0;t\007')"
sane "a region name holding C1 and bidi controls"
assert_rc 1 "a region name holding C1 and bidi controls is not found"
inert_text "a region name holding C1 and bidi controls, echoed" "$err"
printf '[ui]\n\033]0;pwned\007k\302\233ey = \342\200\256v\n[\033[2J]\nx = 1\n' >"$test_tmp/escapes.ini"
tm_run "$PAIROFF" --config "$test_tmp/escapes.ini" --db "$db" reports
sane "a config whose keys hold escapes"
assert_rc 0 "a config whose keys hold escapes"
assert_contains "$err" "unknown key" "a config whose keys hold escapes: warned"
inert_text "a config whose keys hold escapes: warnings" "$err"

# --- stripping escapes never swallows text nor shifts lines (issue 15, item 3) --------
{
	echo "East-West Pairing-off Report 2011"
	echo
	echo "Beijing - Inner Mongolia Autonomous Region Pairing-off Poverty Alleviation"
	echo
	printf 'Opening words \033]0;never ended\n'
	echo
	printf 'A broken sequence \033[1\n'
	echo
	echo "Closing words about Chifeng and its yurts."
	echo
	echo "Last words about Ordos."
} >"$r/stray.txt"
import_ok "stray escape sequences" "$r/stray.txt"
tm_run "$PAIROFF" --db "$new" search yurts --format tsv
assert_rc 0 "an unterminated OSC does not swallow the text after it"
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f2)" "$(grep -n yurts "$r/stray.txt" | cut -d: -f1)" \
	"a line break inside a CSI does not shift line numbers"
tm_run "$PAIROFF" --db "$new" search Ordos --format tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f2)" "$(grep -n Ordos "$r/stray.txt" | cut -d: -f1)" \
	"the last line keeps its number"
tm_run "$PAIROFF" --db "$new" search never --format tsv
assert_rc 0 "the text after an unterminated OSC introducer is kept"
tm_run "$PAIROFF" --db "$new" anomalies --format tsv
assert_contains "$out" "$(printf 'control-sequence\tremoved the introducer of an unterminated escape sequence')" \
	"stripping is reported as an anomaly"
assert_contains "$out" "$(printf 'stray.txt\t5\t')" "the anomaly names the line of the OSC"
assert_contains "$out" "$(printf 'stray.txt\t7\t')" "the anomaly names the line of the CSI"

# --- bad arguments: usage errors (2) with one line, nothing echoed raw ---------------
set -f   # the arguments hold '*'
for args in "search --limit -1 village" "search --limit 99999999999999999999 village" \
	"funds --year -5" "funds --year 99999999999999999999" "regions --side up" \
	"--format xml reports" "search nosuch : village" "search NEAR(" "search *"; do
	# shellcheck disable=SC2086
	tm_run "$PAIROFF" --db "$db" $args
	sane "bad arguments [$args]"
	assert_rc 2 "bad arguments [$args]"
	assert_one_line "$err" "bad arguments [$args]"
done
set +f
# "village:" names no column: searched as typed (issue 11, item 4).
tm_run "$PAIROFF" --db "$db" search village:
sane "search village:"
assert_rc 0 "search village: is searched as typed"
assert_eq "$err" "" "search village: no message"
tm_run "$PAIROFF" --db "$db" search '"unbalanced'
assert_rc 2 "search with an unbalanced quote"
assert_one_line "$err" "search with an unbalanced quote"
tm_run "$PAIROFF" --db "$db" show "$(printf 'x\033[2J\033]52;c;eA==\007y')"
sane "a region name holding escapes"
assert_rc 1 "a region name holding escapes is not found"
assert_not_contains "$err" "$esc" "a region name holding escapes is echoed without ESC"
store_unchanged "bad arguments"

# --- every odd report in one store, in the browser (screen dump) -----------------------
mkdir -p "$r/odd"
for f in empty invalid-utf8 crlf bom long-line many-sections brackets amounts escapes; do
	cp "$r/$f.txt" "$r/odd/"
done
rm -f "$new"
tm_run "$PAIROFF" --db "$new" import "$r/odd"
sane "all the odd reports in one store"
assert_rc 0 "all the odd reports in one store"
assert_contains "$out" "imported 9 reports" "all the odd reports imported"
for keys in "" "G" "rsG" "jjjjjjjjjjjj<Enter><Enter>" "/Chifeng<Enter><Enter>" "/bytes<Enter><Enter>" \
	"/Wenshan<Enter><Enter>GnnNq" "a<Enter>" "aG<Enter>" "fzzz<Enter>" "?G"; do
	tm_run "$PAIROFF" --db "$new" --dump-keys "$keys"
	sane "odd store in the browser, keys [$keys]"
	assert_rc 0 "odd store in the browser, keys [$keys]"
	assert_contains "$out" " pairoff " "odd store in the browser, keys [$keys]: a screen"
	assert_not_contains "$out" "$esc" "odd store in the browser, keys [$keys]: no ESC in the text"
done

# --- terminals (tmux) ------------------------------------------------------------------
if [ -z "${TMUX_BIN:-}" ]; then
	fail "tmux not found: TERM=dumb, no TERM, 1x1 and the inert-escape screen are not tested"
	done_testing
fi
# Sockets live in the test's directory, so they go with it. A fresh server
# (socket) per session: a new session right after kill-server
# can race the old server's exit.
TMUX_TMPDIR=$test_tmp
export TMUX_TMPDIR
sessions=0
sock=pairoff-bad-$$-0
tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
tmux_stop() {
	tm kill-server >/dev/null 2>&1
	# a browser still in an endless query outlives its pane: end it for good
	[ -s "$test_tmp/pid" ] && kill -9 "$(cat "$test_tmp/pid")" 2>/dev/null
	rm -f "$test_tmp/pid"
	sessions=$((sessions + 1))
	sock=pairoff-bad-$$-$sessions
}
at_exit tmux_stop

# in_tmux WHAT COLS LINES ENV... : runs the browser in a fresh pane with ENV
# (env(1) arguments), sends keys given in $keys after it starts, and leaves its
# exit status in $rc and the last screen in $scr.
in_tmux() {
	what=$1 cols=$2 lines=$3
	shift 3
	tmux_stop
	rm -f "$test_tmp/rc"
	tm new-session -d -x "$cols" -y "$lines" \
		"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME env $* \
		timeout --foreground 30 '$PAIROFF' --db '$browse_db' 2>'$test_tmp/err'; echo \$? >'$test_tmp/rc'; sleep 30" ||
		{ fail "$what: tmux new-session"; return 1; }
	tm set-option -g status off >/dev/null
	sleep 0.5
	scr=$(tm capture-pane -p -e -t 0)
	for k in $keys; do tm send-keys -t 0 "$k"; sleep 0.2; done
	i=0
	while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	rc=$(cat "$test_tmp/rc" 2>/dev/null || echo 124)
	err=$(cat "$test_tmp/err")
	sane "$what"
}
browse_db=$db

keys=""
in_tmux "TERM=dumb" 80 24 TERM=dumb
failing "TERM=dumb"
assert_contains "$err" "cannot move the cursor" "TERM=dumb: says why"
in_tmux "TERM unset" 80 24 -u TERM
failing "TERM unset"
assert_contains "$err" "TERM is not set" "TERM unset: says why"
# ncurses' newterm() leaks its pre-screen (new_prescr) when it cannot find
# the terminal: a library leak, suppressed for LeakSanitizer in this check only.
printf 'leak:new_prescr\n' >"$test_tmp/lsan.supp"
in_tmux "TERM of an unknown terminal" 80 24 TERM=no-such-terminal-xyz \
	LSAN_OPTIONS=suppressions="$test_tmp/lsan.supp":print_suppressions=0
failing "TERM of an unknown terminal"

keys="q"
in_tmux "a 1x1 terminal" 1 1
assert_rc 0 "a 1x1 terminal: q quits cleanly"
keys="j j l h Tab / x Enter Escape q q q"
in_tmux "a 2x2 terminal, keys pressed" 2 2
assert_rc 0 "a 2x2 terminal: keys then q quit cleanly"
keys="q"
in_tmux "a 1x1 terminal, no colours" 1 1 NO_COLOR=1
assert_rc 0 "a 1x1 terminal without colours"

# The browser in a terminal with stdin closed: it cannot read keys, so it
# refuses as it does without a terminal (usage error), never reading keys from
# whatever file took descriptor 0.
tmux_stop
rm -f "$test_tmp/rc"
tm new-session -d -x 80 -y 24 \
	"env -u TMUX TERM=xterm-256color timeout --foreground 20 '$PAIROFF' --db '$db' <&- 2>'$test_tmp/err'; echo \$? >'$test_tmp/rc'; sleep 30"
i=0
while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 250 ]; do sleep 0.1; i=$((i + 1)); done
rc=$(cat "$test_tmp/rc" 2>/dev/null || echo 124)
err=$(cat "$test_tmp/err")
sane "the browser with stdin closed"
assert_rc 2 "the browser with stdin closed"
assert_one_line "$err" "the browser with stdin closed"
store_unchanged "terminals"

# Report text with escapes shown in the browser: the source view of the
# paragraph holds no escape but the terminal's own colours, OSC 52 set no
# clipboard buffer and OSC 0 no title. Then the same with the escapes put
# straight into a store, to test the drawing code and not only the importer.
inert_screen() {  # inert_screen WHAT
	tmux_stop
	rm -f "$test_tmp/rc"
	tm new-session -d -x 120 -y 30 \
		"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME timeout --foreground 60 '$PAIROFF' --db '$browse_db'; echo \$? >'$test_tmp/rc'; sleep 30"
	tm set-option -g status off >/dev/null
	tm set-option -g set-clipboard on >/dev/null
	tm set-option -g allow-rename on >/dev/null 2>&1
	sleep 0.5
	tm send-keys -t 0 /
	tm send-keys -t 0 -l cleared
	tm send-keys -t 0 Enter
	sleep 0.5
	tm send-keys -t 0 Enter
	i=0
	while [ "$i" -lt 50 ]; do
		case $(tm capture-pane -p -t 0) in *"escapes.txt, line"*) break ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	scr=$(tm capture-pane -p -e -t 0)
	assert_contains "$scr" "cleared" "$1: the paragraph is on the screen"
	assert_contains "$scr" "escapes.txt, line" "$1: the source view is open"
	# tmux's capture emits SGR sequences for colours; nothing else may remain.
	rest=$(printf '%s' "$scr" | sed "s/$esc\[[0-9;:]*m//g")
	assert_not_contains "$rest" "$esc" "$1: no escape sequence but colours on the screen"
	assert_eq "$(tm list-buffers 2>/dev/null | wc -l | tr -d ' ')" 0 "$1: OSC 52 set no clipboard"
	assert_not_contains "$(tm display-message -p -t 0 '#{pane_title}')" "pwned" "$1: OSC 0 set no title"
	tm send-keys -t 0 Q
	i=0
	while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	assert_eq "$(cat "$test_tmp/rc" 2>/dev/null)" 0 "$1: Q quits"
}
browse_db=$new
inert_screen "escapes in a report, browser"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$new" "UPDATE paragraph SET text = text || ' cleared ' || char(27) || '[2J' ||
		char(27) || ']52;c;cHduZWQ=' || char(7) || char(27) || ']0;pwned' || char(7) ||
		char(155) || '2J' || char(13) || char(8) || ' end'" ||
		fail "sqlite3 update of the scratch store"
	inert_screen "escapes put into the store, browser"
fi

# y copies the selected row without the search's internal hit markers (issue
# 15, item 8): the OSC 52 buffer tmux keeps holds the text only.
tmux_stop
tm new-session -d -x 120 -y 30 \
	"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME timeout --foreground 60 '$PAIROFF' --db '$db'; sleep 30"
tm set-option -g status off >/dev/null
tm set-option -g set-clipboard on >/dev/null
sleep 0.5
tm send-keys -t 0 /
tm send-keys -t 0 -l village
tm send-keys -t 0 Enter
wait_for "hits for"
tm send-keys -t 0 y
wait_for "OSC 52 sent"
buf=$(tm show-buffer 2>/dev/null)
assert_contains "$buf" "village" "y: the row is in the clipboard"
assert_not_contains "$buf" "$(printf '\002')" "y: no hit-start marker in the clipboard"
assert_not_contains "$buf" "$(printf '\003')" "y: no hit-end marker in the clipboard"
tm send-keys -t 0 Q

# Ctrl-C and SIGTERM stop a query that would not end (issue 15, item 4): the
# browser stays usable after Ctrl-C and exits at once on SIGTERM. No timeout(1)
# here: it would pass on a second SIGINT (tmux_stop ends a hung browser).
printf '[store]\nquery_time_limit = 3600\n' >"$test_tmp/nolimit.ini"
endless_browser() {  # endless_browser: starts the browser on the endless store
	tmux_stop
	rm -f "$test_tmp/rc" "$test_tmp/pid"
	tm new-session -d -x 100 -y 30 \
		"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME \
		sh -c 'echo \$\$ >\"$test_tmp/pid\"; exec \"\$0\" \"\$@\"' '$PAIROFF' \
		--config '$test_tmp/nolimit.ini' --db '$test_tmp/loop.db' 2>'$test_tmp/err'; \
		echo \$? >'$test_tmp/rc'; sleep 30"
	tm set-option -g status off >/dev/null
	# wait until the long query has let the terminal send SIGINT (its
	# suspend key is then off), so Ctrl-C is not typed too early
	tty=$(tm display-message -p -t 0 '#{pane_tty}')
	i=0
	while [ "$i" -lt 100 ] && ! stty -a -F "$tty" 2>/dev/null | grep -q 'susp = <undef>'; do
		sleep 0.1
		i=$((i + 1))
	done
}
endless_browser
tm send-keys -t 0 C-c
wait_for "query cancelled" 50
tm send-keys -t 0 Q
i=0
while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
assert_eq "$(cat "$test_tmp/rc" 2>/dev/null)" 0 "Ctrl-C stops an endless query; then Q quits"
endless_browser
[ -s "$test_tmp/pid" ] && kill -TERM "$(cat "$test_tmp/pid")"
i=0
while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
assert_eq "$(cat "$test_tmp/rc" 2>/dev/null)" 8 "SIGTERM during an endless query ends the browser (exit 8)"
tmux_stop

# A store rebuilt under an open browser (issue 15, item 7): the next key
# brings the question; n keeps the old store, y reloads the new one.
cp "$ref" "$test_tmp/live.db"
tmux_stop
rm -f "$test_tmp/rc"
tm new-session -d -x 120 -y 30 \
	"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME timeout --foreground 60 '$PAIROFF' --db '$test_tmp/live.db' 2>'$test_tmp/err'; echo \$? >'$test_tmp/rc'; sleep 30"
tm set-option -g status off >/dev/null
wait_for "Shanghai"
run "$PAIROFF" --db "$test_tmp/live.db" import "$top_srcdir/data/reports/zhejiang-sichuan-2009.txt"
assert_rc 0 "an import while the browser is open"
tm send-keys -t 0 j
wait_for "rebuilt by an import"
tm send-keys -t 0 n
wait_for "still showing the store"
tm send-keys -t 0 k
sleep 0.3
assert_not_contains "$(screen)" "rebuilt by an import" "a declined store is not offered again"
run "$PAIROFF" --db "$test_tmp/live.db" import "$top_srcdir/data/reports/zhejiang-sichuan-2009.txt"
tm send-keys -t 0 j
wait_for "rebuilt by an import"
tm send-keys -t 0 y
wait_for "reloaded the rebuilt store"
assert_contains "$(screen)" "Zhejiang" "the reloaded store is shown"
assert_not_contains "$(screen)" "Shanghai" "the old store is no longer shown"
tm send-keys -t 0 Q
i=0
while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
assert_eq "$(cat "$test_tmp/rc" 2>/dev/null)" 0 "the browser quits after a reload ($(head -c 1500 "$test_tmp/err"))"
tmux_stop

done_testing
