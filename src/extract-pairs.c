#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* Pairings: a section heading "A - B Pairing-off ...", and sentences that
 * state a standing relationship with a cue ("provide counterpart support
 * for", "twinned with", "assistance partnerships between A and B", "adjusted
 * the targets of A from B to C"). The places on each side are read as lists
 * ("A, B and C"); two lists of the same length pair in order. */

/* A run of places joined by ", " / " and " in a sentence. */
struct xlist {
	size_t first, last;    /* place indices, inclusive */
	bool container;        /* followed by "including"/"namely": the items follow */
	bool qualifier;        /* "X of Y": Y only locates X */
};

static const char *const directed_cues[] = {
	"counterpart support for", "counterpart support to", "counterpart assistance for",
	"counterpart assistance to", "counterpart cooperation with", "assistance partnerships with",
	"assistance partnership with", "twinned with", "twinning relationship with", "paired with",
	"support and assistance for", "designated to support",
	"counterpart support in", "support for",
};
static const char *const verb_cues[] = { "supported ", "to support ", "supporting " };
static const char *const pairing_words[] = {
	"pairing", "twinn", "counterpart", "one-for-one", "one-to-one", "each other", "partnership",
};
/* Objects that are activities, not places: "support for the construction in X". */
static const char *const activity_words[] = {
	"construction", "development", "building", "project", "industry", "implementation",
	"education", "school", "hospital", "village", "town", "agricultur", "production",
};

static bool is_blank_gap(const char *t, size_t from, size_t to, bool allow_and)
{
	size_t i = from;
	while (i < to && (t[i] == ' ' || t[i] == ','))
		i++;
	if (allow_and && i + 3 <= to && strncasecmp(t + i, "and", 3) == 0)
		i += 3;
	else if (allow_and && i + 10 <= to && strncasecmp(t + i, "as well as", 10) == 0)
		i += 10;
	while (i < to && t[i] == ' ')
		i++;
	if (i + 3 <= to && strncasecmp(t + i, "the", 3) == 0)
		i += 3;
	while (i < to && t[i] == ' ')
		i++;
	return i == to;
}

static const char *gap_text(const struct xsentence *s, size_t a_end, size_t *len)
{
	size_t e = a_end;
	while (e < s->len && s->text[e] == ' ')
		e++;
	*len = s->len - e;
	return s->text + e;
}

static const char *side_of(const struct xctx *c, size_t reg);

static size_t build_lists(const struct xctx *c, const struct xsentence *s, struct xlist *lists, size_t cap)
{
	size_t n = 0;
	for (size_t p = 0; p < s->nplaces && n < cap; p++) {
		bool joined = n > 0 && lists[n - 1].last == p - 1 &&
			      s->places[p - 1].end <= s->places[p].start &&
			      is_blank_gap(s->text, s->places[p - 1].end, s->places[p].start, true) &&
			      s->places[p].start - s->places[p - 1].end <= 14 &&
			      strcmp(side_of(c, s->places[p].region), side_of(c, s->places[p - 1].region)) == 0;
		if (joined) {
			lists[n - 1].last = p;
			continue;
		}
		lists[n].first = lists[n].last = p;
		lists[n].container = lists[n].qualifier = false;
		if (n > 0) {
			size_t pe = s->places[lists[n - 1].last].end, ps = s->places[p].start;
			if (ps >= pe && ps - pe <= 6 && (xfind_ci(s->text, pe, ps, " of ") || xfind_ci(s->text, pe, ps, " in ")))
				lists[n].qualifier = true;
		}
		n++;
	}
	for (size_t l = 0; l < n; l++) {
		size_t glen;
		const char *g = gap_text(s, s->places[lists[l].last].end, &glen);
		if (*g == ',')
			g++;
		while (*g == ' ')
			g++;
		if (strncasecmp(g, "including", 9) == 0 || strncasecmp(g, "namely", 6) == 0 ||
		    strncasecmp(g, "such as", 7) == 0)
			lists[l].container = true;
	}
	return n;
}

static bool is_type(const struct xctx *c, size_t reg, const char *const *types, size_t n)
{
	const struct region *r = gazetteer_region(c->g, reg);
	for (size_t i = 0; r && i < n; i++)
		if (strcmp(r->type, types[i]) == 0)
			return true;
	return false;
}

static const char *side_of(const struct xctx *c, size_t reg)
{
	const struct region *p = gazetteer_region(c->g, gazetteer_province_of(c->g, reg));
	return p && p->side ? p->side : "";
}

static int sentence_year(const struct xctx *c, const struct xsentence *s)
{
	return s->nyears ? s->years[0].year : c->para_year;
}

/* Words that make a dated sentence the start of what it states ("In June
 * 2011, Shanghai decided to establish ..."); without one, or without a year
 * in the sentence itself, a report restating a standing pair dates nothing
 * ("Zhenjiang City was designated to provide ..."). */
static const char *const start_words[] = {
	"establish", "decided", "decision", "adjust", "designat", "began", "begun", "launched",
	"started", "initiated", "determined", "identified", "new round", "for the first time",
	"increase", "added", "newly",
};

/* Whether the start word at pos states a standing state ("was designated
 * to provide"), not an event. */
static bool passive_state(const char *t, size_t pos)
{
	static const char *const be[] = { "was ", "were ", "is ", "are ", "been ", "being " };
	for (size_t i = 0; i < sizeof(be) / sizeof(be[0]); i++) {
		size_t n = strlen(be[i]);
		if (pos >= n && strncasecmp(t + pos - n, be[i], n) == 0)
			return true;
	}
	return false;
}

/* Whether the start word at h starts the pair whose first place is
 * s->places[first]: no other place's clause comes between them ("Dongying
 * launched projects in ... Youyang County, Yantai supported Wushan" starts
 * nothing between Yantai and Wushan); a place holding the pair's first
 * ("... relationship between 9 cities of A Province, including B")
 * does not part them. */
static bool starts_pair(const struct xctx *c, const struct xsentence *s, size_t h, size_t first)
{
	if (first >= s->nplaces || h > s->places[first].start)
		return true;
	size_t reg = s->places[first].region;
	for (size_t q = 0; q < first; q++)
		if (s->places[q].start > h && !gazetteer_within(c->g, reg, s->places[q].region) &&
		    !gazetteer_within(c->g, s->places[q].region, reg))
			return false;
	return true;
}

static bool has_start_word(const struct xctx *c, const struct xsentence *s, size_t first, size_t upto)
{
	for (size_t w = 0; w < sizeof(start_words) / sizeof(start_words[0]); w++)
		for (const char *h = xfind_ci(s->text, 0, upto, start_words[w]); h;
		     h = xfind_ci(s->text, (size_t)(h - s->text) + 1, upto, start_words[w]))
			if (!passive_state(s->text, (size_t)(h - s->text)) &&
			    starts_pair(c, s, (size_t)(h - s->text), first))
				return true;
	return false;
}

/* The year a sentence dates the start of a pairing by, when its places end
 * at upto; 0 when it does not date it. A start word must come before the
 * places it starts: "on the basis of the support of A and B, ... increased
 * C and D" starts C and D only. Its year is the sentence's, else the
 * paragraph's ("In July 2010, ... . ... determined the twinning of ..."). */
static int dated_start(const struct xctx *c, const struct xsentence *s, size_t first, size_t upto)
{
	int year = xsince_clause_year(s);
	if (year)
		return year;
	for (size_t i = 0; i < s->nyears && !year; i++)
		if (!s->years[i].comparison)
			year = s->years[i].year;
	if (!year)
		year = c->para_year;
	return year && has_start_word(c, s, first, upto < s->len ? upto : s->len) ? year : 0;
}

static void emit_one(struct xctx *c, size_t d, size_t r, int since, int until, const struct xsentence *s)
{
	static const char *const never[] = { "town", "ethnic group" };
	if (d == r || d == GAZ_NONE || r == GAZ_NONE || gazetteer_within(c->g, d, r) || gazetteer_within(c->g, r, d))
		return;
	if (is_type(c, d, never, 2) || (is_type(c, r, never, 1)))
		return;
	if (strcmp(side_of(c, d), "west") == 0 && strcmp(side_of(c, r), "east") == 0) {
		size_t t = d;
		d = r;
		r = t;
	}
	xadd_pair(c, d, r, since, until, s->text);
}

/* Donors and recipients as lists of regions: in order when the lengths
 * agree, else one to many, else the donors' common ancestor to each. */
static void emit(struct xctx *c, const size_t *d, size_t nd, const size_t *r, size_t nr, int since, int until,
		 const struct xsentence *s)
{
	if (nd == 0 || nr == 0)
		return;
	if (nd == nr && nd > 1) {
		c->pairing_in_order = true;
		for (size_t i = 0; i < nd; i++)
			emit_one(c, d[i], r[i], since, until, s);
		c->pairing_in_order = false;
	} else if (nd == 1 || nr == 1) {
		for (size_t i = 0; i < nd; i++)
			for (size_t j = 0; j < nr; j++)
				emit_one(c, d[i], r[j], since, until, s);
	} else {
		size_t a = xcommon_ancestor(c, d, nd);
		for (size_t j = 0; a != GAZ_NONE && j < nr; j++)
			emit_one(c, a, r[j], since, until, s);
	}
}

static size_t list_regions(const struct xsentence *s, const struct xlist *l, size_t *out, size_t cap)
{
	size_t n = 0;
	for (size_t p = l->first; p <= l->last && n < cap; p++) {
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup |= out[i] == s->places[p].region;
		if (!dup)
			out[n++] = s->places[p].region;
	}
	return n;
}

/* The list that starts first after offset pos, within reach and the clause. */
static const struct xlist *list_after(const struct xsentence *s, const struct xlist *lists, size_t nl,
				      size_t pos, size_t reach, bool strict)
{
	bool lenient = !strict;
	for (size_t l = 0; l < nl; l++) {
		size_t st = s->places[lists[l].first].start;
		if (st < pos)
			continue;
		if (st - pos > reach)
			return NULL;
		int depth = 0;
		for (size_t i = pos; i < st; i++) {
			char ch = s->text[i];
			depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
			if (ch == ';' || (ch == ',' && depth <= 0 && !lenient))
				return NULL;
		}
		for (size_t w = 0; strict && w < sizeof(activity_words) / sizeof(activity_words[0]); w++)
			if (xcontains_word(s->text, pos, st, activity_words[w]))
				return NULL;
		if (lists[l].container)
			continue;
		return &lists[l];
	}
	return NULL;
}

/* The list whose last place ends nearest before pos (not a qualifier). */
static const struct xlist *list_before(const struct xsentence *s, const struct xlist *lists, size_t nl, size_t pos)
{
	const struct xlist *best = NULL;
	for (size_t l = 0; l < nl; l++) {
		if (s->places[lists[l].last].end > pos)
			break;
		if (xfind_ci(s->text, s->places[lists[l].last].end, pos, ";"))
			continue;
		if (!lists[l].qualifier)
			best = &lists[l];
	}
	return best;
}

static void rule_directed(struct xctx *c, const struct xsentence *s, const struct xlist *lists, size_t nl,
			  const char *cue, bool verb)
{
	if (nl == 0)
		return;
	/* the recipients' list starts after the cue: search no further */
	size_t n = strlen(cue), reach = s->places[lists[nl - 1].first].start;
	for (const char *hit = xfind_ci(s->text, 0, reach, cue); hit; hit = xfind_ci(s->text, (size_t)(hit - s->text) + n, reach, cue)) {
		size_t cs = (size_t)(hit - s->text), ce = cs + n;
		if (cs > 0 && isalpha((unsigned char)s->text[cs - 1]))
			continue;
		const struct xlist *rl = list_after(s, lists, nl, ce, verb ? 6 : 90, true);
		if (!rl)
			continue;
		size_t d[32], r[32], nd = 0, nr = list_regions(s, rl, r, 32);
		size_t after = s->places[rl->last].end;
		const char *by = xfind_ci(s->text, after, after + 16 < s->len ? after + 16 : s->len, "provided by");
		const struct xlist *dl = by ? list_after(s, lists, nl, (size_t)(by - s->text) + 11, 4, false)
					    : list_before(s, lists, nl, cs);
		if (dl)
			nd = list_regions(s, dl, d, 32);
		/* a western place supporting another of its own region is a
		 * pairing within the West ("Inner Mongolia organized Ordos to
		 * provide counterpart support for Xing'an League"), kept as such */
		bool internal = nd > 0 && nr > 0 && strcmp(side_of(c, d[0]), "west") == 0 &&
				gazetteer_province_of(c->g, d[0]) != d[0] &&
				gazetteer_province_of(c->g, d[0]) == gazetteer_province_of(c->g, r[0]);
		if (c->donor != GAZ_NONE && nd > 0 && !internal && !xis_donor_side(c, d[0])) {
			d[0] = c->donor; /* the recipient side, or another pair's donor named by mistake */
			nd = 1;
		}
		if (verb) {
			static const char *const big[] = { "province", "municipality", "autonomous region", "city",
							   "prefecture" };
			if (nd != 1 || !is_type(c, d[0], big, 5))
				continue;
		}
		size_t upto = s->places[dl && dl->last > rl->last ? dl->last : rl->last].end;
		size_t first = dl && dl->first < rl->first ? dl->first : rl->first;
		emit(c, d, nd, r, nr, dated_start(c, s, first, upto), 0, s);
	}
}

/* "assistance partnerships between A and B", "between the 14 cities of X,
 * including A, B, ... and 14 counties of Y, namely C, D, ...". */
static void rule_between(struct xctx *c, const struct xsentence *s, const struct xlist *lists, size_t nl)
{
	for (const char *hit = xfind_ci(s->text, 0, s->len, "between "); hit;
	     hit = xfind_ci(s->text, (size_t)(hit - s->text) + 8, s->len, "between ")) {
		size_t pos = (size_t)(hit - s->text) + 8;
		const struct xlist *a = list_after(s, lists, nl, pos, 60, false);
		if (!a)
			continue;
		const struct xlist *b = NULL;
		const char *after_a = s->text + s->places[a->last].end;
		bool joined = strncasecmp(after_a, " and ", 5) == 0 || strncasecmp(after_a, ", and ", 6) == 0;
		for (const struct xlist *l = a + 1; joined && l < lists + nl && !b; l++)
			if (!l->container && !l->qualifier &&
			    s->places[l->first].start - s->places[a->last].end <= 80 &&
			    !xfind_ci(s->text, s->places[(l - 1)->last].end, s->places[l->first].start, "between"))
				b = l;
		size_t x[32], y[32], nx = list_regions(s, a, x, 32), ny = 0;
		if (b && !(strncasecmp(s->text + s->places[a->last].end, " and between", 12) == 0))
			ny = list_regions(s, b, y, 32);
		else if (nx == 2) {
			y[0] = x[1];
			nx = ny = 1;
		}
		int since = dated_start(c, s, a->first, s->places[b ? b->last : a->last].end);
		if (ny && strcmp(side_of(c, x[0]), "west") == 0 && strcmp(side_of(c, y[0]), "east") == 0)
			emit(c, y, ny, x, nx, since, 0, s);
		else
			emit(c, x, nx, y, ny, since, 0, s);
	}
}

/* "adjusted the targets of A from B to C": A -> B until, A -> C since. */
static void rule_adjust(struct xctx *c, const struct xsentence *s, const struct xlist *lists, size_t nl)
{
	const char *adj = xfind_ci(s->text, 0, s->len, "adjust");
	if (!adj)
		return;
	size_t at = (size_t)(adj - s->text), donor = GAZ_NONE;
	for (size_t p = 0; p < s->nplaces && donor == GAZ_NONE; p++)
		if (strcmp(side_of(c, s->places[p].region), "east") == 0)
			donor = s->places[p].region;
	if (donor == GAZ_NONE)
		return;
	int year = sentence_year(c, s);
	const char *from = xfind_ci(s->text, at, s->len, " from ");
	const char *to = xfind_ci(s->text, from ? (size_t)(from - s->text) : at, s->len, " into ");
	if (!to)
		to = xfind_ci(s->text, from ? (size_t)(from - s->text) + 6 : at, s->len, " to ");
	size_t r[32], nr;
	if (from && to) {
		const struct xlist *b = list_after(s, lists, nl, (size_t)(from - s->text), 60, false);
		if (b && s->places[b->first].start < (size_t)(to - s->text) && (nr = list_regions(s, b, r, 32)))
			emit(c, &donor, 1, r, nr, 0, year, s);
	}
	const struct xlist *t = to ? list_after(s, lists, nl, (size_t)(to - s->text), 80, false) : NULL;
	if (t && (nr = list_regions(s, t, r, 32)))
		emit(c, &donor, 1, r, nr, year, 0, s);
}

/* "take A, B and C as important sponsor targets", "add D to its targets". */
static void rule_sponsor(struct xctx *c, const struct xsentence *s)
{
	const char *cue = xfind_ci(s->text, 0, s->len, "sponsor target");
	if (!cue)
		return;
	size_t d = GAZ_NONE, r[32], nr = 0;
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (d == GAZ_NONE && strcmp(side_of(c, reg), "east") == 0)
			d = reg;
		else if (s->places[p].end <= (size_t)(cue - s->text) && strcmp(side_of(c, reg), "west") == 0 && nr < 32)
			r[nr++] = reg;
	}
	if (d != GAZ_NONE)
		emit(c, &d, 1, r, nr, dated_start(c, s, SIZE_MAX, s->len), 0, s);
}

