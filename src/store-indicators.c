#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pairoff/extract.h"
#include "pairoff/indicators.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* Restated indicators, linked at the end of an import by the rule of
 * src/indicators.c. The statements are read back from the indicator table
 * sorted on what a restatement must share, one group at a time, so that
 * memory stays flat however many reports are imported (a statement is in
 * one group only: the rule never links across groups). */

struct indicator_log {
	const struct gazetteer *gaz;
};

struct indicator_log *indicator_log_new(const struct gazetteer *g)
{
	struct indicator_log *l = xcalloc(1, sizeof(*l));
	l->gaz = g;
	return l;
}

void indicator_log_free(struct indicator_log *l)
{
	free(l);
}

/* Every statement with the donor's unit, the recipient's province and the
 * section of its paragraph, in groups of equal kind, value, time and pair. */
static const char statements_sql[] =
	"SELECT i.id, i.donor_id, i.recipient_id, coalesce(d.unit_id, d.id), coalesce(r.province_id, r.id),"
	"  coalesce(i.year, 0), coalesce(i.from_year, 0), i.kind, i.value, i.report_id, i.line,"
	"  coalesce((SELECT s.seq FROM paragraph p JOIN section s ON s.id = p.section_id"
	"            WHERE p.report_id = i.report_id AND p.line = i.line), 0)"
	" FROM indicator i JOIN region d ON d.id = i.donor_id JOIN region r ON r.id = i.recipient_id"
	" ORDER BY i.kind, i.value, 6, 7, 4, 5, i.id";

/* Region ids are gazetteer index + 1 (src/import.c). */
static uint32_t region_index(sqlite3_stmt *stmt, int col)
{
	return (uint32_t)(sqlite3_column_int64(stmt, col) - 1);
}

static struct indicator_fact fact_of(sqlite3_stmt *stmt)
{
	const char *kind = (const char *)sqlite3_column_text(stmt, 7);
	return (struct indicator_fact){
		.id = sqlite3_column_int64(stmt, 0), .donor = region_index(stmt, 1),
		.recipient = region_index(stmt, 2), .donor_unit = region_index(stmt, 3),
		.recipient_unit = region_index(stmt, 4), .year = (int16_t)sqlite3_column_int(stmt, 5),
		.from_year = (int16_t)sqlite3_column_int(stmt, 6),
		.kind = (uint8_t)indicator_kind_parse(kind ? kind : ""), .value = sqlite3_column_double(stmt, 8),
		.report_id = (uint32_t)sqlite3_column_int64(stmt, 9), .line_no = sqlite3_column_int(stmt, 10),
		.section = (uint16_t)sqlite3_column_int(stmt, 11), .flow_id = sqlite3_column_int64(stmt, 0),
	};
}

static bool same_group(const struct indicator_fact *a, const struct indicator_fact *b)
{
	return a->kind == b->kind && a->value == b->value && a->year == b->year && a->from_year == b->from_year &&
	       a->donor_unit == b->donor_unit && a->recipient_unit == b->recipient_unit;
}

static int flush_group(struct indicator_log *l, sqlite3_stmt *up, struct indicator_fact *group, size_t n)
{
	int rc = SQLITE_OK;
	if (n < 2)
		return rc;
	indicators_link(group, n, l->gaz);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		if (group[i].flow_id == group[i].id)
			continue;
		sqlite3_bind_int64(up, 1, group[i].flow_id);
		sqlite3_bind_int64(up, 2, group[i].id);
		rc = sqlite3_step(up) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(sqlite3_db_handle(up));
		sqlite3_reset(up);
	}
	return rc;
}

int indicator_log_store(struct indicator_log *l, sqlite3 *db)
{
	sqlite3_stmt *sel = NULL, *up = NULL;
	int rc = sqlite3_prepare_v2(db, statements_sql, -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE indicator SET flow_id = ? WHERE id = ?", -1, &up, NULL);
	struct indicator_fact *group = NULL;
	size_t n = 0, cap = 0;
	int step;
	while (rc == SQLITE_OK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		struct indicator_fact f = fact_of(sel);
		if (n && !same_group(&group[0], &f)) {
			rc = flush_group(l, up, group, n);
			n = 0;
		}
		*ARRAY_PUSH(group, n, cap) = f;
	}
	if (rc == SQLITE_OK && step != SQLITE_DONE)
		rc = step;
	if (rc == SQLITE_OK)
		rc = flush_group(l, up, group, n);
	free(group);
	sqlite3_finalize(sel);
	sqlite3_finalize(up);
	return rc;
}
