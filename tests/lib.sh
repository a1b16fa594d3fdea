# Shared helpers for the shell tests (sourced). Pins the environment so runs
# are deterministic, gives each test a private temporary directory that is
# removed on exit, and provides small assertions that print what differed.

set -u
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
unset PAIROFF_DB XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR TMUX 2>/dev/null || true

: "${PAIROFF:?PAIROFF must point at the binary (run through make check)}"
: "${top_srcdir:?top_srcdir must be set (run through make check)}"

# The schema version this pairoff writes and reads (include/pairoff/store.h).
schema_version=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' \
	"$top_srcdir/include/pairoff/store.h")

test_tmp=$(mktemp -d "${TMPDIR:-/tmp}/pairoff-test.XXXXXX")
HOME=$test_tmp/home
mkdir -p "$HOME"
export HOME
test_failures=0
test_cleanup_hooks=""

test_cleanup() {
	for hook in $test_cleanup_hooks; do "$hook" || true; done
	chmod -R u+rwX "$test_tmp" 2>/dev/null || true
	rm -rf "$test_tmp"
}
trap test_cleanup EXIT
trap 'exit 130' INT TERM HUP

# at_exit FUNC: run FUNC when the test exits (tmux servers, background jobs).
at_exit() { test_cleanup_hooks="$test_cleanup_hooks $1"; }

skip() { echo "SKIP: $*"; exit 77; }

fail() {
	echo "FAIL: $*" >&2
	test_failures=$((test_failures + 1))
}

# run CMD...: runs CMD with stdin from /dev/null, sets $rc, $out, $err.
run() {
	"$@" </dev/null >"$test_tmp/out" 2>"$test_tmp/err"
	rc=$?
	out=$(cat "$test_tmp/out")
	err=$(cat "$test_tmp/err")
}

assert_rc() {  # assert_rc EXPECTED WHAT
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1 (stderr: $err)"
}

assert_eq() {  # assert_eq ACTUAL EXPECTED WHAT
	[ "$1" = "$2" ] || fail "$3: got [$1], expected [$2]"
}

assert_contains() {  # assert_contains HAYSTACK NEEDLE WHAT
	case "$1" in
	*"$2"*) ;;
	*) fail "$3: [$2] not found in: $(printf '%s' "$1" | head -c 2000)" ;;
	esac
}

assert_not_contains() {  # assert_not_contains HAYSTACK NEEDLE WHAT
	case "$1" in
	*"$2"*) fail "$3: [$2] found but must not be" ;;
	*) ;;
	esac
}

# assert_one_line TEXT WHAT: an error message is exactly one line.
assert_one_line() {
	n=$(printf '%s\n' "$1" | wc -l)
	[ -n "$1" ] && [ "$n" -eq 1 ] || fail "$2: expected one line on stderr, got $n: [$1]"
}

# --- the bundled store and the in-process screen dump ------------------------

# bundled_store: imports the bundled reports into $db ($test_tmp/s.db).
bundled_store() {
	db=$test_tmp/s.db
	run "$PAIROFF" --db "$db" import
	assert_rc 0 "import of the bundled reports"
}

# dump SIZE KEYS [OPTION...]: the screen of the browser on $db (started with
# OPTIONs) after KEYS, in $out: the screen's lines, then "cursor: Y,X".
dump() {
	_size=$1 _keys=$2
	shift 2
	PAIROFF_DUMP_SIZE=$_size run "$PAIROFF" --db "$db" "$@" --dump-keys "$_keys"
	assert_rc 0 "dump of [$_keys] at $_size"
}

line() { printf '%s\n' "$out" | sed -n "$1p"; }
title_line() { line 1; }
# the screen line the hardware cursor is on (the selected row)
cursor_line() {
	y=$(printf '%s\n' "$out" | sed -n 's/^cursor: \([0-9]*\),.*/\1/p')
	line $((y + 1))
}
status_line() { printf '%s\n' "$out" | sed '$d' | sed -n '$p'; }

# same_screen NAME SIZE KEYS [OPTION...]: the whole screen after KEYS at SIZE
# (also left in $out and $test_tmp/NAME) equals tests/screens/NAME.
same_screen() {
	_name=$1
	shift
	dump "$@"
	printf '%s\n' "$out" >"$test_tmp/$_name"
	# PAIROFF_UPDATE_SCREENS=1 writes the new screen over the expected one
	# (review the change with git diff before committing it)
	if [ -n "${PAIROFF_UPDATE_SCREENS:-}" ]; then
		cp "$test_tmp/$_name" "$top_srcdir/tests/screens/$_name"
	elif ! cmp -s "$top_srcdir/tests/screens/$_name" "$test_tmp/$_name"; then
		fail "$_name: the screen after [$2] at $1 differs from tests/screens/$_name:
$(diff -u "$top_srcdir/tests/screens/$_name" "$test_tmp/$_name" | head -n 60)"
	fi
}

# --- tmux (the test defines tm(), its tmux with a private socket) ----------

screen() { tm capture-pane -p -t 0; }

# wait_for TEXT [TENTHS]: polls the screen until TEXT shows (default 10 s).
wait_for() {
	i=0
	while [ "$i" -lt "${2:-100}" ]; do
		scr=$(screen)
		case $scr in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for [$1]; the screen was:
$scr"
	return 1
}

keys() { tm send-keys -t 0 "$@"; }
type_text() { tm send-keys -t 0 -l "$1"; }

# done_testing: the last line of every test; exit status is the verdict.
done_testing() {
	if [ "$test_failures" -ne 0 ]; then
		echo "$test_failures assertion(s) failed"
		exit 1
	fi
	exit 0
}
