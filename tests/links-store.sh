# The link table (one row per donor -> recipient, folded at import from the
# pairing sentences, src/store-links.c): what the partners pane and `pairoff
# pairs` show of a link stated or seen in several reports, the fold against
# the rule written in SQL over every sentence, and the pane and `pairs`
# agreeing on every link of the bundled store.
. "$top_srcdir/tests/lib.sh"

tab=$(printf '\t')
p() { run "$PAIROFF" --db "$db" "$@"; }

# fields COLS DONOR RECIPIENT: columns COLS ('|'-joined) of the first TSV
# row of $out whose columns $dcol and $rcol are DONOR and RECIPIENT.
fields() {
	printf '%s\n' "$out" | awk -F"$tab" -v d="$2" -v r="$3" -v cols="$1" -v dc="$dcol" -v rc="$rcol" '
		$dc == d && $rc == r { n = split(cols, c, ","); s = "";
			for (i = 1; i <= n; i++) s = s (i > 1 ? "|" : "") $(c[i]); print s; exit }'
}

# --- one link in four reports --------------------------------------------------
# Made up in the series' style: a pairing stated without a date (2012), seen
# through aid (2014), dated (2016), and dated the same again in a report
# whose file name sorts first (2017); a link seen only through aid (2014,
# 2016).
mkdir -p "$test_tmp/r"
report() {
	cat >"$test_tmp/r/$1" <<REPORT
Tianjin-Gansu Pairing-off Poverty Alleviation

      【Counterpart support】 $2

      (Exchange and Cooperation Office of Tianjin Municipal People's Government)
REPORT
}
report tj-gs-2012.txt "In 2012, Tianjin sent 12 cadres to Gansu. Hedong District has provided counterpart support for Min County."
report tj-gs-2014.txt "In 2014, Hedong District donated 100,000 yuan to Min County. Hebei District donated 200,000 yuan to Qingshui County."
report tj-gs-2016.txt "Since 1998, Hedong District has provided counterpart support for Min County. In 2016, Hebei District donated 300,000 yuan to Qingshui County."
report gs-tj-2017.txt "In 2017, Tianjin sent 15 cadres to Gansu. Since 1998, Hedong District has provided counterpart support for Min County."
db=$test_tmp/four.db
p import "$test_tmp/r"
assert_rc 0 "import of the made-up reports"

dcol=1 rcol=2
p pairs -f tsv
assert_rc 0 "pairs"
assert_eq "$(fields 3,4,5,6,7,8 "Hedong District" "Min County")" \
	"county|1998||tj-gs-2012.txt|3|stated" \
	"pairs: the earliest since, cited from the first report stating the link"
assert_eq "$(fields 6,7,8 "Hebei District" "Qingshui County")" "tj-gs-2014.txt|3|evidence" \
	"pairs: a link seen through aid, from the first report showing it"
assert_eq "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" "3" "pairs: one row per link"

dcol=3 rcol=4
p pane partners Tianjin -f tsv
assert_rc 0 "pane partners Tianjin"
assert_eq "$(fields 1,6,9,10,13,14 "Hedong District" "Min County")" \
	"pair|1998|tj-gs-2016.txt|3|stated|1998" \
	"partners: the link opens the sentence dating it, of the earliest report that does"
assert_eq "$(fields 1,9,13,14 "Hebei District" "Qingshui County")" "pair|tj-gs-2014.txt|evidence|(14-16)" \
	"partners: a link seen through aid shows the years of the reports showing it"
assert_eq "$(fields 1,6,8 Tianjin Gansu)" "partner|1998|2" "partners: the partner row, its since and pairs"
assert_eq "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" "3" "partners: one row per link"

# --- the fold against the rule in SQL ----------------------------------------------
# The bundled reports and the made-up ones of tests/data/unseen (a
# re-assignment ends pairs: until) in one store; every link is compared with
# its sentences folded by window functions.
command -v sqlite3 >/dev/null 2>&1 || { done_testing; exit; }
db=$test_tmp/all.db
p import "$top_srcdir/data/reports" "$top_srcdir/tests/data/unseen" "$test_tmp/r"
assert_rc 0 "import of the bundled and unseen reports"
spec=$(sqlite3 "$db" "
WITH s AS (SELECT p.*, rep.file, rep.year FROM pairing p JOIN report rep ON rep.id = p.report_id),
 w AS (SELECT *,
  row_number() OVER (PARTITION BY donor_id, recipient_id ORDER BY basis <> 'stated', since IS NULL,
    since, coalesce(year, 9999), file, line, id) AS nd,
  row_number() OVER (PARTITION BY donor_id, recipient_id ORDER BY basis <> 'stated',
    coalesce(year, 9999), file, line, id) AS nf FROM s)
SELECT donor_id, recipient_id, max(CASE WHEN nd = 1 THEN level END), min(since), max(until),
  CASE WHEN max(basis = 'stated') THEN 'stated' ELSE 'evidence' END, max(internal),
  min(CASE WHEN year > 0 THEN year END), max(CASE WHEN year > 0 THEN year END), count(*),
  max(CASE WHEN nd = 1 THEN id END), max(CASE WHEN nf = 1 THEN id END)
FROM w GROUP BY donor_id, recipient_id ORDER BY 1, 2")
got=$(sqlite3 "$db" "SELECT donor_id, recipient_id, level, since, until, basis, internal,
  first_year, last_year, sources, source_id, first_id FROM link ORDER BY 1, 2")
assert_eq "$got" "$spec" "link: every link folded from its sentences by the rule"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM link WHERE until IS NOT NULL')" -gt 0 ] ||
	fail "link: the re-assignment's ended links have an until"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM link WHERE sources > 1')" -gt 10 ] ||
	fail "link: links stated by several sentences"

# --- the partners pane and pairs agree on every link ----------------------------------
# For every province, each place pair of the pane is the link `pairs` lists:
# the same level, since, until and basis.
db=$test_tmp/bundled.db
# partner_pair_rows FIELDS: the given awk fields of every pair row of the
# partners pane of every province, sorted, each once
partner_pair_rows() {
	p pane provinces -f tsv
	for prov in $(printf '%s\n' "$out" | sed 1d | cut -f1 | tr ' ' '_'); do
		prov=$(printf '%s' "$prov" | tr '_' ' ')
		run "$PAIROFF" --db "$db" pane partners "$prov" -f tsv
		printf '%s\n' "$out" | awk -F"$tab" -v OFS="$tab" '$1 == "pair" { print '"$1"' }'
	done | sort -u
}

p import
p pairs -f tsv
pairs=$(printf '%s\n' "$out" | sed 1d | cut -f1-5,8 | sort)
partner_pair_rows '$3, $4, $5, $6, $7, $13' >"$test_tmp/pane-links"
printf '%s\n' "$pairs" >"$test_tmp/pairs-links"
missing=$(comm -23 "$test_tmp/pane-links" "$test_tmp/pairs-links")
assert_eq "$missing" "" "every link of the partners pane is the one pairs lists"
[ "$(wc -l <"$test_tmp/pane-links")" -gt 100 ] || fail "the partners panes list the bundled links"

# --- the partners pane's filter text, by its rule in SQL ---------------------------
# Each pair row's aliases: the English names of its donor's and recipient's
# parents, then the aliases of its places (the partner province, both sides
# and their parents; each once, by id, a place's aliases in alias order),
# then their Chinese and pinyin names the same way. The query layer builds
# it in C from each place's names read once; here it is the rule itself.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 -separator "$tab" "$db" "
WITH lo(d, r, o) AS (
  SELECT l.donor_id, l.recipient_id, coalesce(x.province_id, x.id) FROM link l
  JOIN region x ON x.id = l.recipient_id
  UNION SELECT l.donor_id, l.recipient_id, coalesce(x.province_id, x.id) FROM link l
  JOIN region x ON x.id = l.donor_id),
 ids(d, r, o, id) AS (
  SELECT d, r, o, o FROM lo UNION SELECT d, r, o, d FROM lo UNION SELECT d, r, o, r FROM lo
  UNION SELECT d, r, o, x.parent_id FROM lo JOIN region x ON x.id = lo.d WHERE x.parent_id IS NOT NULL
  UNION SELECT d, r, o, x.parent_id FROM lo JOIN region x ON x.id = lo.r WHERE x.parent_id IS NOT NULL),
 al(d, r, o, t) AS (SELECT DISTINCT ids.d, ids.r, ids.o, group_concat(a.alias, ' ') OVER (
  PARTITION BY ids.d, ids.r, ids.o ORDER BY ids.id, a.alias
  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  FROM ids JOIN region_alias a ON a.region_id = ids.id),
 zh(d, r, o, t) AS (SELECT DISTINCT ids.d, ids.r, ids.o, group_concat(n.name, ' ') OVER (
  PARTITION BY ids.d, ids.r, ids.o ORDER BY ids.id, n.name
  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  FROM ids JOIN region_name n ON n.region_id = ids.id)
SELECT o.name, d.name, r.name, coalesce(dp.name, '') || ' ' || coalesce(rp.name, '') || ' ' ||
  coalesce(al.t, '') || ' ' || coalesce(zh.t, '')
FROM lo JOIN region o ON o.id = lo.o JOIN region d ON d.id = lo.d JOIN region r ON r.id = lo.r
LEFT JOIN region dp ON dp.id = d.parent_id LEFT JOIN region rp ON rp.id = r.parent_id
LEFT JOIN al ON al.d = lo.d AND al.r = lo.r AND al.o = lo.o
LEFT JOIN zh ON zh.d = lo.d AND zh.r = lo.r AND zh.o = lo.o" | sort >"$test_tmp/texts-rule"
	partner_pair_rows '$2, $3, $4, $12' >"$test_tmp/texts-pane"
	assert_eq "$(comm -23 "$test_tmp/texts-pane" "$test_tmp/texts-rule")" "" \
		"partners: every pair row's filter text is the rule's"
	[ "$(grep -c '[^ ]' "$test_tmp/texts-pane")" -gt 100 ] || fail "the partners panes' filter texts"
	LC_ALL=C grep -q "$(printf '[\344-\351]')" "$test_tmp/texts-pane" ||
		fail "the filter texts hold Chinese names"
fi

done_testing
