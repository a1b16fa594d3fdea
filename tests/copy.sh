#!/bin/sh
# Copy and export (issue 11, item 5): y saves the row in
# $XDG_STATE_HOME/pairoff/clipboard.txt and says so, says what tmux needs
# rather than claiming success, and inside tmux wraps OSC 52 for tmux's
# passthrough (proved with a tmux inside a tmux: only the wrapped sequence
# can reach the outer one); export names the absolute path it wrote.
. "${top_srcdir:?}/tests/lib.sh"

db=$test_tmp/s.db
# a screen wide enough for the whole status line
PAIROFF_DUMP_SIZE=200x30
export PAIROFF_DUMP_SIZE
run "$PAIROFF" --db "$db" import
assert_rc 0 "import of the bundled reports"
first=$("$PAIROFF" --db "$db" pane provinces --format tsv | sed -n 2p | cut -f1)
[ -n "$first" ] || fail "pane provinces: no first row"

# --- y through the screen dump: the file and the message ----------------------
state=$test_tmp/state
run env XDG_STATE_HOME="$state" "$PAIROFF" --db "$db" --dump-keys y
assert_rc 0 "y"
saved=$state/pairoff/clipboard.txt
[ -f "$saved" ] || fail "y: no $saved"
assert_contains "$(cat "$saved" 2>/dev/null)" "$first" "y: the selected row is in the file"
assert_contains "$out" "copy in $saved" "y: the message names the file"
assert_contains "$out" "OSC 52 sent (if the terminal allows it)" "y outside tmux: no claim of success"
assert_not_contains "$out" "copied" "y: does not claim the clipboard was set"
assert_eq "$(stat -c %a "$state/pairoff")" 700 "y: the state directory is private"

# The default place is ~/.local/state/pairoff, shown with ~.
run env TMUX=/tmp/fake,1,0 "$PAIROFF" --db "$db" --dump-keys y
assert_contains "$out" "OSC 52 sent via tmux (needs set-clipboard on); copy in ~/.local/state/pairoff/clipboard.txt" \
	"y inside tmux: what tmux needs, and the file"
[ -f "$HOME/.local/state/pairoff/clipboard.txt" ] || fail "y: nothing under ~/.local/state/pairoff"

# A file that cannot be written is said, not hidden.
mkdir -p "$test_tmp/ro/pairoff/clipboard.txt"
run env XDG_STATE_HOME="$test_tmp/ro" "$PAIROFF" --db "$db" --dump-keys y
assert_rc 0 "y with a directory in the file's place"
assert_contains "$out" "not saved in $test_tmp/ro/pairoff/clipboard.txt" "y: says the file was not written"

# y on another row replaces the file's text.
copy1=$(cat "$saved")
run env XDG_STATE_HOME="$state" "$PAIROFF" --db "$db" --dump-keys jy
[ "$(cat "$saved")" != "$copy1" ] || fail "y on the next row: the file still holds [$copy1]"
assert_eq "$(wc -l <"$saved" | tr -d ' ')" 1 "y again: one row in the file"

# --- export: the absolute path ---------------------------------------------------
mkdir -p "$test_tmp/work"
out=$(cd "$test_tmp/work" && "$PAIROFF" --db "$db" --dump-keys "e<C-u>rel.csv<Enter>" </dev/null 2>&1)
assert_contains "$out" "rows -> $test_tmp/work/rel.csv" "export of a relative name: the absolute path"
[ -f "$test_tmp/work/rel.csv" ] || fail "export wrote no rel.csv"
out=$(cd "$test_tmp/work" && "$PAIROFF" --db "$db" --dump-keys "e<C-u>./sub.tsv<Enter>" </dev/null 2>&1)
assert_contains "$out" "rows -> $test_tmp/work/sub.tsv" "export of ./name: no ./ in the path"
out=$("$PAIROFF" --db "$db" --dump-keys "e<C-u>~/home.json<Enter>" </dev/null 2>&1)
assert_contains "$out" "rows -> $HOME/home.json" "export to ~/: the home directory spelt out"

# --- tmux: the passthrough reaches the terminal outside --------------------------
[ -n "${TMUX_BIN:-}" ] || { echo "SKIP: tmux not found (the passthrough part)"; done_testing; }
# Each nested run has sockets of its own, so that a server still going away
# is never the one a new session talks to.
run_no=0
outer() { "$TMUX_BIN" -S "$test_tmp/outer$run_no.sock" -f /dev/null "$@"; }
inner() { "$TMUX_BIN" -S "$test_tmp/inner$run_no.sock" -f /dev/null "$@"; }
stop_tmux() {
	inner kill-server >/dev/null 2>&1
	outer kill-server >/dev/null 2>&1
	return 0
}
at_exit stop_tmux

# nested PASSTHROUGH SET_CLIPBOARD: the browser in a tmux (with those
# options) that runs in a tmux keeping what reaches it (set-clipboard on);
# y pressed. The outer tmux's buffers are in $outer_buf, the inner's in
# $inner_buf.
nested() {
	stop_tmux
	run_no=$((run_no + 1))
	outer new-session -d -x 120 -y 30 \
		"env -u TMUX '$TMUX_BIN' -S '$test_tmp/inner$run_no.sock' -f /dev/null new-session \
		'env TERM=xterm-256color HOME=$HOME LC_ALL=C.UTF-8 timeout --foreground 60 $PAIROFF --db $db; sleep 30'" ||
		fail "tmux: the outer session did not start"
	outer set-option -g set-clipboard on >/dev/null
	i=0
	until inner has-session 2>/dev/null || [ "$i" -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	inner set-option -g allow-passthrough "$1" >/dev/null || fail "tmux has no allow-passthrough"
	inner set-option -g set-clipboard "$2" >/dev/null
	i=0
	until inner capture-pane -p -t 0 2>/dev/null | grep -q "$first" || [ "$i" -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	inner send-keys -t 0 y
	i=0
	until inner capture-pane -p -t 0 | grep -q "OSC 52 sent" || [ "$i" -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	scr=$(inner capture-pane -p -t 0)
	outer_buf=$(outer show-buffer 2>/dev/null)
	inner_buf=$(inner show-buffer 2>/dev/null)
	inner send-keys -t 0 Q
}

if "$TMUX_BIN" -V | grep -Eq 'tmux (3\.[3-9]|[4-9])'; then
	nested on off
	assert_contains "$scr" "OSC 52 sent via tmux (needs set-clipboard on)" "in tmux: the message"
	assert_contains "$outer_buf" "$first" "in tmux with allow-passthrough: the row reached the outer terminal"
	assert_eq "$inner_buf" "" "in tmux with set-clipboard off: tmux kept nothing"
	nested off off
	assert_eq "$outer_buf" "" "the outer terminal gets nothing without passthrough (the test can fail)"
fi
nested off on
assert_contains "$inner_buf" "$first" "in tmux with set-clipboard on: tmux keeps the row"
assert_not_contains "$inner_buf" "$(printf '\033')" "in tmux: the buffer holds text only"

done_testing
