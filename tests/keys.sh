#!/bin/sh
# Keys (issue 11, item 3): the man page's key list, --help-keys, the help
# screen and the names of the config's [keys] section come from the one
# action table and agree; [keys] rebinds; b pages up but switches the
# matrix's side in the matrix; counts (5j, 10G); I reverses a sort and the
# header marks it; Ctrl-G shows where you are and y copies it; a key that
# is not bound is named, never given as a code. Screens through the
# in-process screen dump (--dump-keys).

. "$top_srcdir/tests/lib.sh"

bundled_store
man=$top_srcdir/data/pairoff.1

# --- one table: --help-keys, the man page, [keys], the help screen --------
run "$PAIROFF" --help-keys
assert_rc 0 "--help-keys"
help_keys=$out
# "  KEYS...  NAME  HELP": the name is the word before the help text, the
# keys what comes before it (fixed columns: 2, 25, 40)
printf '%s\n' "$help_keys" | grep '^  ' | cut -c26-39 | sed 's/ *$//' > "$test_tmp/names"
n=$(wc -l < "$test_tmp/names" | tr -d ' ')
[ "$n" -ge 30 ] || fail "--help-keys lists $n actions"
for name in move-down page-up position sort-reverse matrix-side find-text find-next copy quit; do
	grep -qx "$name" "$test_tmp/names" || fail "--help-keys has no action $name"
done

# The man page holds --help-keys=man between its markers, byte for byte.
run "$PAIROFF" --help-keys=man
assert_rc 0 "--help-keys=man"
printf '%s\n' "$out" > "$test_tmp/man-keys"
sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$man" | sed '1d;$d' > "$test_tmp/man-page-keys"
if ! cmp -s "$test_tmp/man-keys" "$test_tmp/man-page-keys"; then
	fail "data/pairoff.1's key list differs from pairoff --help-keys=man (paste its output between
the KEYS markers):
$(diff -u "$test_tmp/man-page-keys" "$test_tmp/man-keys" | head -n 40)"
fi
# ... and it names every action, with its keys
sed -n 's/.*(\\fI\(.*\)\\fR)$/\1/p' "$test_tmp/man-keys" | sed 's/\\-/-/g' > "$test_tmp/man-names"
assert_eq "$(cat "$test_tmp/man-names")" "$(cat "$test_tmp/names")" "the man page's actions are --help-keys's"
run "$PAIROFF" --help-keys=roff
assert_rc 2 "--help-keys=roff is a usage error"

# The [keys] names of --help-config are the actions, in the same order.
run "$PAIROFF" --help-config
printf '%s\n' "$out" | sed -n '/^\[keys\]/,$p' | sed -n 's/^\([a-z-]*\) = .*/\1/p' > "$test_tmp/config-names"
assert_eq "$(cat "$test_tmp/config-names")" "$(cat "$test_tmp/names")" "[keys] names are the actions"
# each with the keys --help-keys gives it
printf '%s\n' "$help_keys" | grep '^  ' | while IFS= read -r line; do
	keys=$(printf '%s\n' "$line" | cut -c3-24 | sed 's/ *$//')
	name=$(printf '%s\n' "$line" | cut -c26-39 | sed 's/ *$//')
	printf '%s\n' "$out" | grep -qxF "$name = $keys" || echo "$name = $keys"
done > "$test_tmp/config-missing"
assert_eq "$(cat "$test_tmp/config-missing")" "" "--help-config binds each action as --help-keys says"

# The help screen lists each action's keys and the start of its help.
dump 160x120 "?"
printf '%s\n' "$help_keys" | grep '^  ' | while IFS= read -r line; do
	keys=$(printf '%s\n' "$line" | cut -c3-24 | sed 's/ *$//')
	help=$(printf '%s\n' "$line" | cut -c41- | cut -c1-40)
	printf '%s\n' "$out" | grep -qF "  $(printf '%-24s' "$keys")$help" || echo "$keys: $help"
done > "$test_tmp/screen-missing"
assert_eq "$(cat "$test_tmp/screen-missing")" "" "the help screen lists what --help-keys lists"
assert_contains "$out" "In the matrix" "the help screen has the matrix's keys"
assert_contains "$out" "[ui] start_at" "the help screen lists the config keys of the option table"

# --- [keys] rebinds, and the help follows -------------------------------------
cat > "$test_tmp/keys.ini" <<'EOF'
[keys]
move-down = x Down
search = F5
nonsense = z
move-up = k Hyper-K
copy = ";"
EOF
dump 100x30 "xx" --config "$test_tmp/keys.ini"
assert_eq "$err" "pairoff: $test_tmp/keys.ini:4: unknown action 'nonsense' in [keys] (pairoff --help-keys lists them)
pairoff: $test_tmp/keys.ini:5: bad key 'Hyper-K' for 'move-up' (a character, Down, Ctrl-D, F1, Space, ...: up to 4, or none); default kept" \
	"[keys]: unknown actions and key names warn with their line"
assert_contains "$(status_line)" " 3/22" "x moves down when bound to move-down"
dump 100x30 "j" --config "$test_tmp/keys.ini"
assert_contains "$(status_line)" "j is not bound" "j no longer moves down"
dump 100x30 "<Down>k" --config "$test_tmp/keys.ini"
assert_contains "$(status_line)" " 1/22" "move-up keeps k (the bad binding changed nothing)"
run "$PAIROFF" --config "$test_tmp/keys.ini" --help-keys
assert_contains "$out" "  x Down                 move-down" "--help-keys shows the keys in force"
assert_contains "$out" "  F5                     search" "--help-keys: search on F5"
assert_contains "$out" "  ;                      copy" "--help-keys: a quoted ';'"
dump 160x120 "?" --config "$test_tmp/keys.ini"
assert_contains "$out" "  x Down                  Move down one row" "the help screen shows the keys in force"

