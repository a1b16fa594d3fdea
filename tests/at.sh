#!/bin/sh
# Deep links (issue 14, item 3): pairoff --at PATH opens the browser at a
# province, a pair, a year or a place, names taken as the look-ups take
# them; a bad path exits with one line before anything is drawn; the path
# Ctrl-G shows opens the same screen again through --at; [ui] start_at.
# Screens through the in-process screen dump, and tmux for "nothing drawn"
# on a real terminal.

. "$top_srcdir/tests/lib.sh"

bundled_store

at() {  # at PATH [KEYS]: the screen --at PATH opens (after KEYS), in $out
	PAIROFF_DUMP_SIZE=${size:-100x30} run "$PAIROFF" --db "$db" --at "$1" --dump-keys "${2:-}"
	assert_rc 0 "--at '$1'"
}
walk() {  # walk KEYS: the screen after KEYS from the top, in $out
	dump "${size:-100x30}" "$1"
}
cursor_x() { printf '%s\n' "$out" | sed -n 's/^cursor: [0-9]*,\([0-9]*\)$/\1/p'; }
# the path of the command Ctrl-G shows, unquoted
position_path() {
	status_line | sed -n "s/^pairoff --at \(.*\) · [a-z]* [0-9]*\/[0-9]*.*/\1/p" | sed "s/^'\(.*\)'\$/\1/"
}

# --- each kind of path lands where it says ------------------------------------
at Zhejiang
assert_eq "$(line 1 | sed 's/  *yuan$//')" " pairoff  Zhejiang" "a province: the title"
case $(cursor_line) in Zhejiang\ *) ;; *) fail "--at Zhejiang selects [$(cursor_line)]" ;; esac
assert_eq "$(cursor_x)" 0 "a province: the provinces pane has the focus"
assert_contains "$(line 2)" "Partners of Zhejiang" "a province: its partners beside it"

at zhejiang/sichuan
assert_contains "$(line 1)" "pairoff  Zhejiang › Sichuan" "a pair, any case: the title"
assert_contains "$(cursor_line)" "│Sichuan (" "a pair: the partner's row selected"
assert_eq "$(cursor_x)" 30 "a pair: the partners pane has the focus"
assert_contains "$(line 2)" "Zhejiang → Sichuan, aid" "a pair: its funds beside it"

at 'Zhejiang/Sichuan/2009'
assert_contains "$(line 1)" "pairoff  Zhejiang › Sichuan › 2009" "a year: the title"
assert_contains "$(cursor_line)" "│2009  " "a year: the year row selected"
assert_eq "$(cursor_x)" 63 "a year: the funds pane has the focus"

at 'Sichuan/Zhejiang/2009'
assert_contains "$(line 2)" "Zhejiang → Sichuan, aid" "from the recipient's side: the same pair's funds"
assert_contains "$(cursor_line)" "│2009  " "from the recipient's side: the year row"

at 'Zhejiang/Hangzhou City->Qingchuan County'
assert_contains "$(cursor_line)" "Hangzhou ⇢ Qingchuan" "a pair of places: its row selected"
assert_contains "$(line 2)" "Hangzhou City → Qingchuan County" "a pair of places: its funds beside it"

at 'Wushan County (Chongqing)'
assert_contains "$(line 1)" "place: Wushan County (Chongqing)" "a place: its own screen"
assert_contains "$(line 2)" "Wushan County (Chongqing): county in Chongqing" "a place: its header"

at 'Shanghai/Yunnan'
assert_contains "$(line 1)" "Shanghai › Yunnan" "another pair"

