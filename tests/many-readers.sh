#!/bin/sh
# Many readers (issue 5 item 5): 32 command-line look-ups in a loop and 4
# browser sessions while the store is rebuilt 10 times. Every look-up must
# succeed (waiting on a busy store is fine) with exactly the answer of the
# whole store, never of a half-built one; the browsers keep working; and
# nothing is left in the store's directory but the store.

. "$top_srcdir/tests/lib.sh"

store_dir=$test_tmp/store
mkdir -p "$store_dir" "$test_tmp/readers"
db=$store_dir/pairoff.db
run "$PAIROFF" --db "$db" import
[ "$rc" -eq 0 ] || { fail "first import: $err"; done_testing; }

# The look-ups the readers make, in turn, and their answers on the whole store.
# The store is rebuilt from the same reports, so every answer must be the same.
ncmds=6
cmd_0="reports --format tsv"
cmd_1="search village --format tsv"
cmd_2="pairs Yunnan --format tsv"
cmd_3="funds --donor Shanghai --format tsv"
cmd_4="show Chongqing"
cmd_5="anomalies --format csv"
i=0
while [ "$i" -lt "$ncmds" ]; do
	eval "set -- \$cmd_$i"
	"$PAIROFF" --db "$db" "$@" >"$test_tmp/ref$i" 2>"$test_tmp/err" </dev/null ||
		fail "reference answer of [$*]: $(cat "$test_tmp/err")"
	[ -s "$test_tmp/ref$i" ] || fail "reference answer of [$*] is empty"
	i=$((i + 1))
done

stop=$test_tmp/stop
failures=$test_tmp/failures
: >"$failures"

# reader K: look-ups until told to stop; a wrong answer or status is logged.
reader() {
	k=$1 n=0
	while [ ! -e "$stop" ]; do
		c=$(((k + n) % ncmds))
		eval "set -- \$cmd_$c"
		o=$test_tmp/readers/$k.out e=$test_tmp/readers/$k.err
		timeout 60 "$PAIROFF" --db "$db" "$@" >"$o" 2>"$e" </dev/null
		s=$?
		if [ "$s" -ne 0 ] || ! cmp -s "$o" "$test_tmp/ref$c"; then
			echo "reader $k, look-up $n [$*]: exit $s: $(head -c 300 "$e")" >>"$failures"
			cp "$o" "$test_tmp/readers/$k.bad$n"
		fi
		n=$((n + 1))
	done
	echo "$n" >"$test_tmp/readers/$k.count"
}

pids=""
stop_readers() {
	: >"$stop"
	for p in $pids; do wait "$p" 2>/dev/null; done
	pids=""
}
at_exit stop_readers

# --- 4 browsers ---------------------------------------------------------------
browsers=0
if [ -n "${TMUX_BIN:-}" ]; then
	browsers=4
	TMUX_TMPDIR=$test_tmp
	export TMUX_TMPDIR
	tm() { "$TMUX_BIN" -L readers -f /dev/null "$@"; }
	tmux_stop() { tm kill-server >/dev/null 2>&1; }
	at_exit tmux_stop
	b=0
	while [ "$b" -lt "$browsers" ]; do
		cmd="env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME \
timeout --foreground 300 '$PAIROFF' --db '$db'; echo \$? >'$test_tmp/b$b.rc'; sleep 300"
		if [ "$b" -eq 0 ]; then
			tm new-session -d -s "b$b" -x 100 -y 30 "$cmd" || fail "tmux session $b"
			tm set-option -g status off >/dev/null
		else
			tm new-session -d -s "b$b" -x 100 -y 30 "$cmd" || fail "tmux session $b"
		fi
		b=$((b + 1))
	done
	# All four on their first screen before the rebuilds start.
	b=0
	while [ "$b" -lt "$browsers" ]; do
		i=0
		until tm capture-pane -p -t "b$b" | grep -q "Partners of"; do
			i=$((i + 1))
			[ "$i" -lt 100 ] || { fail "browser $b did not start"; break; }
			sleep 0.1
		done
		b=$((b + 1))
	done
else
	echo "note: tmux not found; the 4 browser sessions are left out"
fi

# browsers_press KEY...: every browser gets the keys.
browsers_press() {
	b=0
	while [ "$b" -lt "$browsers" ]; do
		tm send-keys -t "b$b" "$@"
		b=$((b + 1))
	done
}

# --- 32 readers, 10 rebuilds ----------------------------------------------------
k=0
while [ "$k" -lt 32 ]; do
	reader "$k" &
	pids="$pids $!"
	k=$((k + 1))
done

rebuild=0
while [ "$rebuild" -lt 10 ]; do
	run timeout 120 "$PAIROFF" --db "$db" import
	assert_rc 0 "rebuild $rebuild while 32 readers and $browsers browsers read"
	case $rebuild in
	0 | 5) browsers_press Enter ;;
	1 | 6) browsers_press j j ;;
	2 | 7) browsers_press Enter ;;
	3 | 8) browsers_press Left Left ;;
	*) browsers_press k ;;
	esac
	rebuild=$((rebuild + 1))
done
stop_readers

total=0
k=0
while [ "$k" -lt 32 ]; do
	n=$(cat "$test_tmp/readers/$k.count" 2>/dev/null || echo 0)
	[ "$n" -gt 0 ] || fail "reader $k made no look-up"
	total=$((total + n))
	k=$((k + 1))
done
echo "look-ups: $total by 32 readers during 10 rebuilds"
if [ -s "$failures" ]; then
	fail "$(wc -l <"$failures" | tr -d ' ') look-up(s) failed or saw another answer:
$(head -n 20 "$failures")"
fi

# --- the browsers still work, on a store that is whole ----------------------------
b=0
while [ "$b" -lt "$browsers" ]; do
	tm send-keys -t "b$b" Escape Left Left Left
	tm send-keys -t "b$b" / ; tm send-keys -t "b$b" -l village; tm send-keys -t "b$b" Enter
	b=$((b + 1))
done
b=0
while [ "$b" -lt "$browsers" ]; do
	i=0
	until tm capture-pane -p -t "b$b" | grep -q "hits for"; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || {
			fail "browser $b: no search result after the rebuilds; the screen was:
$(tm capture-pane -p -t "b$b")"
			break
		}
		sleep 0.1
	done
	tm send-keys -t "b$b" Q
	i=0
	while [ ! -s "$test_tmp/b$b.rc" ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	assert_eq "$(cat "$test_tmp/b$b.rc" 2>/dev/null)" 0 "browser $b quits cleanly after the rebuilds"
	b=$((b + 1))
done

# --- nothing left behind ---------------------------------------------------------
assert_eq "$(ls -A "$store_dir")" "pairoff.db" "only the store in its directory"
run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "the store after the rebuilds"
cmp -s "$test_tmp/out" "$test_tmp/ref0" || fail "the store after the rebuilds lists other reports"

done_testing
