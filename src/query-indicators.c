#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* Indicators as a reader quotes them: each stated count once (its
 * restatements are its sources), and a pair's year in one line ("44
 * cadres · 1,602 trained · 13,000 students"), made here for `show` and the
 * funds pane alike. */

/* --- the list ------------------------------------------------------------------ */

static const char indicators_sql[] =
	"WITH RECURSIVE " SUBTREE("dsub", "?1") "," SUBTREE("rsub", "?2")
	" SELECT d.name, r.name, i.year, i.from_year, i.kind, i.value, i.unit, i.approx, rep.file, i.line,"
	"  i.quote, (SELECT count(*) FROM indicator m WHERE m.flow_id = i.id),"
	"  (SELECT group_concat(x, ' ') FROM (SELECT mr.file || ':' || m.line AS x FROM indicator m"
	"    JOIN report mr ON mr.id = m.report_id WHERE m.flow_id = i.id ORDER BY m.id))"
	" FROM indicator i JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id"
	" JOIN report rep ON rep.id = i.report_id"
	" WHERE i.flow_id = i.id"
	" AND (?1 IS NULL OR i.donor_id IN (SELECT id FROM dsub))"
	" AND (?2 IS NULL OR i.recipient_id IN (SELECT id FROM rsub))"
	" AND (?3 IS NULL OR i.year = ?3) AND (?4 IS NULL OR i.kind = ?4)"
	" ORDER BY i.year, rep.file, i.line, i.id";

enum status query_indicators(struct store *s, const char *donor, const char *recipient, int year,
			     const char *kind, struct qtable *out)
{
	static const char *const headers[] = {
		"donor", "recipient", "year", "from_year", "kind", "value", "unit", "approx", "report",
		"line", "quote", "sources", "all_sources",
	};
	sqlite3_stmt *stmt;
	enum status st = query_prepare_by_pair(s, indicators_sql, donor, recipient, year, &stmt);
	if (st != ST_OK)
		return st;
	if (kind && *kind)
		sqlite3_bind_text(stmt, 4, kind, -1, SQLITE_STATIC);
	return query_run_into(s, stmt, ARRAY_LEN(headers), headers, out);
}

/* --- a year in one line -------------------------------------------------------- */

