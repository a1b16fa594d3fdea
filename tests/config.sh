#!/bin/sh
# Config file: missing is fine; unknown keys, bad values and syntax errors
# warn with file and line and keep the defaults; --config naming a missing
# file is an error; [store] keys take effect; every key is in the man page.
. "${top_srcdir:?}/tests/lib.sh"

db=$test_tmp/store.db
cfgdir=$test_tmp/config/pairoff
mkdir -p "$cfgdir"
export XDG_CONFIG_HOME="$test_tmp/config"

run "$PAIROFF" --db "$db" import "$top_srcdir/data/reports"
assert_rc 0 "import"

# No config file at all: no warning.
run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "no config file"
assert_eq "$err" "" "no config, no warning"

# Unknown keys and a bad value, each with its file and line; the command runs.
cfg=$cfgdir/config.ini
cat > "$cfg" <<'EOF'
# pairoff settings
[ui]
unit = wan
colour = false

[store]
; a comment
bogus = 1
[ui]
mouse = sometimes
EOF
run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "config with unknown keys"
assert_eq "$err" "pairoff: $cfg:4: unknown key 'ui:colour'
pairoff: $cfg:8: unknown key 'store:bogus'
pairoff: $cfg:10: bad value 'sometimes' for 'ui:mouse' (expected true|false); default kept" \
	"unknown key and bad value warnings"
assert_eq "$(printf '%s\n' "$out" | wc -l)" 6 "the command still runs"

# A syntax error: one warning with the line, defaults kept.
cat > "$cfg" <<'EOF'
[ui]
unit = million
[store
path = /nowhere/x.db
EOF
run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "malformed config"
assert_eq "$err" "pairoff: $cfg:3: syntax error (expected '[section]' or 'key = value'); config ignored" \
	"malformed config warning"
printf 'just words\n' > "$cfg"
run "$PAIROFF" --db "$db" reports --format tsv
assert_rc 0 "config without '='"
assert_eq "$err" "pairoff: $cfg:1: syntax error (expected '[section]' or 'key = value'); config ignored" \
	"line without '='"

# --config naming a missing file is an error; the default one may be missing.
run "$PAIROFF" --config "$test_tmp/nope.ini" --db "$db" reports
[ "$rc" -ge 3 ] || fail "--config missing file: exit status $rc, expected >= 3"
assert_one_line "$err" "--config missing file"
assert_eq "$err" "pairoff: $test_tmp/nope.ini: No such file or directory" "--config missing file message"

# [store] path chooses the store (after --db and PAIROFF_DB); ~ is the home.
printf '[store]\npath = ~/from-config.db\n' > "$cfg"
run "$PAIROFF" reports --format tsv
assert_rc 0 "[store] path"
assert_eq "$err" "" "[store] path: no warning"
[ -s "$HOME/from-config.db" ] || fail "[store] path was not used"
# PAIROFF_DB wins: a store it names that does not exist is an error (the
# [store] path is not used instead), and nothing is created.
run env PAIROFF_DB="$test_tmp/env.db" "$PAIROFF" reports --format tsv
assert_rc 3 "PAIROFF_DB names a missing store"
assert_eq "$err" "pairoff: no store at $test_tmp/env.db (\$PAIROFF_DB); run \`pairoff import\`" \
	"PAIROFF_DB names a missing store: how to make it"
[ -e "$test_tmp/env.db" ] && fail "a look-up created the store PAIROFF_DB names"
run env PAIROFF_DB="$test_tmp/env.db" "$PAIROFF" import
assert_rc 0 "import into the store PAIROFF_DB names"
[ -s "$test_tmp/env.db" ] || fail "PAIROFF_DB does not win over [store] path"

# --config names another file than the XDG one.
printf '[store]\npath = %s/other.db\n' "$test_tmp" > "$test_tmp/other.ini"
run "$PAIROFF" --config "$test_tmp/other.ini" reports --format tsv
assert_rc 0 "--config"
[ -s "$test_tmp/other.db" ] || fail "--config file was not read"

# --help-config prints the config in force (the file --config names, or
# the XDG one) as a config file: every option with its value, the unset
# ones commented out, then [keys]; fed back, it prints the same.
run "$PAIROFF" --help-config
assert_rc 0 "--help-config"
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" \
	"; the config in force: $cfgdir/config.ini" "--help-config names the XDG config"
assert_contains "$out" "path = $HOME/from-config.db" "--help-config shows the XDG config's value"
cat > "$test_tmp/force.ini" <<'EOF'
[ui]
unit = wan
mouse = yes
start_at = Zhejiang/Sichuan
[keys]
search = F5 /
copy = ";"
EOF
run "$PAIROFF" --config "$test_tmp/force.ini" --help-config
assert_rc 0 "--help-config --config"
assert_eq "$err" "" "--help-config --config: no warning"
first=$out
assert_eq "$(printf '%s\n' "$out" | sed -n 1p)" "; the config in force: $test_tmp/force.ini" \
	"--help-config names the --config file"
for line in "unit = wan" "mouse = true" "start_at = Zhejiang/Sichuan" "search = F5 /" \
	'copy = ";"' "; path =" "theme = default" "query_time_limit = 30" "move-down = j Down Ctrl-N"; do
	printf '%s\n' "$out" | grep -qxF "$line" || fail "--help-config: no line [$line] in:
$out"
done
printf '%s\n' "$out" > "$test_tmp/again.ini"
run "$PAIROFF" --config "$test_tmp/again.ini" --help-config
assert_eq "$err" "" "the printed config read back: no warning"
assert_eq "$(printf '%s\n' "$out" | sed 1d)" "$(printf '%s\n' "$first" | sed 1d)" \
	"the printed config read back prints the same"
run env NO_COLOR=1 "$PAIROFF" --config "$test_tmp/force.ini" --help-config
printf '%s\n' "$out" | grep -qxF "color = false" || fail "--help-config: NO_COLOR turns colour off"
run "$PAIROFF" --config "$test_tmp/nope.ini" --help-config
[ "$rc" -ge 3 ] || fail "--help-config with a missing --config: exit status $rc"

# Every key of the option table is documented in the man page.
run "$PAIROFF" --help-config
printf '%s\n' "$out" | awk '/^\[/ { section = substr($0, 2, length($0) - 2); next }
	section != "keys" && /^(; )?[a-z_]+ =/ { sub(/^; /, ""); print section, $1 }' > "$test_tmp/keys"
assert_eq "$(wc -l < "$test_tmp/keys" | tr -d ' ')" 11 "eleven config keys in --help-config"
while read -r section key; do
	grep -q "^\\\\fB$key\\\\fR" "$top_srcdir/data/pairoff.1" ||
		fail "man page does not document [$section] $key"
done < "$test_tmp/keys"

done_testing
