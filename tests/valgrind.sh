#!/bin/sh
# valgrind memcheck (issue 5 item 3) on the import, every command-line
# subcommand (their error paths too) and scripted browser sessions, both the
# in-process screen dump and the real terminal in tmux: no error, no definite
# leak. It takes minutes, so it is not part of make check: `make
# check-valgrind` runs it (CI does); PAIROFF_VALGRIND=0 turns it off.

. "$top_srcdir/tests/lib.sh"

[ "${PAIROFF_VALGRIND:-1}" != 0 ] || skip "PAIROFF_VALGRIND=0"
command -v valgrind >/dev/null 2>&1 || skip "valgrind not installed"
if ldd "$PAIROFF" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	skip "a sanitizer build; valgrind needs a plain one"
fi

logs=$test_tmp/vg
mkdir -p "$logs"
n=0

# vg WANT ARGS...: pairoff ARGS under memcheck; exit status WANT, a clean log.
vg() {
	want=$1
	shift
	n=$((n + 1))
	timeout 600 valgrind -q --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--log-file="$logs/$n.log" "$PAIROFF" "$@" \
		</dev/null >"$test_tmp/out" 2>"$test_tmp/err"
	rc=$?
	err=$(cat "$test_tmp/err")
	if [ -s "$logs/$n.log" ] || [ "$rc" -eq 99 ]; then
		fail "valgrind on [pairoff $*]:
$(head -n 60 "$logs/$n.log")"
	fi
	assert_rc "$want" "pairoff $* under valgrind"
}

db=$test_tmp/s.db
vg 0 --db "$db" import
vg 0 --db "$db" import "$top_srcdir/data/reports"
vg 0 --db "$db" reports
vg 0 --db "$db" reports --format json
vg 0 --db "$db" search village
vg 0 --db "$db" search --limit 3 --format csv '"entire village"'
vg 2 --db "$db" search 'AND OR'
vg 1 --db "$db" search zzzzqqq
vg 0 --db "$db" regions --side west --format tsv
vg 0 --db "$db" pairs Chongqing
vg 0 --db "$db" pairs --format json
vg 0 --db "$db" funds --donor Shanghai --recipient Yunnan --year 2009
vg 0 --db "$db" funds --format csv
vg 0 --db "$db" show Yunnan
vg 1 --db "$db" show Atlantis
vg 0 --db "$db" anomalies
vg 0 help
vg 0 --help
vg 0 --version
vg 0 --help-config
vg 2 --no-such-option
vg 2 --db "$db" no-such-command
printf 'x\000y' >"$test_tmp/bin.txt"
vg 3 --db "$test_tmp/bin.txt/none.db" reports
: >"$test_tmp/zero.db"
vg 5 --db "$test_tmp/zero.db" reports
vg 4 --db "$test_tmp/other.db" import "$test_tmp/bin.txt"
printf '[ui]\nunit = parsecs\n[nope]\nx = 1\n' >"$test_tmp/config.ini"
vg 0 --config "$test_tmp/config.ini" --db "$db" reports

# The browser through its screen dump: drill down, source, units, sort,
# grouping, search and its hits, a filter by an alias, help, anomalies.
vg 0 --db "$db" --dump-keys "fshanghai<Enter><Enter>fyunnan<Enter><Enter>uujjj<Enter>q"
vg 0 --db "$db" --dump-keys "rssr/village<Enter><Enter>nNqq"
# a phrase's hit marked in its source, / in that text with n/N, Esc
vg 0 --db "$db" --dump-keys '/"poverty alleviation" village*<Enter><Enter>/the<Enter>nNN/<Enter><Esc>q'
vg 0 --db "$db" --dump-keys "fsimao<Enter><Esc>?qa<Enter>qjjkG"
# a flow stated several times: its statements list, a source from it; the funds sorts
vg 0 --db "$db" --dump-keys "fshanghai<Enter><Enter>fyunnan<Enter><Enter>f2012<Enter>j<Enter><Enter>qq<Esc>ss?G<Resize:60x20>q"

# The browser in a real terminal (tmux), driven by keys, quit with q.
if [ -n "${TMUX_BIN:-}" ]; then
	TMUX_TMPDIR=$test_tmp
	export TMUX_TMPDIR
	tm() { "$TMUX_BIN" -L vg -f /dev/null "$@"; }
	tmux_stop() { tm kill-server >/dev/null 2>&1; }
	at_exit tmux_stop
	tm new-session -d -x 100 -y 30 "env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$HOME \
timeout --foreground 600 valgrind -q --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite --errors-for-leak-kinds=definite --log-file='$logs/tmux.log' \
'$PAIROFF' --db '$db'; echo \$? >'$test_tmp/rc'; sleep 600"
	tm set-option -g status off >/dev/null
	i=0
	until tm capture-pane -p -t 0 | grep -q "Partners of"; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || { fail "the browser under valgrind did not start"; break; }
		sleep 0.1
	done
	for k in f s h a n g h a i Enter Enter j Enter u u j j Enter q / v i l l a g e Enter \
		Enter n q q '?' q a q Left Left; do
		tm send-keys -t 0 "$k"
		sleep 0.3
	done
	tm resize-window -t 0 -x 60 -y 15
	sleep 1
	tm resize-window -t 0 -x 20 -y 5
	sleep 1
	tm resize-window -t 0 -x 100 -y 30
	sleep 1
	tm send-keys -t 0 Q
	i=0
	while [ ! -s "$test_tmp/rc" ] && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	assert_eq "$(cat "$test_tmp/rc" 2>/dev/null)" 0 "the browser under valgrind quits with 0"
	if [ -s "$logs/tmux.log" ]; then
		fail "valgrind on the browser in tmux:
$(head -n 60 "$logs/tmux.log")"
	fi
else
	echo "note: tmux not found; the browser ran only through its screen dump"
fi

echo "valgrind: $n runs of pairoff plus the browser in tmux"
done_testing