/* "1,602": the way the reports write counts. */
static void format_count(int64_t v, char *buf, size_t cap)
{
	char num[24], *digits = format_i64(num, v);
	if (*digits == '-')
		digits++; /* the count's size: a sign is never shown */
	int n = (int)strlen(digits);
	size_t o = 0;
	for (int i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void indicator_count_format(double v, char *buf, size_t cap)
{
	/* most counts are whole: printed without printf (a pane formats
	 * hundreds at each selection) */
	if (v > -1e15 && v < 1e15 && v == (double)(int64_t)v) {
		format_count((int64_t)v, buf, cap);
		return;
	}
	char num[48];
	snprintf(num, sizeof(num), "%.3f", v < 0 ? -v : v); /* the count's size: a sign is never shown */
	char *point = strchr(num, '.');
	size_t n = point ? strlen(point) : 0; /* the point and its decimals */
	while (n > 1 && point[n - 1] == '0')
		n--; /* "3.500" is written 3.5, "44.000" 44 */
	if (point)
		*point = '\0';
	format_count(strtoll(num, NULL, 10), buf, cap);
	size_t len = strlen(buf);
	if (n > 1 && len + n < cap) {
		buf[len] = '.';
		memcpy(buf + len + 1, point + 1, n - 1);
		buf[len + n] = '\0';
	}
}

void indicator_summary_init(struct indicator_summary *sum)
{
	memset(sum, 0, sizeof(*sum));
}

/* The largest count of each kind stands for the year: counts of one kind
 * nest ("365 aid projects, of which 288 ...") more often than they add up,
 * and a whole is never smaller than its parts. */
void indicator_summary_add(struct indicator_summary *sum, const char *kind, const char *text)
{
	double value = text ? strtod(text, NULL) : 0;
	enum indicator_kind k = indicator_kind_parse(kind);
	if (k == IND_NKINDS)
		k = IND_OTHER;
	if (value > sum->largest[k])
		sum->largest[k] = value;
}

char *indicator_summary_text(const struct indicator_summary *sum)
{
	struct strbuf sb = { 0 };
	for (size_t k = 0; k < IND_NKINDS; k++) {
		if (!sum->largest[k])
			continue;
		char n[40];
		indicator_count_format(sum->largest[k], n, sizeof(n));
		strbuf_printf(&sb, "%s%s %s", sb.len ? " \u00b7 " : "", n,
			      indicator_kind_name((enum indicator_kind)k));
	}
	return strbuf_steal(&sb);
}

char *indicator_label(const char *value, const char *unit)
{
	char n[40];
	if (value && !strpbrk(value, ".eE"))   /* a whole count, as most are */
		format_count(strtoll(value, NULL, 10), n, sizeof(n));
	else
		indicator_count_format(value ? strtod(value, NULL) : 0, n, sizeof(n));
	size_t ln = strlen(n), lu = unit ? strlen(unit) : 0;
	char *label = xmalloc(ln + lu + 2);
	memcpy(label, n, ln);
	label[ln] = ' ';
	memcpy(label + ln + 1, unit ? unit : "", lu + 1);
	return label;
}

/* One year's counts of a pair (the donor at the level the programme pairs
 * it, the recipient its province), by the rule of indicator_summary_add. */
static const char indicator_years_sql[] =
	"WITH RECURSIVE " SUBTREE("dsub", "?1") "," SUBTREE("rsub", "?2")
	" SELECT u.name, p.name, i.year, i.kind, i.value, rep.file || ':' || i.line"
	" FROM indicator i JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id"
	" JOIN region u ON u.id = coalesce(d.unit_id, d.id)"
	" JOIN region p ON p.id = coalesce(r.province_id, r.id)"
	" JOIN report rep ON rep.id = i.report_id"
	" WHERE i.flow_id = i.id AND i.year = i.from_year"
	" AND (?1 IS NULL OR i.donor_id IN (SELECT id FROM dsub))"
	" AND (?2 IS NULL OR i.recipient_id IN (SELECT id FROM rsub))"
	" ORDER BY i.year, u.name, p.name, i.id";

static void add_year_row(struct qtable *out, const struct qtable *raw, size_t first,
			 const struct indicator_summary *sum, size_t facts, struct strbuf *sources)
{
	char n[16];
	snprintf(n, sizeof(n), "%zu", facts);
	char *text = indicator_summary_text(sum);
	const char *cells[] = { qtable_get(raw, first, 0), qtable_get(raw, first, 1), qtable_get(raw, first, 2),
				text, n, sources->data ? sources->data : "" };
	qtable_add_row(out, cells);
	free(text);
	strbuf_free(sources);
}

static bool same_group(const struct qtable *t, size_t a, size_t b)
{
	for (size_t c = 0; c < 3; c++)
		if (strcmp(qtable_get(t, a, c) ? qtable_get(t, a, c) : "", qtable_get(t, b, c) ? qtable_get(t, b, c) : ""))
			return false;
	return true;
}

enum status query_indicator_years(struct store *s, const char *donor, const char *recipient, struct qtable *out)
{
	static const char *const raw_headers[] = { "donor", "recipient", "year", "kind", "value", "source" };
	static const char *const headers[] = { "donor", "recipient", "year", "summary", "facts", "sources" };
	sqlite3_stmt *stmt;
	enum status st = query_prepare_by_pair(s, indicator_years_sql, donor, recipient, 0, &stmt);
	if (st != ST_OK)
		return st;
	struct qtable raw;
	if ((st = query_run_into(s, stmt, ARRAY_LEN(raw_headers), raw_headers, &raw)) != ST_OK)
		return st;
	qtable_init(out, ARRAY_LEN(headers), headers);
	for (size_t from = 0, to; from < raw.nrows; from = to) {
		struct indicator_summary sum;
		struct strbuf sources = { 0 };
		indicator_summary_init(&sum);
		for (to = from; to < raw.nrows && same_group(&raw, from, to); to++) {
			indicator_summary_add(&sum, qtable_get(&raw, to, 3), qtable_get(&raw, to, 4));
			strbuf_printf(&sources, "%s%s", sources.len ? " " : "", qtable_get(&raw, to, 5));
		}
		add_year_row(out, &raw, from, &sum, to - from, &sources);
	}
	qtable_free(&raw);
	return ST_OK;
}

/* --- the funds pane's counts ------------------------------------------------------ */

/* As the pane's statements (query-money.c), the donor's side cut first to
 * the places with any count (indicator_pair leads with the donor; the
 * recipient's side has no index of its own to cut by). */
static const char pane_indicators_sql[] =
	"WITH RECURSIVE"
	" dall(id) AS (SELECT id FROM region WHERE name = ?1"
	"   UNION SELECT r.id FROM region r JOIN dall ON r.parent_id = dall.id),"
	" dsub(id) AS MATERIALIZED (SELECT id FROM dall"
	"   WHERE EXISTS (SELECT 1 FROM indicator WHERE donor_id = dall.id)),"
	" rsub(id) AS (SELECT id FROM region WHERE name = ?2"
	"   UNION SELECT r.id FROM region r JOIN rsub ON r.parent_id = rsub.id)"
	" SELECT i.id, i.flow_id, coalesce(i.year, 0), coalesce(i.from_year, 0), i.kind, i.value, i.unit,"
	"        i.approx, d.name, r.name, rep.file, i.line, i.quote"
	" FROM dsub CROSS JOIN rsub"
	" CROSS JOIN indicator i ON i.donor_id = dsub.id AND i.recipient_id = rsub.id"
	" JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id"
	" JOIN report rep ON rep.id = i.report_id";

enum status query_pair_indicators(struct store *s, const char *donor, const char *recipient, struct qtable *raw)
{
	static const char *const headers[PI_NCOLS] = {
		"id", "flow", "year", "from_year", "kind", "value", "unit", "approx", "donor", "recipient",
		"report", "line", "quote",
	};
	sqlite3_stmt *stmt = store_prepare_cached(s, pane_indicators_sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_text(stmt, 1, donor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, recipient, -1, SQLITE_STATIC);
	return query_run_into(s, stmt, PI_NCOLS, headers, raw);
}
