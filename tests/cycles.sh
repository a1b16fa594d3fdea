#!/bin/sh
# No cycle among the project's objects (issue 13). Reads `nm` of the members
# of libpairoff.a: object A uses object B when B defines a symbol A leaves
# undefined. A cycle in that graph (A uses B uses ... uses A) means two
# modules each need the other, so neither can be read, tested or replaced on
# its own; the layers go one way down (see the README's developer part).
#
# No exception: the browser's views return what should happen (issue 13
# item 1) instead of calling back into tui.c. A name added here must be in
# a cycle, and every cycle must lie within the names, so an exception can
# neither outlive its reason nor hide a new cycle.
allowed=""

set -u
: "${top_builddir:?top_builddir must be set (run through make check)}"
lib=$top_builddir/libpairoff.a
test -f "$lib" || { echo "FAIL: no $lib" >&2; exit 1; }

${NM:-nm} "$lib" | awk -v allowed="$allowed" '
# "name.o:" starts a member; "ADDR T sym" defines sym; "U sym" uses it.
/^[^ ].*\.o:$/ { obj = substr($0, 1, length($0) - 3); objs[obj] = 1; next }
NF == 2 && $1 == "U" { uses[obj, $2] = 1; next }
NF == 3 && $2 ~ /^[A-TV-Z]$/ { def[$3] = obj }
END {
	n = 0
	for (o in objs) {   # in name order, so the output reads the same each run
		for (i = ++n; i > 1 && name[i - 1] > o; i--) name[i] = name[i - 1]
		name[i] = o
	}
	# edge[a,b]: a uses a symbol b defines; why[a,b]: those symbols
	for (k in uses) {
		split(k, p, SUBSEP)
		b = def[p[2]]
		if (b == "" || b == p[1]) continue
		edge[p[1], b] = 1
		why[p[1], b] = why[p[1], b] " " p[2]
	}
	# reach[a,b]: b is reachable from a (transitive closure)
	for (k in edge) reach[k] = 1
	for (m = 1; m <= n; m++)
		for (i = 1; i <= n; i++) {
			if (!((name[i], name[m]) in reach)) continue
			for (j = 1; j <= n; j++)
				if ((name[m], name[j]) in reach) reach[name[i], name[j]] = 1
		}
	na = split(allowed, al, /[ \t\n]+/)
	for (i = 1; i <= na; i++) if (al[i] != "") ok[al[i]] = 1
	bad = 0; ncyc = 0
	for (i = 1; i <= n; i++) {
		a = name[i]
		if (!((a, a) in reach) || (a in seen)) continue
		members = ""; outside = 0; ncyc++
		for (j = 1; j <= n; j++) {
			b = name[j]
			if (!((a, b) in reach) || !((b, a) in reach)) continue
			seen[b] = 1; members = members " " b
			if (!(b in ok)) outside = 1
		}
		if (!outside) { print "known cycle (browser, see tests/cycles.sh):" members; continue }
		bad = 1
		print "FAIL: cycle among objects:" members
		nm = split(members, ms, " ")
		for (x = 1; x <= nm; x++) for (y = 1; y <= nm; y++)
			if ((ms[x], ms[y]) in edge) print "    " ms[x] " -> " ms[y] ":" why[ms[x], ms[y]]
	}
	for (o in ok)
		if (!(o in seen)) {
			bad = 1
			print "FAIL: " o " is on the exception list of tests/cycles.sh but in no cycle: remove it"
		}
	if (n < 10) { print "FAIL: only " n " objects read from nm"; bad = 1 }
	printf "%d objects, %d cycle(s)\n", n, ncyc
	exit bad
}'
