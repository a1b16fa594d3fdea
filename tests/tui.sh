#!/bin/sh
# The browser driven in a real terminal: tmux with a private socket, a fixed
# size, TERM=xterm-256color and a UTF-8 locale. A shell runs in the pane so
# that quitting shows its prompt again. Every wait is bounded.

. "$top_srcdir/tests/lib.sh"

[ -n "${TMUX_BIN:-}" ] || skip "tmux not found"

bundled_store
[ "$rc" -eq 0 ] || done_testing

sock=pairoff-test-$$
tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
tmux_stop() { tm kill-server >/dev/null 2>&1; }
at_exit tmux_stop

# start COLS LINES: a fresh pane with a shell whose prompt is "READY$ ".
start() {
	tmux_stop
	tm new-session -d -x "$1" -y "$2" \
		"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME PS1='READY\$ ' sh" || {
		fail "tmux new-session"
		done_testing
	}
	tm set-option -g status off >/dev/null
	wait_for 'READY$' || done_testing
}



# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while [ "$i" -lt 50 ]; do
		scr=$(screen)
		case $scr in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for [$1] to go; the screen was:
$scr"
	return 1
}

# wait_status TAG: polls until the shell printed "TAG=<status>" on a line of
# its own (not the command line, which holds "TAG=$?"); sets $status.
wait_status() {
	i=0
	while [ "$i" -lt 50 ]; do
		status=$(screen | sed -n "s/^$1=\([0-9][0-9]*\)\$/\1/p" | tail -n 1)
		[ -n "$status" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for $1=<status>; the screen was:
$(screen)"
	return 1
}


# The text of the line the hardware cursor is on (the selected row).
cursor_line() {
	y=$(tm display-message -p -t 0 '#{cursor_y}')
	screen | sed -n "$((y + 1))p" | sed 's/ *$//'
}

# wait_line N TEXT: polls until line N of the screen holds TEXT.
wait_line() {
	i=0
	while [ "$i" -lt 50 ]; do
		scr=$(screen | sed -n "$1p")
		case $scr in *"$2"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for [$2] on line $1; the screen was:
$(screen)"
	return 1
}

# The source view's text, gutters cut and wrapped lines joined.
source_text() { screen | sed '1,2d;$d' | cut -c7- | tr '\n' ' ' | tr -s ' '; }

# launch TAG: runs the browser; the shell then prints "TAG=<exit status>".
launch() {
	type_text "\"\$PAIROFF\" --db \"$db\"; echo \"$1=\$?\""
	keys Enter
	wait_for "Province" || done_testing
}

export PAIROFF
start 100 30
launch first

# --- first screen: three panes, title, key hints ---------------------------
scr=$(screen)
assert_contains "$scr" " pairoff " "title line"
assert_contains "$scr" "East (donors)" "provinces grouped by side"
assert_contains "$scr" "Partners of" "partners pane"
assert_contains "$scr" "? help" "key hints on the status line"

# --- drill down Shanghai -> Yunnan -> 2009 ---------------------------------
keys f; type_text "shanghai"; keys Enter
wait_for '[filter: shanghai] 1/1'
keys Enter
wait_for "Partners of Shanghai"
keys f; type_text "yunnan"; keys Enter
wait_for "[filter: yunnan]"
keys Enter
wait_for "Shanghai → Yunnan"
keys u u
wait_for "million yuan"
keys f; type_text "2009"; keys Enter
wait_for "[filter: 2009]"
# walk down to the flow of 180 (million yuan): its statements say 180 and
# 180.2, both shown (180.00 / 180.20: two decimals in million yuan), and the
# row tells how many statements there are ("2 sources", "×2" when narrow)
n=0
while [ "$n" -lt 12 ]; do
	case $(cursor_line) in *" 180.00 / 180.20") break ;; esac
	keys j
	sleep 0.1
	n=$((n + 1))
done
line=$(cursor_line)
case $line in
*"2 sources"*" 180.00 / 180.20"|*"×2 180.00 / 180.20") ;;
*) fail "the selected flow should show its 2 sources and the figures 180.00 / 180.20: [$line]" ;;
esac

# --- its statements, then the first one's source: the sentence, the report named --
keys Enter
wait_for "2 statements of"
assert_contains "$(screen)" "shanghai-yunnan-2009.txt:11" "the statements list names the report and line"
keys Enter
wait_for "shanghai-yunnan-2009.txt, line"
assert_contains "$(source_text)" "actually 180 million Yuan was put in" "source sentence"
assert_eq "$(tm display-message -p -t 0 '#{cursor_x}')" "0" "cursor at the start of the selected row"
keys q
wait_for "2 statements of"
keys q
wait_gone "2 statements of"