static bool has_pairing_word(const struct xsentence *s)
{
	for (size_t w = 0; w < sizeof(pairing_words) / sizeof(pairing_words[0]); w++)
		if (xfind_ci(s->text, 0, s->len, pairing_words[w]))
			return true;
	return false;
}

static bool topic_has_pairing_word(const struct xctx *c)
{
	for (size_t w = 0; c->topic && w < sizeof(pairing_words) / sizeof(pairing_words[0]); w++)
		if (xfind_ci(c->topic, 0, strlen(c->topic), pairing_words[w]))
			return true;
	return false;
}

static bool list_on_side(const struct xctx *c, const struct xsentence *s, const struct xlist *l, const char *side)
{
	for (size_t p = l->first; p <= l->last; p++)
		if (strcmp(side_of(c, s->places[p].region), side) != 0)
			return false;
	return true;
}

/* "Cities A and B ... gave to the poor areas of C and D", in a text about
 * pairing: two lists of equal length pair in order. */
static void rule_parallel(struct xctx *c, const struct xsentence *s, const struct xlist *lists, size_t nl,
			  bool pairing)
{
	if (!pairing && !topic_has_pairing_word(c))
		return;
	for (size_t a = 0; a < nl; a++) {
		if (lists[a].container || lists[a].last == lists[a].first || !list_on_side(c, s, &lists[a], "east"))
			continue;
		for (size_t b = a + 1; b < nl; b++) {
			if (lists[b].qualifier)
				continue;
			if (lists[b].container || !list_on_side(c, s, &lists[b], "west"))
				return;
			size_t d[32], r[32], nd = list_regions(s, &lists[a], d, 32), nr = list_regions(s, &lists[b], r, 32);
			if (nd == nr)
				emit(c, d, nd, r, nr, dated_start(c, s, lists[a].first, s->places[lists[b].last].end), 0, s);
			return;
		}
	}
}

