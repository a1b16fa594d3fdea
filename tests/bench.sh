#!/bin/sh
# make bench: the performance figures of issue 5, as one table.
#
# Each figure is the median of BENCH_RUNS runs (default 7; 3 for the N=1,000
# import), with the min and max. Wall times depend on what else the machine
# is doing, so the CPU time (user + sys) of the imports is given too.
# Not part of make check: it prints the table and exits 0 whatever it shows.
#
# Environment (set by make bench): PAIROFF, top_srcdir, top_builddir,
# PYTHON3. BENCH_RUNS, BENCH_KEEP=1 (keep the work directory), BENCH_SIZES
# (default "100 1000"), BENCH_SEED (default 1).

set -u
: "${PAIROFF:?PAIROFF is the pairoff binary}" "${top_srcdir:?}" "${top_builddir:?}"
PYTHON3=${PYTHON3:-python3}
RUNS=${BENCH_RUNS:-7}
SIZES=${BENCH_SIZES:-100 1000}
SEED=${BENCH_SEED:-1}
TOOLS=$top_builddir/tests/bench
export TZ=UTC LC_ALL=C.UTF-8 PAIROFF_DATADIR="$top_srcdir/data"

work=$(mktemp -d "${TMPDIR:-/tmp}/pairoff-bench.XXXXXX") || exit 0
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "bench: work directory $work" >&2
else
	trap 'rm -rf "$work"' EXIT INT TERM
fi
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
rows=$work/rows
: >"$rows"

# median min max of the numbers on stdin, one a line
stats() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "- - -"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.4g %.4g %.4g\n", m, v[1], v[NR] }'
}

# row MEASURE UNIT "median min max" TARGET OK
row() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$rows"
}

# verdict VALUE OP LIMIT: "yes" or "MISSED" (OP is < or <= or >=)
verdict() {
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		ok = (op == "<") ? v < l : (op == "<=") ? v <= l : v >= l
		print ok ? "yes" : "MISSED" }'
}

# import_runs DB N_RUNS INPUT...: prints "wall cpu rss" per run
import_runs() {
	_db=$1 _runs=$2
	shift 2
	_i=0
	while [ "$_i" -lt "$_runs" ]; do
		rm -f "$_db"
		"$TOOLS/runstat" "$work/stat" "$PAIROFF" --db "$_db" import "$@" >/dev/null 2>"$work/err" ||
			{ cat "$work/err" >&2; return 1; }
		read -r wall cpu rss status <"$work/stat"
		[ "$status" = 0 ] || { echo "bench: import failed ($status):" >&2; cat "$work/err" >&2; return 1; }
		echo "$wall $cpu $rss"
		_i=$((_i + 1))
	done
}

col() { awk -v c="$1" '{ print $c }'; }

# --- imports ---------------------------------------------------------------------

bench_bundled_import() {
	import_runs "$work/bundled.db" "$RUNS" "$top_srcdir/data/reports" >"$work/imp" || return
	wall=$(col 1 <"$work/imp" | stats)
	row "bundled import, wall" ms "$wall" "< 50" "$(verdict "${wall%% *}" "<" 50)"
	row "bundled import, CPU" ms "$(col 2 <"$work/imp" | stats)" "" ""
	rss=$(col 3 <"$work/imp" | awk '{ print $1 / 1024 }' | stats)
	row "bundled import, peak RSS" MiB "$rss" "" ""
	import_runs "$work/bundled.db" 1 "$top_srcdir/data/reports" >/dev/null
}