# --- search a phrase, open a hit, step with n --------------------------------
keys /; type_text '"new rural construction"'; keys Enter
wait_for 'hits for'
assert_contains "$(screen)" "new rural" "the hits show their snippets"
keys Enter
wait_for ".txt, line"
assert_contains "$(source_text | tr A-Z a-z)" "new rural construction" "search hit opened in the source view"
first=$(screen | sed -n 2p)
keys n
i=0
while [ "$i" -lt 30 ] && [ "$(screen | sed -n 2p)" = "$first" ]; do sleep 0.1; i=$((i + 1)); done
assert_not_contains "$(screen | sed -n 2p)" "$first" "n opens the next hit"
keys q q
wait_gone ".txt, line"

# --- FTS syntax errors and a 1,000-character paste: a message, no crash -------
keys /; type_text "AND OR"; keys Enter
wait_for "invalid search query"
keys /; type_text '"pairing'; keys Enter
wait_for "invalid search query"
long=$(printf '%01000d' 0 | tr 0 x)
keys /; type_text "$long"; keys Enter
wait_for "search query too long"   # capped at 512 bytes (issue 15, item 4)
assert_contains "$(screen)" " pairoff " "still drawing after the long paste"

# --- filter the provinces by an alias (Simao is Pu'er's old name) -------------
keys Escape
keys Left Left Left
keys Escape
keys f; type_text "simao"; keys Enter
wait_for "[filter: simao]"
scr=$(screen)
assert_contains "$scr" "[filter: simao] 1/1" "one province holds the place once called Simao"
assert_contains "$(cursor_line)" "Yunnan" "simao finds Yunnan (Pu'er)"
keys Escape
wait_gone "[filter: simao]"

# --- resize: 60x15, 200x60, too small at 20x5, back -------------------------
tm resize-window -t 0 -x 60 -y 15
wait_for "Partners of"
scr=$(screen)
assert_eq "$(printf '%s\n' "$scr" | wc -l | tr -d ' ')" "15" "15 lines at 60x15"
assert_contains "$(printf '%s\n' "$scr" | sed -n 1p)" " pairoff " "title at 60x15"
assert_contains "$(printf '%s\n' "$scr" | sed -n 2p)" "Province" "provinces header at 60x15"
assert_not_contains "$scr" "enlarge the terminal" "60x15 is big enough"
tm resize-window -t 0 -x 200 -y 60
wait_line 60 "/"
scr=$(screen)
assert_contains "$(printf '%s\n' "$scr" | sed -n 2p)" "Partners of" "three panes at 200x60"
assert_eq "$(printf '%s\n' "$scr" | wc -l | tr -d ' ')" "60" "60 lines at 200x60"
tm resize-window -t 0 -x 20 -y 5
wait_for "enlarge the terminal"
tm resize-window -t 0 -x 100 -y 30
wait_for "Province"
wait_gone "enlarge the terminal"

# --- help ------------------------------------------------------------------
keys ?
wait_for "Keys (q or Esc closes this help)"
scr=$(screen)
assert_contains "$scr" "Move down one row" "help lists the bindings"
assert_contains "$scr" "Moving" "help groups the bindings"
keys q
wait_gone "Keys (q or Esc closes this help)"

# --- y copies the selected row with OSC 52 (tmux keeps it as a buffer) --------
tm set-option -s set-clipboard on
keys f; type_text "shanghai"; keys Enter
wait_for "[filter: shanghai]"
keys y
wait_for "OSC 52 sent"
i=0
while [ "$i" -lt 30 ] && ! tm show-buffer >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
assert_contains "$(tm show-buffer 2>/dev/null)" "Shanghai" "OSC 52 reached the clipboard"
keys Escape

# --- rapid resizes and a held key: still a sane screen -----------------------
for size in 80x24 30x8 120x40 61x16 100x30 45x12 100x30; do
	tm resize-window -t 0 -x "${size%x*}" -y "${size#*x}"
done
i=0
while [ "$i" -lt 40 ]; do keys j k; i=$((i + 1)); done
wait_line 30 "/"
scr=$(screen)
assert_contains "$(printf '%s\n' "$scr" | sed -n 1p)" " pairoff " "title after the resize storm"
assert_contains "$(printf '%s\n' "$scr" | sed -n 2p)" "Province" "header after the resize storm"
assert_not_contains "$scr" "enlarge the terminal" "no stale too-small message"

# --- a burst of keys (key repeat, a paste): the selection moves at once, the
# panes on its right follow once input pauses, for the row it ended on --------
keys g
keys j j j j j j
wait_gone "Partners of Beijing"
name=$(screen | sed -n 1p | sed 's/^ pairoff  //; s/  .*//')
[ -n "$name" ] && [ "$name" != Beijing ] || fail "the burst moved no selection: [$name]"
wait_for "Partners of $name"
keys k
wait_for "Partners of" && sleep 0.3
name=$(screen | sed -n 1p | sed 's/^ pairoff  //; s/  .*//')
assert_contains "$(screen)" "Partners of $name" "a single key shows its province's partners"

