#!/bin/sh
# A failed or interrupted import leaves the previous store byte for byte as
# it was and nothing behind in its directory; a good one replaces it whole.
. "${top_srcdir:?}/tests/lib.sh"

reports=$top_srcdir/data/reports
dir=$test_tmp/stores
db=$dir/store.db
mkdir -p "$dir"

run "$PAIROFF" --db "$db" import "$reports"
assert_rc 0 "initial import"
cp "$db" "$test_tmp/before.db"

# assert_store_kept WHAT: the store is unchanged and no temporary file is left.
assert_store_kept() {
	cmp -s "$db" "$test_tmp/before.db" || fail "$1: the store changed"
	leftovers=$(ls -A "$dir" | grep -v '^store\.db$')
	assert_eq "$leftovers" "" "$1: files left in the store's directory"
}

# --- inputs that do not exist, checked before anything is written ----------------
run "$PAIROFF" --db "$db" import /nonexistent
[ "$rc" -ge 3 ] || fail "import /nonexistent: exit status $rc, expected >= 3"
assert_one_line "$err" "import /nonexistent"
assert_eq "$err" "pairoff: /nonexistent: No such file or directory" "import /nonexistent message"
assert_store_kept "import /nonexistent"

run "$PAIROFF" --db "$db" import "$reports" "$test_tmp/missing.txt"
[ "$rc" -ge 3 ] || fail "import with one missing input: exit status $rc"
assert_contains "$err" "missing.txt: No such file or directory" "missing input named"
assert_store_kept "import with one missing input"

# --- a report that is not text fails the whole import -----------------------------
mkdir -p "$test_tmp/binary"
cp "$reports/shanghai-yunnan-2009.txt" "$test_tmp/binary/a.txt"
printf 'PK\003\004\000\000binary\000junk' > "$test_tmp/binary/b.txt"
run "$PAIROFF" --db "$db" import "$test_tmp/binary"
[ "$rc" -ge 3 ] || fail "import of a binary report: exit status $rc"
assert_one_line "$err" "binary report"
assert_contains "$err" "b.txt" "binary report is named"
assert_store_kept "import of a binary report"

# --- two different files with one name --------------------------------------------
mkdir -p "$test_tmp/other"
printf 'Another Title\n\n    Some text.\n' > "$test_tmp/other/shanghai-yunnan-2009.txt"
run "$PAIROFF" --db "$db" import "$reports" "$test_tmp/other"
assert_rc 2 "two inputs with the same file name"
assert_one_line "$err" "same file name"
assert_contains "$err" "same file name" "same file name message"
assert_store_kept "two inputs with the same file name"

# --- a bad gazetteer --------------------------------------------------------------
printf '[store]\ngazetteer = %s/no-such-regions.ini\n' "$test_tmp" > "$test_tmp/gaz.ini"
run "$PAIROFF" --config "$test_tmp/gaz.ini" --db "$db" import "$reports"
[ "$rc" -ge 3 ] || fail "import with a missing gazetteer: exit status $rc"
assert_one_line "$err" "missing gazetteer"
assert_contains "$err" "no-such-regions.ini" "missing gazetteer is named"
assert_store_kept "import with a missing gazetteer"
# A gazetteer directory whose second file names an unknown parent: the
# first file read well is no reason to touch the store.
mkdir -p "$test_tmp/gaz-dir"
printf '[a]\nname = A Province\ntype = province\n' > "$test_tmp/gaz-dir/a.ini"
printf '[b]\nname = B City\ntype = city\nparent = nowhere\n' > "$test_tmp/gaz-dir/b.ini"
printf '[store]\ngazetteer = %s/gaz-dir\n' "$test_tmp" > "$test_tmp/gaz.ini"
run "$PAIROFF" --config "$test_tmp/gaz.ini" --db "$db" import "$reports"
assert_rc 6 "import with a bad gazetteer directory"
assert_one_line "$err" "bad gazetteer directory"
assert_contains "$err" "gaz-dir/b.ini:4: unknown parent 'nowhere'" "bad gazetteer directory: file and line"
assert_store_kept "import with a bad gazetteer directory"

# --- a directory where the store cannot be written ---------------------------------
run "$PAIROFF" --db /dev/null/sub/store.db import "$reports"
[ "$rc" -ge 3 ] || fail "store under a file: exit status $rc"
assert_one_line "$err" "store under a file"
assert_contains "$err" "/dev/null/sub" "store under a file is named"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$dir"
	run "$PAIROFF" --db "$db" import "$reports"
	chmod 755 "$dir"
	[ "$rc" -ge 3 ] || fail "read-only directory: exit status $rc"
	assert_one_line "$err" "read-only directory"
	assert_contains "$err" "Permission denied" "read-only directory message"
	assert_store_kept "read-only directory"