/* "County A and County B exchanged cadres ... pairing-off": a donor and a
 * recipient acting together. */
static void rule_together(struct xctx *c, const struct xsentence *s, bool pairing)
{
	if (s->nplaces < 2 || !pairing)
		return;
	for (size_t p = 0; p + 1 < s->nplaces; p++) {
		const struct xplace *a = &s->places[p], *b = &s->places[p + 1];
		if (a->start > 12 || b->start < a->end || b->start - a->end > 6 ||
		    !xfind_ci(s->text, a->end, b->start, " and "))
			continue;
		size_t after = b->end;
		while (after < s->len && s->text[after] == ' ')
			after++;
		if (after < s->len && islower((unsigned char)s->text[after]) &&
		    strncasecmp(s->text + after, "and", 3) != 0 && strncasecmp(s->text + after, "of", 2) != 0)
			emit_one(c, a->region, b->region, dated_start(c, s, p, b->end), 0, s);
		return;
	}
}

/* Outside any pair (a report's overview): a sentence about pairing that
 * names exactly one western place pairs every eastern place named with it. */
static void rule_overview_sentence(struct xctx *c, const struct xsentence *s, bool pairing)
{
	if (c->donor != GAZ_NONE || !pairing)
		return;
	size_t west = GAZ_NONE;
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (strcmp(side_of(c, reg), "west") != 0)
			continue;
		if (west != GAZ_NONE && !gazetteer_within(c->g, west, reg) && !gazetteer_within(c->g, reg, west))
			return;
		if (west == GAZ_NONE || gazetteer_within(c->g, west, reg))
			west = reg;
	}
	if (west == GAZ_NONE)
		return;
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (strcmp(side_of(c, reg), "east") == 0 && xpair_partner(c, reg) == GAZ_NONE)
			emit_one(c, reg, west, dated_start(c, s, SIZE_MAX, s->places[p].end), 0, s);
	}
}

