#!/bin/sh
# The house's function lengths (issue 13): the median function of src/ has
# at most 10 lines and none more than 60. A function's length is the lines
# between its "{" and "}" at column 0 (the house style puts them there);
# prints the median, the 90th percentile and every function over 40 lines.
srcdir=${top_srcdir:-${srcdir:-.}}
MEDIAN_MAX=10
LONGEST_MAX=60
awk -v med_max="$MEDIAN_MAX" -v long_max="$LONGEST_MAX" '
/^[A-Za-z].*\(/ && !/;[ \t]*$/ { sig = $0; sigline = FNR }
/^\{/ { if (sig != "") { start = FNR; name = FILENAME ":" sigline; infn = 1 } next }
/^\}/ { if (infn) { lens[++k] = FNR - start - 1; who[k] = name; infn = 0; sig = "" } next }
END {
	if (k < 100) { print "FAIL: only " k " functions found"; exit 1 }
	for (i = 1; i <= k; i++)
		for (j = i; j > 1 && lens[j - 1] > lens[j]; j--) {
			t = lens[j]; lens[j] = lens[j - 1]; lens[j - 1] = t
			t = who[j]; who[j] = who[j - 1]; who[j - 1] = t
		}
	med = k % 2 ? lens[(k + 1) / 2] : (lens[k / 2] + lens[k / 2 + 1]) / 2
	printf "%d functions: median %s lines, p90 %d, longest %d (%s)\n", k, med, lens[int(k * 0.9)], lens[k], who[k]
	for (i = k; i > 0 && lens[i] > 40; i--)
		printf "  %d lines: %s\n", lens[i], who[i]
	bad = 0
	if (med > med_max) { printf "FAIL: median %s lines, more than %d\n", med, med_max; bad = 1 }
	for (i = k; i > 0 && lens[i] > long_max; i--) {
		printf "FAIL: %s has %d lines, more than %d\n", who[i], lens[i], long_max; bad = 1
	}
	exit bad
}' "$srcdir"/src/*.c
