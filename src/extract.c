#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* The extractor's driver: walks a report's paragraphs in order, keeping the
 * pair in force (the section heading's, or a topic that names another pair),
 * and hands each sentence to the rules for pairs, anomalies and money. */

/* A topic naming another pair (a review of what a donor did for its former
 * partner) puts that pair in force until the next topic. */
static void apply_topic(struct xctx *c, const char *topic)
{
	c->donor = c->sec_donor;
	c->recipient = c->sec_recipient;
	struct xsentence s = { 0 };
	s.text = xstrdup(topic);
	s.len = strlen(topic);
	xscan_places(c, &s);
	size_t east = GAZ_NONE, west = GAZ_NONE;
	for (size_t p = 0; p < s.nplaces; p++) {
		size_t reg = s.places[p].region;
		const struct region *prov = gazetteer_region(c->g, gazetteer_province_of(c->g, reg));
		if (!prov || !prov->side)
			continue;
		if (east == GAZ_NONE && strcmp(prov->side, "east") == 0)
			east = reg;
		else if (west == GAZ_NONE && strcmp(prov->side, "west") == 0)
			west = reg;
	}
	if (east != GAZ_NONE && west != GAZ_NONE) {
		c->donor = east;
		c->recipient = west;
	}
	free(s.text);
	free(s.places);
}

static void read_sentence(struct xctx *c, struct xsentence *s, bool overview)
{
	xscan_places(c, s);
	xresolve_namesakes(c, s);
	xscan_years(s);
	xscan_money(c, s);
	for (size_t i = 0; i < s->nyears; i++)
		if (s->years[i].year > c->max_year)
			c->max_year = s->years[i].year;
	xpairs_sentence(c, s);
	if (overview)
		xpairs_overview(c, s);
	xanomalies_sentence(c, s);
	xindicators_sentence(c, s); /* before the money, which ends the sentence's giver */
	xfunds_sentence(c, s);
	xlinks_sentence(c, s);
	xyears_after_sentence(c, s);
}

static void enter_section(struct xctx *c, size_t sec)
{
	xpairs_section(c, sec);
	c->topic_block = false;
	c->topic = NULL;
	c->since_year = 0;
	c->last_year = 0;
}

/* body: the paragraph's body (report_paragraph_text) */
static void read_paragraph(struct xctx *c, const struct report_paragraph *p, const char *body,
			   bool overview)
{
	c->line_no = p->line_no;
	if (p->topic) {
		c->topic = p->topic;
		apply_topic(c, p->topic);
		c->topic_block = true;
		c->since_year = 0;
	} else if (!c->topic_block) {
		c->since_year = 0;
		c->topic = NULL;
	}
	c->in_overview = overview || report_topic_is_overview(c->topic);
	c->para_year = 0;
	c->para_donor = GAZ_NONE;
	c->open_whole = c->last_fund = -1;
	c->span_from = c->span_to = 0;
	xbreakdowns_begin(c, c->topic_block && !p->topic);
	xanomalies_paragraph(c, p);
	struct xsentence *s;
	size_t n = xsplit_sentences(body, &s);
	for (size_t i = 0; i < n; i++)
		read_sentence(c, &s[i], overview);
	xsentence_free(s, n);
	xbreakdowns_paragraph(c);
}

/* An overview names a donor's total before the sections that state its
 * partner: the report's pairs give the recipient afterwards. */
static void fill_recipients(struct xctx *c)
{
	for (size_t i = c->first_fund; i < c->out->nfunds; i++) {
		struct fact_fund *f = &c->out->funds[i];
		if (*f->recipient)
			continue;
		size_t partner = xpair_partner(c, gazetteer_lookup(c->g, f->donor));
		if (partner != GAZ_NONE) {
			f->recipient = xpool_strdup(c->out, xname(c, partner));
		}
	}
	for (size_t i = c->first_indicator; i < c->out->nindicators; i++) {
		struct fact_indicator *f = &c->out->indicators[i];
		size_t partner = *f->recipient ? GAZ_NONE : xpair_partner(c, gazetteer_lookup(c->g, f->donor));
		if (partner != GAZ_NONE) {
			f->recipient = xpool_strdup(c->out, xname(c, partner));
		}
	}
}

/* A pairing that ended (Shandong -> Xinjiang until 2010) ends the same
 * donor's pairings with places inside that recipient too. */
static void end_sub_pairs(struct xctx *c)
{
	for (size_t i = c->first_pair; i < c->out->npairs; i++) {
		const struct fact_pair *ended = &c->out->pairs[i];
		if (!ended->until)
			continue;
		size_t whole = gazetteer_lookup(c->g, ended->recipient);
		for (size_t j = c->first_pair; j < c->out->npairs; j++) {
			struct fact_pair *p = &c->out->pairs[j];
			if (j != i && !p->until && strcmp(p->donor, ended->donor) == 0 &&
			    gazetteer_within(c->g, gazetteer_lookup(c->g, p->recipient), whole))
				p->until = ended->until;
		}
	}
}

/* Whether text names region reg (its name or an alias). */
static bool names_region(const struct xctx *c, const char *text, size_t reg)
{
	const struct region *r = gazetteer_region(c->g, reg);
	size_t len = strlen(text);
	if (!r || xfind_ci(text, 0, len, r->name))
		return r != NULL;
	for (size_t a = 0; a < r->naliases; a++)
		if (xfind_ci(text, 0, len, r->aliases[a]))
			return true;
	return false;
}

/* The report's pairings ordered by donor and recipient place, so that a
 * pairing finds the others it dates without a pass over all of them (a
 * report of a hundred thousand pairings took hours). */
struct pair_key {
	const char *donor;
	size_t place;              /* the recipient in the gazetteer */
	size_t pair;               /* index among the report's pairings */
};

struct pair_index {
	const struct fact_pair *pairs;
	size_t *place;             /* owned; per pairing, its recipient in the gazetteer */
	struct pair_key *order;    /* owned; the pairings by (donor, place, index) */
	size_t n;
};

static int by_donor_place(const void *a, const void *b)
{
	const struct pair_key *x = a, *y = b;
	int d = strcmp(x->donor, y->donor);
	if (d)
		return d;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

static void pair_index_build(struct pair_index *x, const struct xctx *c)
{
	x->pairs = c->out->pairs + c->first_pair; /* the caller saw there are some */
	x->n = c->out->npairs - c->first_pair;
	x->place = xcalloc(x->n + 1, sizeof(*x->place));
	x->order = xcalloc(x->n + 1, sizeof(*x->order));
	for (size_t i = 0; i < x->n; i++) {
		x->place[i] = gazetteer_lookup(c->g, x->pairs[i].recipient);
		x->order[i] = (struct pair_key){ x->pairs[i].donor, x->place[i], i };
	}
	qsort(x->order, x->n, sizeof(*x->order), by_donor_place);
}

/* The first position in order of the pairings of donor with place. */
static size_t pair_index_find(const struct pair_index *x, const char *donor, size_t place)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(x->order[mid].donor, donor);
		if (d < 0 || (d == 0 && x->order[mid].place < place))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The group of pairing i's donor with place (its first position in
 * x->order), or x->n when the donor has no pairing with place. */
static size_t place_group(const struct pair_index *x, const char *donor, size_t place)
{
	size_t k = pair_index_find(x, donor, place);
	return k < x->n && x->order[k].place == place && strcmp(x->order[k].donor, donor) == 0 ? k : x->n;
}

struct name_key {
	const char *donor, *recipient;
	size_t pair;
};

static int by_names(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	int d = strcmp(x->donor, y->donor);
	return d ? d : strcmp(x->recipient, y->recipient);
}

/* Per pairing, a number shared by the pairings of the same donor and
 * recipient name. Owned. */
static size_t *name_groups(const struct pair_index *x)
{
	struct name_key *keys = xcalloc(x->n + 1, sizeof(*keys));
	size_t *group = xcalloc(x->n + 1, sizeof(*group));
	for (size_t i = 0; i < x->n; i++)
		keys[i] = (struct name_key){ x->pairs[i].donor, x->pairs[i].recipient, i };
	qsort(keys, x->n, sizeof(*keys), by_names);
	for (size_t k = 0, g = 0; k < x->n; k++) {
		if (k && by_names(&keys[k - 1], &keys[k]) != 0)
			g = k;
		group[keys[k].pair] = g;
	}
	free(keys);
	return group;
}

/* The earlier of two starts, 0 meaning none. */
static int earlier(int a, int b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* A pairing's start dates its other statements in the report (the
 * section heading); a pairing with places inside a region, stated by a
 * sentence that names the region too, dates the donor's pairing with that
 * region ("Since 1996, Zhejiang ... Guangyuan and Nanchong in Sichuan":
 * Zhejiang -> Sichuan since 1996 at the latest).
 *
 * The pairings are taken in report order, each dating the stated ones it
 * names with its start as it stands when its turn comes. Rather than going
 * through every pairing it dates (a report of many pairings of one donor
 * and place took hours), each turn lowers a running earliest start of the
 * groups it dates: a later pairing takes the earliest of its groups at its
 * turn, and every pairing the earliest of its groups at the end. */
static void date_whole_pairs(struct xctx *c)
{
	if (!c->out->pairs || c->out->npairs <= c->first_pair)
		return; /* none (and NULL + 0 is undefined) */
	struct pair_index x;
	pair_index_build(&x, c);
	size_t *same = name_groups(&x);
	int *same_min = xcalloc(x.n + 1, sizeof(*same_min));  /* per name group */
	int *place_min = xcalloc(x.n + 1, sizeof(*place_min)); /* per place group */
	struct fact_pair *pairs = c->out->pairs + c->first_pair;
	for (size_t i = 0; i < x.n; i++) {
		struct fact_pair *p = &pairs[i];
		if (p->basis != BASIS_STATED)
			continue;
		size_t own = place_group(&x, p->donor, x.place[i]);
		p->since = earlier(p->since, earlier(same_min[same[i]], own < x.n ? place_min[own] : 0));
		if (!p->since)
			continue;
		same_min[same[i]] = earlier(same_min[same[i]], p->since);
		/* a place's pairing: an ethnic group's is no part of a region's */
		if (strcmp(p->level, "prefecture") != 0 && strcmp(p->level, "county") != 0)
			continue;
		for (size_t w = x.place[i]; w != GAZ_NONE; w = gazetteer_region(c->g, w)->parent) {
			size_t g = place_group(&x, p->donor, w);
			if (g < x.n && names_region(c, p->quote, w))
				place_min[g] = earlier(place_min[g], p->since);
		}
	}
	for (size_t j = 0; j < x.n; j++) {
		size_t own = place_group(&x, pairs[j].donor, x.place[j]);
		if (pairs[j].basis == BASIS_STATED)
			pairs[j].since = earlier(pairs[j].since,
						 earlier(same_min[same[j]], own < x.n ? place_min[own] : 0));
	}
	free(same);
	free(same_min);
	free(place_min);
	free(x.place);
	free(x.order);
}

/* A later part of a report read in parts (report_stream_next) restates
 * the heading of the section it continues, which gives the heading's
 * pairing (and any anomaly of it) at the heading's line, in the part
 * before, where it was recorded already: dropped here, after the rules that
 * use it to tell the section's pair. */
static void drop_before_part(struct extraction *x, size_t first_pair, size_t first_anomaly,
			     int first_line)
{
	size_t kept = first_pair;
	for (size_t i = first_pair; i < x->npairs; i++)
		if (x->pairs[i].line_no <= 0 || x->pairs[i].line_no > first_line)
			x->pairs[kept++] = x->pairs[i];
	x->npairs = kept;
	kept = first_anomaly;
	for (size_t i = first_anomaly; i < x->nanomalies; i++) {
		struct fact_anomaly *a = &x->anomalies[i];
		if (a->line_no <= 0 || a->line_no > first_line) {
			x->anomalies[kept++] = *a;
			continue;
		}
		free(a->kind);
		free(a->message);
		free(a->quote);
	}
	x->nanomalies = kept;
}

enum status extract_report(const struct report *r, const struct gazetteer *g, struct extraction *out)
{
	return extract_report_until(r, g, out, NULL);
}

static bool stopped(atomic_bool *stop)
{
	return stop && atomic_load_explicit(stop, memory_order_relaxed);
}

enum status extract_report_until(const struct report *r, const struct gazetteer *g,
				 struct extraction *out, atomic_bool *stop)
{
	if (!r || !g || !out)
		return status_set(ST_USAGE, "extract_report: missing report, gazetteer or output");
	struct xctx c = { .r = r, .g = g, .out = out };
	c.first_pair = out->npairs;
	c.first_fund = out->nfunds;
	c.first_indicator = out->nindicators;
	size_t first_anomaly = out->nanomalies;
	c.open_whole = c.last_fund = -1;
	c.east_all = xprogramme_side(g, "east");
	c.west_all = xprogramme_side(g, "west");
	c.sec_donor = c.sec_recipient = c.donor = c.recipient = c.link_actor = GAZ_NONE;
	size_t cur = (size_t)-1;
	bool overview = false;
	char *buf = NULL;  /* owned; a paragraph read back from the text */
	size_t cap = 0;
	enum status st = ST_OK;
	for (size_t i = 0; i < r->nparagraphs && st == ST_OK && !stopped(stop); i++) {
		const struct report_paragraph *p = &r->paragraphs[i];
		if (p->section != cur) {
			cur = p->section;
			enter_section(&c, cur);
			overview = true;
		}
		/* a large report's paragraphs are read back from its text */
		const char *body = report_paragraph_text(r, i, true, &buf, &cap);
		if (!body) {
			st = status_set(ST_IO, "%s: cannot read the report's text back from a "
					"temporary file", r->path);
			break;
		}
		read_paragraph(&c, p, body, overview);
		overview = false;
	}
	free(buf);
	if (st == ST_OK && !stopped(stop)) {
		xfunds_tables(&c);
		end_sub_pairs(&c);
		date_whole_pairs(&c);
		fill_recipients(&c);
		xlinks_funds(&c);
		if (r->first_line > 0)
			drop_before_part(out, c.first_pair, first_anomaly, r->first_line);
	}
	free(c.ordered);
	free(c.para_funds);
	xmap_free(&c.last_link);
	xmap_free(&c.first_partner);
	xmap_free(&c.heading_partner);
	/* no message set here when interrupted: this runs on the import's
	 * reading thread, and the importer says what happened */
	return st != ST_OK ? st : stopped(stop) ? ST_INTERRUPTED : ST_OK;
}

void extraction_free(struct extraction *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nfunds; i++) {
		for (size_t k = 0; k < x->funds[i].nco_donors; k++)
			free(x->funds[i].co_donors[k]);
		free(x->funds[i].co_donors);
	}
	for (size_t i = 0; i < x->nanomalies; i++) {
		free(x->anomalies[i].kind);
		free(x->anomalies[i].message);
		free(x->anomalies[i].quote);
	}
	xpool_free(x->pool);
	free(x->indicators);
	free(x->pairs);
	free(x->funds);
	free(x->anomalies);
	memset(x, 0, sizeof(*x));
}