void xpairs_sentence(struct xctx *c, const struct xsentence *s)
{
	if (s->nplaces == 0)
		return; /* every rule pairs places named in the sentence */
	struct xlist lists[64];
	size_t nl = build_lists(c, s, lists, 64);
	for (size_t i = 0; i < sizeof(directed_cues) / sizeof(directed_cues[0]); i++)
		rule_directed(c, s, lists, nl, directed_cues[i], false);
	for (size_t i = 0; i < sizeof(verb_cues) / sizeof(verb_cues[0]); i++)
		rule_directed(c, s, lists, nl, verb_cues[i], true);
	bool pairing = has_pairing_word(s); /* asked by most rules: searched once */
	if (pairing || xfind_ci(s->text, 0, s->len, "cooperation"))
		rule_between(c, s, lists, nl);
	rule_adjust(c, s, lists, nl);
	rule_sponsor(c, s);
	rule_together(c, s, pairing);
	rule_parallel(c, s, lists, nl, pairing);
	rule_overview_sentence(c, s, pairing);
}

/* In a section's first paragraph, the prefectures and cities of the
 * recipient that the donor's aid goes to are its standing partners. */
void xpairs_overview(struct xctx *c, const struct xsentence *s)
{
	static const char *const level[] = { "prefecture", "city", "league" };
	static const char *const aid[] = { "aid", "support", "fund", "assist", "relief", "donat", "pairing", "poverty" };
	if (c->sec_donor == GAZ_NONE || c->donor != c->sec_donor)
		return;
	bool aid_words = false;
	for (size_t w = 0; w < sizeof(aid) / sizeof(aid[0]); w++)
		aid_words |= xcontains_word(s->text, 0, s->len, aid[w]);
	if (!aid_words)
		return;
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (is_type(c, reg, level, 3) && xis_recipient_side(c, reg) && reg != c->recipient &&
		    !xopens_clause(s, p))
			emit_one(c, c->donor, reg, xsince_clause_year(s), 0, s);
	}
}