fi

# --- an interrupted import -----------------------------------------------------------
# Many names for one long report make an import that runs long enough to be
# stopped once its temporary file exists.
mkdir -p "$test_tmp/many"
i=0
while [ $i -lt 200 ]; do
	ln -s "$reports/east-west-pairing-2012.txt" "$test_tmp/many/r$i.txt"
	i=$((i + 1))
done
"$PAIROFF" --db "$db" import "$test_tmp/many" >/dev/null 2>"$test_tmp/err" &
pid=$!
waited=0
while ! ls "$dir" | grep -q '\.tmp$'; do
	sleep 0.02
	waited=$((waited + 1))
	[ $waited -lt 1000 ] || break
done
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
[ "$rc" -ne 0 ] || fail "interrupted import: it finished before SIGTERM (exit status 0)"
assert_eq "$rc" 143 "interrupted import dies of SIGTERM after cleaning up"
assert_store_kept "interrupted import"

# --- an import stopped while one long report is read ------------------------------------
# A signal ends the wait for the reading thread, and the thread ends the
# report within a paragraph (it read on to the end of a report of 100,000
# paragraphs before, for as long as that took).
awk 'BEGIN { print "East-West Pairing-off Report 2011\n\nShanghai - Yunnan Pairing-off Poverty Alleviation\n"
	for (i = 0; i < 100000; i++)
		printf "Since %d, Shanghai has been paired with Wenshan Prefecture, and sent group %d.\n\n", 1990 + i % 30, i }' \
	>"$test_tmp/long.txt"
"$PAIROFF" --db "$db" import "$test_tmp/long.txt" >/dev/null 2>"$test_tmp/err" &
pid=$!
waited=0
while ! ls "$dir" | grep -q '\.tmp$'; do
	sleep 0.02
	waited=$((waited + 1))
	[ $waited -lt 1000 ] || break
done
sleep 1
kill -TERM $pid 2>/dev/null
waited=0
while kill -0 $pid 2>/dev/null && [ $waited -lt 400 ]; do
	sleep 0.02
	waited=$((waited + 1))
done
kill -0 $pid 2>/dev/null && fail "import of one long report: still running 8 s after SIGTERM"
wait $pid
rc=$?
assert_eq "$rc" 143 "import of one long report dies of SIGTERM after cleaning up"
assert_store_kept "import of one long report, interrupted"

# --- a good import replaces the store whole ---------------------------------------------
run "$PAIROFF" --db "$db" import "$reports/zhejiang-sichuan-2009.txt" "$reports"
assert_rc 0 "import of a file and the directory holding it"
assert_contains "$out" "imported 5 reports" "a file named twice is imported once"
# A reader that has the store open keeps the whole old one (fd 3 holds it,
# so its inode cannot be reused for the new file either).
cp "$db" "$test_tmp/old.db"
exec 3<"$db"
inode_before=$(ls -i "$db" | cut -d' ' -f1)
run "$PAIROFF" --db "$db" import "$reports/zhejiang-sichuan-2009.txt"
assert_rc 0 "import of one report"
assert_contains "$out" "imported 1 reports" "one report"
[ "$(ls -i "$db" | cut -d' ' -f1)" != "$inode_before" ] || fail "the store was written in place"
cmp -s /dev/fd/3 "$test_tmp/old.db" || fail "a reader of the old store saw it change"
exec 3<&-
run "$PAIROFF" --db "$db" reports --format tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1)" "zhejiang-sichuan-2009.txt" "new store holds the new import only"
leftovers=$(ls -A "$dir" | grep -v '^store\.db$')
assert_eq "$leftovers" "" "nothing left after a good import"

# A store reached through a symbolic link is replaced where the link points.
ln -s "$db" "$test_tmp/link.db"
run "$PAIROFF" --db "$test_tmp/link.db" import "$reports/shanghai-yunnan-2009.txt"
assert_rc 0 "import through a symbolic link"
[ -L "$test_tmp/link.db" ] || fail "the symbolic link was replaced by a file"
run "$PAIROFF" --db "$db" reports --format tsv
assert_eq "$(printf '%s\n' "$out" | sed 1d | cut -f1)" "shanghai-yunnan-2009.txt" "the link's target was rebuilt"

# A directory without reports is refused: the store is not emptied.
mkdir -p "$test_tmp/empty"
cp "$db" "$test_tmp/before-empty.db"
run "$PAIROFF" --db "$db" import "$test_tmp/empty"
assert_rc 4 "import of an empty directory"
assert_one_line "$err" "import of an empty directory"
assert_contains "$err" "no reports" "empty directory named in the error"
cmp -s "$db" "$test_tmp/before-empty.db" || fail "import of an empty directory changed the store"

done_testing
