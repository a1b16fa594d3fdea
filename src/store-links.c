#include "config.h"

#include "store-internal.h"

/* The link table, derived at the end of an import as pair_total is: the
 * pairing table keeps one row per sentence that states or shows a link (the
 * source drill-down opens each), and a link stated in every report of a
 * thousand is a thousand rows there. The panes and `pairoff pairs` list
 * links, so they read one row per link from here instead of grouping the
 * sentences at every query.
 *
 * Two sentences of each link are kept as sources: the one the panes open,
 * which dates it (a stated sentence before evidence, a dated one before an
 * undated one, the earliest since, then the earliest report, file and
 * line), and the one `pairoff pairs` cites, the first to state it (a
 * stated sentence before evidence, then the earliest report, file and
 * line). The figures are aggregates over the whole partition of the first
 * window. */
static const char derive_sql[] =
	"INSERT INTO link(donor_id, recipient_id, level, since, until, basis, internal,"
	"  first_year, last_year, sources, source_id, first_id)"
	" SELECT donor_id, recipient_id, level, since, till,"
	"   CASE WHEN any_stated THEN 'stated' ELSE 'evidence' END, any_internal,"
	"   first_year, last_year, sources, id, first_id"
	" FROM (SELECT p.id, p.donor_id, p.recipient_id, p.level,"
	"   row_number() OVER w AS n, min(p.since) OVER w AS since, max(p.until) OVER w AS till,"
	"   max(p.basis = 'stated') OVER w AS any_stated, max(p.internal <> 0) OVER w AS any_internal,"
	"   min(CASE WHEN rep.year > 0 THEN rep.year END) OVER w AS first_year,"
	"   max(CASE WHEN rep.year > 0 THEN rep.year END) OVER w AS last_year,"
	"   count(*) OVER w AS sources, first_value(p.id) OVER wf AS first_id"
	"   FROM pairing p JOIN report rep ON rep.id = p.report_id"
	"   WINDOW w AS (PARTITION BY p.donor_id, p.recipient_id"
	"     ORDER BY p.basis <> 'stated', p.since IS NULL, p.since, coalesce(rep.year, 9999),"
	"     rep.file, p.line, p.id"
	"     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),"
	"   wf AS (PARTITION BY p.donor_id, p.recipient_id"
	"     ORDER BY p.basis <> 'stated', coalesce(rep.year, 9999), rep.file, p.line, p.id"
	"     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))"
	" WHERE n = 1";

int store_links_derive(sqlite3 *db)
{
	return sqlite3_exec(db, derive_sql, NULL, NULL, NULL);
}
