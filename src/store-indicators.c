#include "config.h"

#include <stdlib.h>

#include "pairoff/indicators.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The indicators of one import, kept small (no text) while the reports are
 * stored, so that at the end restatements across reports can be linked by
 * the rule of src/indicators.c. */

struct indicator_log {
	const struct gazetteer *gaz;
	struct indicator_fact *facts;   /* owned */
	size_t nfacts, cap_facts;
};

struct indicator_log *indicator_log_new(const struct gazetteer *g)
{
	struct indicator_log *l = xcalloc(1, sizeof(*l));
	l->gaz = g;
	return l;
}

void indicator_log_free(struct indicator_log *l)
{
	if (!l)
		return;
	free(l->facts);
	free(l);
}

static size_t province_or_self(const struct gazetteer *g, size_t reg)
{
	size_t prov = gazetteer_province_of(g, reg);
	return prov != GAZ_NONE ? prov : reg;
}

void indicator_log_add(struct indicator_log *l, int64_t id, const struct fact_indicator *f, size_t donor,
		       size_t recipient, int64_t report_id, int section)
{
	*ARRAY_PUSH(l->facts, l->nfacts, l->cap_facts) = (struct indicator_fact){
		.id = id, .donor = donor, .recipient = recipient,
		.donor_unit = gazetteer_unit_of(l->gaz, donor),
		.recipient_unit = province_or_self(l->gaz, recipient),
		.year = f->year, .from_year = f->from_year, .kind = (int)f->kind, .value = f->value,
		.report_id = report_id, .section = section, .line_no = f->line_no, .flow_id = id,
	};
}

int indicator_log_store(struct indicator_log *l, sqlite3 *db)
{
	indicators_link(l->facts, l->nfacts, l->gaz);
	sqlite3_stmt *up = NULL;
	int rc = sqlite3_prepare_v2(db, "UPDATE indicator SET flow_id = ? WHERE id = ?", -1, &up, NULL);
	for (size_t i = 0; i < l->nfacts && rc == SQLITE_OK; i++) {
		if (l->facts[i].flow_id == l->facts[i].id)
			continue;
		sqlite3_bind_int64(up, 1, l->facts[i].flow_id);
		sqlite3_bind_int64(up, 2, l->facts[i].id);
		rc = sqlite3_step(up) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		sqlite3_reset(up);
	}
	sqlite3_finalize(up);
	return rc;
}