/* The first place gives; the most specific western place after it
 * receives ("Xiamen - Gansu Linxia ... Prefecture"); with no western place
 * (a pairing inside one province) the last place unrelated to the giver. */
static bool related(const struct xctx *c, size_t a, size_t b)
{
	return gazetteer_within(c->g, a, b) || gazetteer_within(c->g, b, a);
}

/* The giver of a heading: its first eastern or central place; failing that
 * its first place that some later place is not part of. */
static size_t heading_donor(const struct xctx *c, const struct xsentence *s)
{
	for (size_t p = 0; p < s->nplaces; p++)
		if (strcmp(side_of(c, s->places[p].region), "west") != 0)
			return s->places[p].region;
	for (size_t p = 0; p < s->nplaces; p++)
		for (size_t q = p + 1; q < s->nplaces; q++)
			if (!related(c, s->places[p].region, s->places[q].region))
				return s->places[p].region;
	return GAZ_NONE;
}

static void heading_pair(struct xctx *c, const struct xsentence *s)
{
	size_t other = GAZ_NONE;
	c->sec_donor = heading_donor(c, s);
	for (size_t p = 0; c->sec_donor != GAZ_NONE && p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (related(c, reg, c->sec_donor))
			continue;
		other = reg;
		if (strcmp(side_of(c, reg), "west") == 0 && strcmp(side_of(c, c->sec_donor), "west") != 0 &&
		    (c->sec_recipient == GAZ_NONE || gazetteer_within(c->g, reg, c->sec_recipient)))
			c->sec_recipient = reg;
	}
	if (c->sec_recipient == GAZ_NONE)
		c->sec_recipient = other;
}

/* The heading names the pair (see heading_pair). */
void xpairs_section(struct xctx *c, size_t sec)
{
	const char *title = sec < c->r->nsections ? c->r->sections[sec].title : NULL;
	c->sec_donor = c->sec_recipient = GAZ_NONE;
	if (!title || !*title)
		title = c->r->title;
	struct xsentence s = { 0 };
	s.text = xstrdup(title ? title : "");
	s.len = strlen(s.text);
	c->donor = c->recipient = GAZ_NONE;
	xscan_places(c, &s);
	heading_pair(c, &s);
	if (c->sec_recipient == GAZ_NONE)
		c->sec_donor = GAZ_NONE;
	if (c->sec_donor != GAZ_NONE) {
		int line = c->line_no;
		c->line_no = sec < c->r->nsections && c->r->sections[sec].line_no ? c->r->sections[sec].line_no : 1;
		c->in_heading = true;
		xadd_pair(c, c->sec_donor, c->sec_recipient, 0, 0, s.text);
		c->in_heading = false;
		c->line_no = line;
	}
	c->donor = c->sec_donor;
	c->recipient = c->sec_recipient;
	free(s.text);
	free(s.places);
	free(s.money);
	free(s.years);
}