# --- quit restores the terminal ----------------------------------------------
keys q
wait_status first
assert_eq "$status" "0" "first: exit status"
assert_eq "$(tm display-message -p -t 0 '#{alternate_on}')" "0" "alternate screen left"
assert_not_contains "$(screen)" "Partners of" "browser gone from the screen"

# --- Ctrl-C and SIGTERM restore the terminal too ----------------------------
launch ctrlc
keys C-c
wait_status ctrlc
assert_eq "$status" "0" "ctrlc: exit status"
assert_eq "$(tm display-message -p -t 0 '#{alternate_on}')" "0" "Ctrl-C leaves the alternate screen"
launch term
shell=$(tm display-message -p -t 0 '#{pane_pid}')
pid=$(ps -o pid= --ppid "$shell" | tr -d ' ' | head -n 1)
[ -n "$pid" ] && kill -TERM "$pid"
wait_status term
assert_eq "$(tm display-message -p -t 0 '#{alternate_on}')" "0" "SIGTERM leaves the alternate screen"
[ "${status:-0}" -ne 0 ] || fail "SIGTERM gives a non-zero exit status"

# --- a crash (SIGSEGV here, as an abort on exhausted memory would be) ----------
launch crash
shell=$(tm display-message -p -t 0 '#{pane_pid}')
pid=$(ps -o pid= --ppid "$shell" | tr -d ' ' | head -n 1)
[ -n "$pid" ] && kill -SEGV "$pid"
wait_status crash
assert_eq "$(tm display-message -p -t 0 '#{alternate_on}')" "0" "a crash leaves the alternate screen"
assert_eq "$status" "139" "the crash still kills the process with its signal"
type_text "stty -a | grep -o ' -icanon\| icanon' ; echo \"stty=\$?\""; keys Enter
wait_status stty
screen | grep -qx ' icanon' || fail "terminal back in canonical mode after the crash: $(screen | tail -n 4)"

# --- colours: some by default, none with NO_COLOR -------------------------------
esc=$(printf '\033')
launch colour
keys Tab
sleep 0.3
tm capture-pane -p -e -t 0 >"$test_tmp/colour.txt"
grep -q "$esc\[[0-9;]*3[0-7]m\|$esc\[[0-9;]*4[0-7]m\|38;5;\|48;5;" "$test_tmp/colour.txt" ||
	fail "no colour on xterm-256color"
keys Q
wait_status colour
assert_eq "$status" "0" "colour: exit status"
type_text "NO_COLOR=1 \"\$PAIROFF\" --db \"$db\"; echo \"mono=\$?\""; keys Enter
wait_for "Province"
keys Tab
sleep 0.3
tm capture-pane -p -e -t 0 >"$test_tmp/mono.txt"
if grep -q "$esc\[[0-9;]*3[0-7]m\|$esc\[[0-9;]*4[0-7]m\|38;5;\|48;5;" "$test_tmp/mono.txt"; then
	fail "colour despite NO_COLOR"
fi
grep -q "$esc\[[0-9;]*7m" "$test_tmp/mono.txt" || fail "no reverse video for the selection in monochrome"
keys Q
wait_status mono
assert_eq "$status" "0" "mono: exit status"

# --- --mouse: a click selects a row and focuses its pane ----------------------
type_text "\"\$PAIROFF\" --mouse --db \"$db\"; echo \"mouse=\$?\""; keys Enter
wait_for "Province"
type_text "$(printf '\033[<0;50;4M\033[<0;50;4m')"
i=0
while [ "$i" -lt 30 ] && [ "$(tm display-message -p -t 0 '#{cursor_y} #{cursor_x}')" != "3 30" ]; do
	sleep 0.1
	i=$((i + 1))
done
assert_eq "$(tm display-message -p -t 0 '#{cursor_y} #{cursor_x}')" "3 30" "click on the partners pane's second row"
keys Q
wait_status mouse
assert_eq "$status" "0" "mouse: exit status"

# --- TERM=dumb and no TERM: one line, non-zero, no crash ----------------------
type_text "TERM=dumb \"\$PAIROFF\" --db \"$db\"; echo \"dumb=\$?\""; keys Enter
wait_status dumb
scr=$(screen)
assert_contains "$scr" "cannot move the cursor" "TERM=dumb refused with a reason"
[ "${status:-0}" -ne 0 ] || fail "TERM=dumb exits non-zero"
type_text "env -u TERM \"\$PAIROFF\" --db \"$db\"; echo \"unset=\$?\""; keys Enter
wait_status unset
scr=$(screen)
assert_contains "$scr" "TERM is not set" "no TERM refused with a reason"
[ "${status:-0}" -ne 0 ] || fail "no TERM exits non-zero"

# --- not a terminal: exit 2, one line (cli.c refuses before drawing) ----------
run "$PAIROFF" --db "$db"
assert_rc 2 "no terminal"
assert_one_line "$err" "no terminal"

done_testing
