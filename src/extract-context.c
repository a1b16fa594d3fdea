#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* What every rule of the extractor shares, below them all: the names of
 * places, the facts recorded so far (a pairing or evidence link, a fund, an
 * anomaly) and what later rules ask of them (a donor's partner). */

const char *xname(const struct xctx *c, size_t region)
{
	const struct region *r = gazetteer_region(c->g, region);
	return r ? r->name : "";
}

size_t xcommon_ancestor(const struct xctx *c, const size_t *regs, size_t n)
{
	for (size_t a = regs[0]; a != GAZ_NONE; a = gazetteer_region(c->g, a)->parent) {
		size_t i = 1;
		while (i < n && gazetteer_within(c->g, regs[i], a))
			i++;
		if (i == n)
			return a;
	}
	return GAZ_NONE;
}

void xanomaly(struct xctx *c, const char *kind, const char *quote, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct strbuf sb = { 0 };
	char buf[512];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	strbuf_puts(&sb, buf);
	char *message = strbuf_steal(&sb);
	for (size_t i = 0; i < c->out->nanomalies; i++) {
		const struct fact_anomaly *a = &c->out->anomalies[i];
		if (a->line_no == c->line_no && strcmp(a->kind, kind) == 0 && strcmp(a->message, message) == 0) {
			free(message);
			return;
		}
	}
	struct fact_anomaly *a = ARRAY_PUSH(c->out->anomalies, c->out->nanomalies, c->out->cap_anomalies);
	a->kind = xstrdup(kind);
	a->message = message;
	a->line_no = c->line_no;
	a->quote = quote ? xstrdup(quote) : NULL;
}

/* The level a pairing works at, named by the recipient's kind. */
static const char *level_of(const struct gazetteer *g, size_t reg)
{
	static const struct {
		const char *type, *level;
	} levels[] = {
		{ "province", "province" }, { "municipality", "province" }, { "autonomous region", "province" },
		{ "SAR", "province" }, { "prefecture", "prefecture" }, { "city", "prefecture" },
		{ "league", "prefecture" }, { "county", "county" }, { "district", "county" },
		{ "banner", "county" }, { "town", "town" },
	};
	const struct region *r = gazetteer_region(g, reg);
	for (size_t i = 0; r && i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(r->type, levels[i].type) == 0)
			return levels[i].level;
	return r ? r->type : "";
}

static void merge_years(struct fact_pair *p, int since, int until)
{
	if (since && (!p->since || since < p->since))
		p->since = since;
	if (until && until > p->until)
		p->until = until;
}

/* A county-level pair that disagrees with an earlier one for the same donor
 * (a later sentence pairing a listed city with another county). */
static void check_contradiction(struct xctx *c, const char *donor, const char *recipient, const char *level,
				const char *quote)
{
	if (strcmp(level, "county") != 0)
		return;
	for (size_t k = 0; k < c->nordered; k++) {
		const struct fact_pair *p = &c->out->pairs[c->ordered[k]];
		if (strcmp(p->donor, donor) == 0 && strcmp(p->level, "county") == 0 && strcmp(p->recipient, recipient) != 0) {
			xanomaly(c, "pair-contradiction", quote, "%s paired with %s here, with %s at line %d", donor,
				 recipient, p->recipient, p->line_no);
			return;
		}
	}
}

/* Both sides in the West: a region pairing its own places. */
static bool is_internal(const struct xctx *c, size_t donor, size_t recipient)
{
	const struct region *dp = gazetteer_region(c->g, gazetteer_province_of(c->g, donor));
	const struct region *rp = gazetteer_region(c->g, gazetteer_province_of(c->g, recipient));
	return dp && rp && dp->side && rp->side && strcmp(dp->side, "west") == 0 &&
	       strcmp(rp->side, "west") == 0;
}

void xadd_pair(struct xctx *c, size_t donor, size_t recipient, int since, int until, const char *quote)
{
	xadd_link(c, donor, recipient, since, until, quote, BASIS_STATED);
}

/* Row i states a pairing of donor: its first, or its section heading's. */
static void index_partner(struct xctx *c, const char *donor, size_t i)
{
	if (xmap_get(&c->first_partner, donor) == XMAP_NONE)
		xmap_put(&c->first_partner, donor, i);
	if (c->in_heading && xmap_get(&c->heading_partner, donor) == XMAP_NONE)
		xmap_put(&c->heading_partner, donor, i);
}

static void add_link(struct xctx *c, const char *d, bool internal, size_t recipient, int since, int until,
		     const char *quote, bool pooled, enum pair_basis basis);

/* One fact per link and line: a link stated again on another line is
 * another source of it (the query layer merges them). */
void xadd_link(struct xctx *c, size_t donor, size_t recipient, int since, int until, const char *quote,
	       enum pair_basis basis)
{
	add_link(c, xname(c, donor), is_internal(c, donor, recipient), recipient, since, until, quote,
		 false, basis);
}

void xadd_link_shared(struct xctx *c, size_t donor, size_t recipient, const char *quote)
{
	add_link(c, xname(c, donor), is_internal(c, donor, recipient), recipient, 0, 0, quote, true,
		 BASIS_EVIDENCE);
}

void xadd_link_named(struct xctx *c, const char *donor, size_t recipient, int since, const char *quote)
{
	add_link(c, donor, false, recipient, since, 0, quote, false, BASIS_EVIDENCE);
}

/* pooled: quote is a string of the extraction's pool already (a fund's
 * sentence), shared rather than copied again. */
static void add_link(struct xctx *c, const char *d, bool internal, size_t recipient, int since, int until,
		     const char *quote, bool pooled, enum pair_basis basis)
{
	const char *r = xname(c, recipient);
	char *key = xasprintf("%s\x1f%s", d, r);
	size_t last = xmap_get(&c->last_link, key);
	if (last != XMAP_NONE && c->out->pairs[last].line_no == c->line_no) {
		struct fact_pair *p = &c->out->pairs[last];
		merge_years(p, since, until);
		if (basis == BASIS_STATED && p->basis != BASIS_STATED) {
			p->basis = BASIS_STATED;
			index_partner(c, d, last);
		}
		free(key);
		return;
	}
	xmap_put(&c->last_link, key, c->out->npairs);
	free(key);
	if (basis == BASIS_STATED)
		index_partner(c, d, c->out->npairs);
	const char *level = level_of(c->g, recipient);
	if (basis == BASIS_STATED)
		check_contradiction(c, d, r, level, quote);
	if (c->pairing_in_order)
		*ARRAY_PUSH(c->ordered, c->nordered, c->cap_ordered) = c->out->npairs;
	struct fact_pair *p = ARRAY_PUSH(c->out->pairs, c->out->npairs, c->out->cap_pairs);
	p->donor = xpool_strdup(c->out, d);
	p->recipient = xpool_strdup(c->out, r);
	p->level = xpool_strdup(c->out, level);
	p->since = since;
	p->until = until;
	p->line_no = c->line_no;
	p->quote = pooled ? (char *)quote : xpool_strdup(c->out, quote);
	p->basis = basis;
	p->internal = internal;
}

void xadd_fund(struct xctx *c, const struct fact_fund *f)
{
	struct fact_fund *n = ARRAY_PUSH(c->out->funds, c->out->nfunds, c->out->cap_funds);
	*n = *f;
	n->donor = xpool_strdup(c->out, f->donor);
	n->recipient = xpool_strdup(c->out, f->recipient);
	n->quote = xpool_strdup(c->out, f->quote);
	n->sentence = xpool_strdup(c->out, f->sentence);
	n->co_donors = NULL;
	n->nco_donors = 0;
	if (f->nco_donors) {
		n->co_donors = xcalloc(f->nco_donors, sizeof(*n->co_donors));
		for (size_t i = 0; i < f->nco_donors; i++)
			n->co_donors[i] = xstrdup(f->co_donors[i]);
		n->nco_donors = f->nco_donors;
	}
}

/* The donor's partner in this report: the one its section heading names,
 * else the first stated. */
size_t xpair_partner(const struct xctx *c, size_t donor)
{
	const char *name = xname(c, donor);
	size_t i = xmap_get(&c->heading_partner, name);
	if (i == XMAP_NONE)
		i = xmap_get(&c->first_partner, name);
	return i == XMAP_NONE ? GAZ_NONE : gazetteer_lookup(c->g, c->out->pairs[i].recipient);
}

bool xis_pair_donor(const struct xctx *c, size_t region)
{
	return xpair_partner(c, region) != GAZ_NONE;
}
