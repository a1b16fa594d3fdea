#!/bin/sh
# Over SSH for real (issue 5 item 6): OpenSSH's sshd on a loopback port with a
# throwaway host key and user key, `ssh -tt` into it inside tmux, pairoff
# started there, a drill-down to a fund figure and its source, and a quit that
# leaves the remote terminal as it was. Skipped when sshd is not installed
# (.ci/install-deps installs it).

. "$top_srcdir/tests/lib.sh"

sshd_bin=/usr/sbin/sshd
[ -x "$sshd_bin" ] || skip "OpenSSH server ($sshd_bin) not installed"
command -v ssh >/dev/null 2>&1 || skip "ssh client not installed"
command -v ssh-keygen >/dev/null 2>&1 || skip "ssh-keygen not installed"
[ -n "${TMUX_BIN:-}" ] || skip "tmux not found"

user=$(id -un)
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
	# sshd's privilege separation directory; its service unit makes it.
	mkdir -p /run/sshd && chmod 755 /run/sshd
fi

db=$test_tmp/s.db
run "$PAIROFF" --db "$db" import
[ "$rc" -eq 0 ] || { fail "import: $err"; done_testing; }

# --- keys and a private sshd ------------------------------------------------------
k=$test_tmp/ssh
mkdir -p "$k"
ssh-keygen -q -t ed25519 -N '' -C pairoff-test-host -f "$k/host_key" </dev/null >/dev/null ||
	{ fail "ssh-keygen (host key)"; done_testing; }
ssh-keygen -q -t ed25519 -N '' -C pairoff-test-user -f "$k/user_key" </dev/null >/dev/null ||
	{ fail "ssh-keygen (user key)"; done_testing; }
cp "$k/user_key.pub" "$k/authorized_keys"

sshd_pid=""
sshd_stop() {
	[ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
	[ -s "$k/sshd.pid" ] && kill "$(cat "$k/sshd.pid")" 2>/dev/null
	return 0
}
at_exit sshd_stop

# start_sshd PORT: sshd in the foreground of a background job, logging to a file.
start_sshd() {
	cat >"$k/sshd_config" <<EOF
Port $1
ListenAddress 127.0.0.1
HostKey $k/host_key
PidFile $k/sshd.pid
AuthorizedKeysFile $k/authorized_keys
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin $([ "$(id -u)" -eq 0 ] && echo yes || echo no)
AllowUsers $user
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
EOF
	"$sshd_bin" -t -f "$k/sshd_config" 2>"$k/sshd.log" || return 2
	"$sshd_bin" -D -e -f "$k/sshd_config" 2>"$k/sshd.log" &
	sshd_pid=$!
	i=0
	while [ "$i" -lt 50 ]; do
		grep -q "Server listening" "$k/sshd.log" && return 0
		kill -0 "$sshd_pid" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# A free high port: tried in turn from one that depends on the process id.
port=$((20000 + $$ % 20000))
tries=0
until start_sshd "$port"; do
	[ $? -eq 2 ] && { fail "sshd rejects its config: $(cat "$k/sshd.log")"; done_testing; }
	sshd_stop
	sshd_pid=""
	tries=$((tries + 1))
	[ "$tries" -lt 20 ] || { fail "sshd did not start: $(cat "$k/sshd.log")"; done_testing; }
	port=$((port + 1))
done

ssh_cmd="ssh -tt -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR -i $k/user_key -p $port $user@127.0.0.1"

# A non-interactive check first, so a refused login says why.
run timeout 30 ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR -i "$k/user_key" -p "$port" \
	"$user@127.0.0.1" echo logged-in
assert_rc 0 "ssh login with the throwaway key"
[ "$rc" -eq 0 ] || { fail "sshd log: $(tail -n 5 "$k/sshd.log")"; done_testing; }
assert_eq "$out" "logged-in" "ssh runs a command"

# --- the browser over ssh, in tmux ---------------------------------------------------
TMUX_TMPDIR=$test_tmp
export TMUX_TMPDIR
tm() { "$TMUX_BIN" -L ssh -f /dev/null "$@"; }
tmux_stop() { tm kill-server >/dev/null 2>&1; }
at_exit tmux_stop

cursor_line() {
	y=$(tm display-message -p -t 0 '#{cursor_y}')
	screen | sed -n "$((y + 1))p"
}

# The remote side: an interactive sh on the pty that ssh -tt allocates.
tm new-session -d -x 100 -y 30 \
	"env -u TMUX TERM=xterm-256color LC_ALL=C.UTF-8 $ssh_cmd \"env PS1='REMOTE\\\$ ' sh -i\"; \
echo ssh-exit=\$?; sleep 60" || { fail "tmux new-session"; done_testing; }
tm set-option -g status off >/dev/null
wait_for 'REMOTE$' 150 || done_testing

# The remote terminal's settings before pairoff runs.
# (dash's sh -i has no Ctrl-L; the quotes keep the typed line from matching.)
type_text "stty -g >'$k/stty.before'; echo 'stty 'saved"
keys Enter
wait_for "stty saved"
type_text "TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$HOME' PAIROFF_DATADIR='$PAIROFF_DATADIR' '$PAIROFF' --db '$db'; echo \"exit=\$?\""
keys Enter
wait_for "Partners of" || done_testing

# Shanghai -> Yunnan -> the 2009 figures, in million yuan.
keys f; type_text shanghai; keys Enter
wait_for '[filter: shanghai] 1/1'
keys Enter
wait_for "Partners of Shanghai"
keys f; type_text yunnan; keys Enter
wait_for "[filter: yunnan]"
keys Enter
wait_for "Shanghai → Yunnan"
keys u u
wait_for "million yuan"
keys f; type_text 2009; keys Enter
wait_for "[filter: 2009]"
n=0
while [ "$n" -lt 12 ]; do
	cursor_line | grep -Eq ' 180\.00( |$)' && break   # two decimals in million yuan
	keys j
	sleep 0.2
	n=$((n + 1))
done
assert_contains "$(cursor_line)" " 180.00" "over ssh: the 180 million figure is selected"

# Its statements (the flow is stated twice), then the first one's source:
# the report and line, and the figure in the sentence.
keys Enter
wait_for "2 statements of"
keys Enter
wait_for "shanghai-yunnan-2009.txt, line"
assert_contains "$(screen | tr -s ' \n' '  ')" "180 million" "over ssh: the source sentence"

# Quit and check the terminal: the alternate screen left, the cursor shown,
# the browser gone, the remote tty's settings as before.
keys Q
wait_for "exit=0"
assert_eq "$(tm display-message -p -t 0 '#{alternate_on}')" 0 "over ssh: alternate screen left"
assert_eq "$(tm display-message -p -t 0 '#{cursor_flag}')" 1 "over ssh: cursor visible"
assert_not_contains "$(screen)" "Partners of" "over ssh: the browser is gone"
type_text "[ \"\$(stty -g)\" = \"\$(cat '$k/stty.before')\" ] && r=same || r=changed; echo \"tty:\$r:\""
keys Enter
i=0
while [ "$i" -lt 50 ]; do
	case $(screen) in *tty:same:* | *tty:changed:*) break ;; esac
	sleep 0.1
	i=$((i + 1))
done
assert_contains "$(screen)" "tty:same:" "over ssh: the remote tty settings are restored"
type_text "exit"
keys Enter
wait_for "ssh-exit=0"

done_testing