# --- b pages up, and switches the side in the matrix ---------------------------
dump 100x30 "Gb"
assert_contains "$(status_line)" " 1/22" "b pages up in a list"
dump 100x30 "G<C-b>"
assert_contains "$(status_line)" " 1/22" "Ctrl-B pages up"
dump 100x30 "mb"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Recipient" "b in the matrix switches to recipients"
dump 100x30 "mbb"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "Donor" "b again: donors"
dump 100x30 "v"
assert_contains "$(status_line)" "works in the matrix" "a matrix key outside it says where it works"

# --- the source view's own keymap: / searches its text, F all reports -------------
src_keys='fshanghai<Enter><Enter>fyunnan<Enter><Enter>fwenshan<Enter>jj<Enter>'
prompt_line() { printf '%s\n' "$out" | sed -n '/^cursor: /q; p' | sed -n '$p'; }
dump 100x30 "$src_keys/"
assert_eq "$(prompt_line)" "/" "/ in the source view: its text's prompt"
dump 100x30 "$src_keys"F
assert_eq "$(prompt_line)" "Search:" "F in the source view: the store-wide search"
dump 100x30 "/"
assert_eq "$(prompt_line)" "Search:" "/ in a list: the store-wide search"
printf '[keys]\nfind-text = Ctrl-F\n' >"$test_tmp/find.ini"
dump 100x30 "$src_keys<C-f>" --config "$test_tmp/find.ini"
assert_eq "$(prompt_line)" "/" "find-text rebound to Ctrl-F in the source view"
dump 100x30 "$src_keys/" --config "$test_tmp/find.ini"
assert_eq "$(prompt_line)" "Search:" "/ left by find-text: the store-wide search there too"
dump 100x30 "<C-f>" --config "$test_tmp/find.ini"
assert_contains "$(status_line)" "22/22" "Ctrl-F still pages down in a list (the source keymap is its own)"

# --- counts ------------------------------------------------------------------
dump 100x30 "5j"
assert_contains "$(status_line)" " 6/22" "5j moves five rows"
dump 100x30 "10G"
assert_contains "$(status_line)" "10/22" "10G goes to the tenth row"
dump 100x30 "G3g"
assert_contains "$(status_line)" " 3/22" "3g goes to the third row"
dump 100x30 "12j4k"
assert_contains "$(status_line)" " 9/22" "12j then 4k"
dump 100x30 "99j"
assert_contains "$(status_line)" "22/22" "a count past the end stops at the last row"
dump 100x30 "5"
assert_contains "$(status_line)" "5 (Esc forgets it)" "a count shows while it is typed"
dump 100x30 "5<Esc>j"
assert_contains "$(status_line)" " 2/22" "Esc forgets a count"
dump 100x30 "2<Tab>"
assert_contains "$(printf '%s\n' "$out" | sed -n 1p)" "Beijing › Inner Mongolia ›" "2 Tab: the third pane"

# --- sort: the header marks the column and direction; I turns it round -----
dump 100x30 "s"
header=$(printf '%s\n' "$out" | sed -n 2p)
assert_contains "$header" "▼Aid" "s: aid, largest first, marked in the header"
first_aid=$(printf '%s\n' "$out" | sed -n 4p)
dump 100x30 "sI"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "▲Aid" "I: aid, smallest first"
[ "$(printf '%s\n' "$out" | sed -n 4p)" != "$first_aid" ] || fail "I does not change the order"
assert_contains "$(status_line)" "sorted by aid, reversed" "I says what it did"
dump 100x30 "I"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "▼Province" "I on the natural order: names from Z"
assert_contains "$(printf '%s\n' "$out" | sed -n 4p)" "Zhejiang" "names from Z: Zhejiang first of the East"
LC_ALL=C dump 100x30 "s"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "vAid" "without UTF-8 the mark is ASCII"
dump 120x40 "<Tab><Tab>I"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "▼year" "the funds pane: the years from the newest"
assert_contains "$(printf '%s\n' "$out" | sed -n 3p)" "2012" "the newest year first"
dump 100x30 "mI"
assert_contains "$(printf '%s\n' "$out" | sed -n 2p)" "▼Donor" "I in the matrix: the names from Z"

# --- Ctrl-G shows where you are; y copies it -----------------------------------
dump 100x30 "jjj<Enter><C-g>"
assert_contains "$(status_line)" "pairoff --at Guangdong/Guangxi " "Ctrl-G: the path"
assert_contains "$(status_line)" "partners 1/" "Ctrl-G: the view and the row"
assert_contains "$(status_line)" ".txt:" "Ctrl-G: the report and line of the row"
dump 100x30 "<Tab><Tab><C-g>y"
clip=$HOME/.local/state/pairoff/clipboard.txt
assert_eq "$(cat "$clip" 2>/dev/null)" "pairoff --at 'Beijing/Inner Mongolia/2012'" "y after Ctrl-G copies the command"
dump 100x30 "<C-g>jy"
assert_not_contains "$(cat "$clip")" "--at" "y after another key copies the row again"

# --- no raw key codes -----------------------------------------------------------
dump 100x30 "<Delete>"
assert_contains "$(status_line)" "Delete is not bound (? lists the keys)" "Delete is named"
dump 100x30 "<F1><Esc>Z"
assert_contains "$(status_line)" "Z is not bound" "a letter is itself"
dump 100x30 "江"
assert_contains "$(status_line)" "江 is not bound" "a character is itself"
assert_not_contains "$out" "#" "no key code in the screen"

done_testing