bench_corpus_import() {
	n=$1
	dir=$work/corpus-$n
	"$PYTHON3" "$top_srcdir/tests/gen-corpus" --seed "$SEED" "$n" "$dir" 2>/dev/null || {
		echo "bench: tests/gen-corpus failed" >&2; return 1; }
	bytes=$(cat "$dir"/*.txt | wc -c)
	runs=$RUNS
	[ "$n" -ge 1000 ] && runs=$(( RUNS < 3 ? RUNS : 3 ))
	import_runs "$work/corpus-$n.db" "$runs" "$dir" >"$work/imp" || return
	mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	tp=$(col 1 <"$work/imp" | awk -v b="$bytes" '{ print b / 1e6 / ($1 / 1e3) }' | stats)
	cputp=$(col 2 <"$work/imp" | awk -v b="$bytes" '{ print b / 1e6 / ($1 / 1e3) }' | stats)
	rss=$(col 3 <"$work/imp" | awk '{ print $1 / 1024 }' | stats)
	if [ "$n" -ge 1000 ]; then
		row "N=$n import ($mb MB), wall" "MB/s" "$tp" ">= 50" "$(verdict "${tp%% *}" ">=" 50)"
		row "N=$n import, per CPU second" "MB/s" "$cputp" "" ""
		row "N=$n import, peak RSS" MiB "$rss" "< 64" "$(verdict "${rss%% *}" "<" 64)"
	else
		row "N=$n import ($mb MB), wall" "MB/s" "$tp" "" ""
		row "N=$n import, per CPU second" "MB/s" "$cputp" "" ""
		row "N=$n import, peak RSS" MiB "$rss" "flat" ""
	fi
	import_runs "$work/corpus-$n.db" 1 "$dir" >/dev/null
}

# --- the browser on a pty --------------------------------------------------------

# Keys: Down in the provinces list (the two panes on its right follow),
# Enter into the partners pane, Down there (the funds pane follows), Enter
# into the funds pane, Down in that last list, Left back.
KEYS=Down,Enter,Down,Enter,Down,Left
KEY_NAMES="Down(provinces) Enter(partners) Down(partners) Enter(funds) Down(funds) Left(back)"

bench_browser() {
	label=$1 db=$2
	: >"$work/pty"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$TOOLS/ptyrec" 100x30 200 "$KEYS" -- "$PAIROFF" --db "$db" >"$work/pty.$i" 2>&1
		cat "$work/pty.$i" >>"$work/pty"
		i=$((i + 1))
	done
	fs=$(awk '$1 == "first-paint-ms" { print $2 }' "$work/pty" | stats)
	row "first paint (1st burst), $label, wall" ms "$fs" "< 30" "$(verdict "${fs%% *}" "<" 30)"
	fs=$(awk '$1 == "first-screen-ms" { print $2 }' "$work/pty" | stats)
	row "complete screen (settled), $label, wall" ms "$fs" "< 30" "$(verdict "${fs%% *}" "<" 30)"
	# the same work in-process: exec, open, three panes drawn into the
	# screen-dump terminal, the work put off till after the first screen,
	# exit; CPU time does not count other processes
	: >"$work/dump"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$TOOLS/runstat" "$work/stat" "$PAIROFF" --db "$db" --dump-keys '' >/dev/null 2>&1
		cat "$work/stat" >>"$work/dump"
		i=$((i + 1))
	done
	fs=$(col 2 <"$work/dump" | stats)
	row "complete screen, $label, CPU (screen dump)" ms "$fs" "< 30" "$(verdict "${fs%% *}" "<" 30)"
	rss=$(awk '$1 == "maxrss-kb" { print $2 / 1024 }' "$work/pty" | stats)
	row "browser peak RSS, $label" MiB "$rss" "< 10" "$(verdict "${rss%% *}" "<" 10)"
	b=$(awk '$1 == "first-paint-bytes" { print $2 }' "$work/pty" | stats)
	row "bytes, first paint, $label" B "$b" "" ""
	b=$(awk '$1 == "first-screen-bytes" { print $2 }' "$work/pty" | stats)
	row "bytes, complete screen, $label" B "$b" "" ""
	k=1
	for name in $KEY_NAMES; do
		b=$(awk -v k="$k" '$1 == "key" { if (++n[FILENAME] == k) print $3 }' "$work"/pty.[0-9]* | stats)
		case $name in
		"Down(funds)"|"Down(partners)"|"Down(provinces)")
			row "bytes, key $name, $label" B "$b" "<= 150" "$(verdict "${b%% *}" "<=" 150)" ;;
		*)	row "bytes, key $name, $label" B "$b" "" "" ;;
		esac
		k=$((k + 1))
	done
}

# --- queries -----------------------------------------------------------------------

bench_queries() {
	db=$1
	"$TOOLS/qbench" "$db" 21 >"$work/q" 2>"$work/qerr" || { cat "$work/qerr" >&2; return; }
	while read -r kind name med min max calls; do
		[ "$kind" = query ] || continue
		row "query $name ($calls calls), CPU" "µs" "$med $min $max" "< 5000" "$(verdict "$med" "<" 5000)"
	done <"$work/q"
	cp "$work/q" "$top_builddir/bench-plans.txt" 2>/dev/null
}

print_table() {
	printf '%-52s %-5s %10s %10s %10s  %-7s %s\n' measure unit median min max target met
	while IFS='	' read -r measure unit figs target ok; do
		set -- $figs
		printf '%-52s %-5s %10s %10s %10s  %-7s %s\n' "$measure" "$unit" "$1" "$2" "$3" "$target" "$ok"
	done <"$rows"
}

echo "pairoff bench: $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null), $RUNS runs" >&2
bench_bundled_import
for n in $SIZES; do
	bench_corpus_import "$n"
done
last=$(echo "$SIZES" | awk '{ print $NF }')
bench_browser bundled "$work/bundled.db"
[ -f "$work/corpus-$last.db" ] && bench_browser "N=$last" "$work/corpus-$last.db"
[ -f "$work/corpus-$last.db" ] && bench_queries "$work/corpus-$last.db"
print_table
if [ -f "$work/q" ]; then
	echo
	echo "Full scans of tables over 1,000 rows in the pane queries' plans (N=$last):"
	grep '^scan' "$work/q" | sed 's/^scan /  /' || echo "  none"
	echo "(every plan: $top_builddir/bench-plans.txt)"
fi
exit 0