# An alias is taken as the look-ups take it.
alias=$(cat "$top_srcdir"/data/regions/*.ini | grep -m1 '^aliases *= *[A-Za-z]' | sed 's/^aliases *= *//; s/[,|].*//')
if [ -n "$alias" ]; then
	PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" --at "$alias" --dump-keys "<C-g>"
	[ "$rc" -eq 0 ] || fail "--at '$alias' (an alias of the gazetteer): exit status $rc ($err)"
fi

# --- a bad path: one line, non-zero, nothing drawn -----------------------------
bad() {  # bad PATH STATUS MESSAGE
	PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" --at "$1" --dump-keys ""
	assert_rc "$2" "--at '$1'"
	assert_one_line "$err" "--at '$1'"
	assert_contains "$err" "$3" "--at '$1': the message"
	assert_eq "$out" "" "--at '$1': nothing drawn"
}
bad nowhere 1 "pairoff: unknown region 'nowhere'"
bad Zhejian 1 "did you mean 'Zhejiang'?"
bad 'Zhejiang/Sichuan/1990' 1 "Zhejiang → Sichuan has nothing in 1990 (its years: "
bad 'Zhejiang/Gansu' 1 "Zhejiang has no partner 'Gansu' (its partners: Guizhou, Sichuan"
bad 'Zhejiang/Sichuan/later' 2 "'later' is no year"
bad 'Zhejiang//2009' 2 "an empty part"
bad 'a/b/c/d' 2 "at most three parts"
bad Wushan 2 "Wushan: 2 places"
bad 'Wushan County (Chongqing)/Sichuan' 1 "is no province of the provinces pane"
run "$PAIROFF" --db "$db" --at Zhejiang reports
assert_rc 2 "--at with a command"
assert_one_line "$err" "--at with a command"

# On a real terminal: the message and the shell's prompt, no screen set up.
if [ -n "${TMUX_BIN:-}" ]; then
	sock=pairoff-at-$$
	tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
	tmux_stop() { tm kill-server >/dev/null 2>&1; }
	at_exit tmux_stop
	tm new-session -d -x 80 -y 24 \
		"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME PS1='READY\$ ' sh" ||
		fail "tmux new-session"
	tm set-option -g status off >/dev/null
	if wait_for 'READY$'; then
		tm pipe-pane -t 0 -o "cat > '$test_tmp/tty.log'"
		type_text "\"\$PAIROFF\" --db \"$db\" --at nowhere; echo \"AT=\$?\""
		keys Enter
		wait_for "AT=1"
		tm pipe-pane -t 0
		assert_contains "$(screen)" "pairoff: unknown region 'nowhere'" "a terminal: the message"
		# a screen set up would have switched to the alternate screen or
		# cleared it (smcup, clear); the log has the command's echo only
		if grep -q "$(printf '\033')\[?1049h\|$(printf '\033')\[H$(printf '\033')\[2J" "$test_tmp/tty.log"; then
			fail "a bad --at drew on the terminal"
		fi
	fi
	tmux_stop
fi

# --- Ctrl-G's path opens the same screen through --at ----------------------------
same_as_at() {  # same_as_at KEYS: the screen after KEYS, and --at its path
	walk "$1<C-g>"
	path=$(position_path)
	[ -n "$path" ] || { fail "[$1]: no path in [$(status_line)]"; return; }
	printf '%s\n' "$out" | sed '$d' | sed '$d' > "$test_tmp/walked"
	at "$path" "<C-g>"
	printf '%s\n' "$out" | sed '$d' | sed '$d' > "$test_tmp/jumped"
	if ! cmp -s "$test_tmp/walked" "$test_tmp/jumped"; then
		fail "[$1] then --at '$path' differ:
$(diff -u "$test_tmp/walked" "$test_tmp/jumped" | head -n 30)"
	fi
	assert_eq "$(position_path)" "$path" "[$1]: --at '$path' shows the same path"
}
size=160x30   # room on the status line for a long path
same_as_at "jjjj"
same_as_at "jjjj<Enter>jj"
same_as_at "jjjj<Enter>jj<Enter>"
same_as_at "G<Enter>G<Enter>"
same_as_at "jjjj<Enter>jjjj"
same_as_at "pWushan County (Chongqing)<Enter>"
same_as_at "pMizhi<Enter>"
size=
# a flow row's path is its year's: --at opens the year row
walk "jjjj<Enter>jj<Enter>jjj<C-g>"
assert_contains "$(status_line)" "pairoff --at Jiangsu/Shaanxi/2012 · funds 4/" "a flow row: its year's path"
# a path as the shell gets it back: the copied command, run as it is
walk "jjjj<Enter>jj<Enter><C-g>y"
cmd=$(cat "$HOME/.local/state/pairoff/clipboard.txt")
eval "set -- $(printf '%s\n' "$cmd" | sed 's/^pairoff //')"
PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" "$@" --dump-keys "<C-g>"
assert_rc 0 "the copied command [$cmd] runs"
assert_contains "$(status_line)" "$cmd" "the copied command comes back to the same place"

# --- [ui] start_at -----------------------------------------------------------
printf '[ui]\nstart_at = Zhejiang/Sichuan/2009\n' > "$test_tmp/at.ini"
PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" --config "$test_tmp/at.ini" --dump-keys ""
assert_rc 0 "start_at"
assert_contains "$(line 1)" "Zhejiang › Sichuan › 2009" "start_at opens there"
PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" --config "$test_tmp/at.ini" --at Gansu --dump-keys ""
assert_contains "$(line 1)" "pairoff  Gansu " "--at wins over start_at"
printf '[ui]\nstart_at = Nowhere\n' > "$test_tmp/bad-at.ini"
PAIROFF_DUMP_SIZE=100x30 run "$PAIROFF" --db "$db" --config "$test_tmp/bad-at.ini" --dump-keys ""
assert_rc 0 "a bad start_at does not stop the browser"
assert_contains "$(status_line)" "[ui] start_at: unknown region 'Nowhere'" "a bad start_at is said on the status line"
assert_contains "$(line 1)" "pairoff  Beijing" "a bad start_at: the browser opens at the top"

done_testing
