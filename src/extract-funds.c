#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* Money facts from prose. For each amount in a sentence: is it money a donor
 * gives (not an income, a revenue, a per-unit rate, a difference)? Who acts
 * (the nearest place before it that is the subject of its clause), for whom,
 * in which year or span, of which kind? */

/* Words just before an amount that make it an outcome or a rate, not aid. */
static const char *const outcome_words[] = {
	"income", "revenue", "output", "gdp", "profit", "tax", "sales", "loss",
	"yield", "salary", "price", "turnover", "capacity", "standard", "matching fund",
	"bank loan", "loans of", "increase by", "increased by", "increase of", "growth of",
	"rose", "value", "budgetary", "came to", "subsidies of", "encouraging",
};

/* Words just after an amount that make it a rate or a difference. */
static const char *const rate_words[] = {
	"per ", "for each", "each ", "more than that", "less than that", "a year", "per year",
};

/* Words after which a donor-side place is not the giver: "to Nantong",
 * "to build Nan'an Experimental School", "designated Gaolangang ...". */
static const char *const object_words[] = {
	"to", "for", "into", "towards", "toward", "build", "built", "construct", "constructed",
	"visit", "visited", "support", "supported", "help", "helped", "designated", "named", "assisted",
	"accepted", "received", "receive",
};

static size_t clause_start(const char *t, size_t pos, size_t floor)
{
	return xclause_start(t, pos, floor);
}

static bool any_word(const char *t, size_t from, size_t to, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (xcontains_word(t, from, to, words[i]))
			return true;
	return false;
}

static bool excluded(const struct xsentence *s, size_t mi)
{
	const struct xmoney *m = &s->money[mi];
	size_t from = clause_start(s->text, m->start, 0);
	if (m->start - from > 100)
		from = m->start - 100;
	size_t to = m->end + 90 < s->len ? m->end + 90 : s->len;
	size_t cend = xclause_end(s->text, m->end, to);
	if (any_word(s->text, from, m->start, outcome_words, sizeof(outcome_words) / sizeof(outcome_words[0])))
		return true;
	if (xfind_ci(s->text, from, m->start, "total investment") &&
	    xfind_ci(s->text, m->end, to, "including"))
		return true; /* a project total mixing the donor's money with others' */
	for (size_t i = 0; i < sizeof(rate_words) / sizeof(rate_words[0]); i++)
		if (xfind_ci(s->text, m->end, cend + 1 < s->len ? cend + 1 : s->len, rate_words[i]))
			return true;
	return false;
}

/* Inside a parenthesis still open before it: "(including Guangzhou and
 * Dongguan)" names parts of the giver, not givers. */
static bool in_parentheses(const struct xsentence *s, size_t pi)
{
	size_t b = s->places[pi].start, floor = b > 80 ? b - 80 : 0;
	while (b > floor && s->text[b - 1] != ')' && s->text[b - 1] != '(')
		b--;
	return b > floor && s->text[b - 1] == '(';
}

/* "Haicang New Village", "Nan'an Experimental Primary School": the place
 * names a facility, which neither gives nor receives. */
static bool names_facility(const struct xsentence *s, size_t pi)
{
	static const char *const facilities[] = {
		"village", "school", "hospital", "kindergarten", "market", "park", "road", "bridge",
		"station", "center", "centre", "hall", "cinema", "farm",
	};
	static const char *const admin_words[] = {
		"county", "prefecture", "city", "district", "banner", "town", "league", "province", "region",
	};
	const char *t = s->text;
	size_t i = s->places[pi].end;
	size_t next = pi + 1 < s->nplaces ? s->places[pi + 1].start : s->len;
	size_t ws, n = xword_before(t, i, &ws);
	/* "Ledu County Minzu School" is a school in Ledu County; "Nan'an
	 * Experimental School" is a school named after Nan'an */
	if (n && xword_in(t + ws, n, admin_words, sizeof(admin_words) / sizeof(admin_words[0])))
		return false;
	for (int words = 0; words < 4; words++) {
		while (t[i] == ' ')
			i++;
		if (!isupper((unsigned char)t[i]) || i >= next)
			return false; /* a nearer place names the facility */
		for (size_t f = 0; f < sizeof(facilities) / sizeof(facilities[0]); f++)
			if (xword_at(t, i, facilities[f]))
				return true;
		while (isalpha((unsigned char)t[i]) || t[i] == '-')
			i++;
	}
	return false;
}

/* "Fujian – Ningxia Pairing-off ...": a pair's label, not a giver. */
static bool pair_label(const struct xsentence *s, size_t pi)
{
	if (pi + 1 >= s->nplaces)
		return false;
	size_t a = s->places[pi].end, b = s->places[pi + 1].start;
	if (b < a || b - a > 5)
		return false;
	return xfind_ci(s->text, a, b, "-") || xfind_ci(s->text, a, b, "\xE2\x80\x93") || xfind_ci(s->text, a, b, "\xE2\x80\xA2");
}

static bool donor_object(const struct xsentence *s, size_t pi)
{
	size_t ws, n = xgoverning_word(s, pi, &ws);
	if (names_facility(s, pi) || pair_label(s, pi))
		return true;
	return n && xword_in(s->text + ws, n, object_words, sizeof(object_words) / sizeof(object_words[0]));
}

/* "Binhai New Area of Tianjin": the more specific place gives. */
static size_t more_specific(const struct xctx *c, const struct xsentence *s, size_t pi)
{
	if (pi == 0)
		return pi;
	size_t a = s->places[pi - 1].end, b = s->places[pi].start;
	if (a <= b && b - a <= 5 && xfind_ci(s->text, a, b, " of ") &&
	    gazetteer_within(c->g, s->places[pi - 1].region, s->places[pi].region))
		return pi - 1;
	return pi;
}

/* "built 66 health centers", "mobilized social forces": a clause that
 * opens with a past-tense verb, in lower case, has no subject of its own. */
static bool opens_with_verb(const char *t)
{
	static const char *const irregular[] = { "built", "held", "set", "sent", "made", "gave", "put", "spent",
						 "sold", "paid", "lent", "won" };
	size_t n = 0;
	while (islower((unsigned char)t[n]))
		n++;
	if (n < 3 || isalnum((unsigned char)t[n]) || t[n] == '.')
		return false;
	if (t[n - 2] == 'e' && t[n - 1] == 'd')
		return true;
	return xword_in(t, n, irregular, sizeof(irregular) / sizeof(irregular[0]));
}

/* A sentence whose giver is left implicit (a pronoun, "the two sides", or
 * a passive amount right after "In <year>,") continues the sentence before. */
static bool implicit_subject(const struct xsentence *s)
{
	static const char *const pronouns[] = { "it", "they", "the two sides", "the delegation", "he", "she",
						"this", "these", "the project" };
	size_t i = 0;
	if (xword_at(s->text, 0, "in") || xword_at(s->text, 0, "on")) {
		const char *comma = memchr(s->text, ',', s->len < 40 ? s->len : 40);
		if (!comma)
			return false;
		i = (size_t)(comma - s->text) + 1;
	}
	while (s->text[i] == ' ')
		i++;
	/* a clause after ';' that opens with its verb ("; built 66 ...,
	 * mobilized ...") continues the subject before */
	if (isdigit((unsigned char)s->text[i]) || (i == 0 && opens_with_verb(s->text)))
		return true;
	for (size_t k = 0; k < sizeof(pronouns) / sizeof(pronouns[0]); k++)
		if (xword_at(s->text, i, pronouns[k]) || (strchr(pronouns[k], ' ') &&
		    strncasecmp(s->text + i, pronouns[k], strlen(pronouns[k])) == 0))
			return true;
	return false;
}

/* The givers of an amount besides its donor, when several give jointly. */
#define MAX_CO_DONORS 15
struct co_givers {
	size_t region[MAX_CO_DONORS];
	size_t n;
	bool under;            /* the giver is a body of or in the place named
	                        * ("departments of Beijing"), not the place */
};

/* Whether any of regs[0..n) lies within another: then they are one giver
 * named at two levels ("Beijing Haidian District"), not several. */
static bool nested(const struct xctx *c, const size_t *regs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (i != j && gazetteer_within(c->g, regs[i], regs[j]))
				return true;
	return false;
}

/* "Wenzhou, Huzhou, Jinhua and Hangzhou allocated", "(from Dalian, Ningbo,
 * Qingdao and Shenzhen)": a list of places joined by commas and "and",
 * ending (or starting) at pi, gives jointly. Returns the first named and
 * sets co to the others; GAZ_NONE when pi is not in such a list. */
static size_t joint_givers(const struct xctx *c, const struct xsentence *s, size_t first, size_t last,
			   struct co_givers *co)
{
	size_t regs[MAX_CO_DONORS + 1], n = 0;
	for (size_t p = first; p <= last && n <= MAX_CO_DONORS; p++)
		if (xis_donor_side(c, s->places[p].region))
			regs[n++] = s->places[p].region;
	if (n < 2 || n != last - first + 1 || nested(c, regs, n))
		return GAZ_NONE;
	co->n = 0;
	for (size_t i = 1; i < n; i++)
		co->region[co->n++] = regs[i];
	return regs[0];
}

/* The first place of the list that ends at pi. */
static size_t list_first(const struct xsentence *s, size_t pi)
{
	for (size_t j = xjoined_before(s, pi); j != (size_t)-1; j = xjoined_before(s, pi))
		pi = j;
	return pi;
}

/* The last place of the list that starts at pi. */
static size_t list_last(const struct xsentence *s, size_t pi)
{
	while (pi + 1 < s->nplaces && xjoined_before(s, pi + 1) == pi)
		pi++;
	return pi;
}

/* Several givers named together but not as a list of equals count as what
 * they share (the province). */
static size_t giver_group(const struct xctx *c, const struct xsentence *s, size_t pi)
{
	size_t regs[16], n = 0;
	regs[n++] = s->places[pi].region;
	for (size_t q = pi; q-- > 0 && n < 16;) {
		size_t a = s->places[q].end, b = s->places[q + 1].start;
		bool names_only = a <= b;
		for (size_t i = a; names_only && i < b; i++) {
			char ch = s->text[i];
			if (isalpha((unsigned char)ch) && (i == a || !isalpha((unsigned char)s->text[i - 1])) &&
			    !isupper((unsigned char)ch) && !xword_at(s->text, i, "and"))
				names_only = false;
		}
		if (!names_only || !xis_donor_side(c, s->places[q].region))
			break;
		regs[n++] = s->places[q].region;
	}
	size_t common = n > 1 ? xcommon_ancestor(c, regs, n) : regs[0];
	return common != GAZ_NONE ? common : regs[0];
}

/* "(from Shanghai)", "donated by Zhejiang Provincial Department of ...". */
static size_t donor_after(const struct xctx *c, const struct xsentence *s, const struct xmoney *m,
			  struct co_givers *co)
{
	static const char *const cues[] = { "from ", "donated by ", "provided by ", "funded by " };
	size_t i = m->end;
	while (i < s->len && (s->text[i] == ' ' || s->text[i] == '('))
		i++;
	for (size_t k = 0; k < sizeof(cues) / sizeof(cues[0]); k++) {
		size_t n = strlen(cues[k]);
		const char *at = xfind_ci(s->text, i, i + 24 + n < s->len ? i + 24 + n : s->len, cues[k]);
		if (!at || (k == 0 && at != s->text + i && !xfind_ci(s->text, i, (size_t)(at - s->text), "fund") &&
			    !xcontains_word(s->text, i, (size_t)(at - s->text), "aid")))
			continue;
		size_t from = (size_t)(at - s->text) + n;
		for (size_t p = 0; p < s->nplaces; p++)
			if (s->places[p].start >= from && s->places[p].start <= from + 4 &&
			    (xis_donor_side(c, s->places[p].region) || c->donor == GAZ_NONE)) {
				size_t joint = joint_givers(c, s, p, list_last(s, p), co);
				return joint != GAZ_NONE ? joint : s->places[p].region;
			}
	}
	return GAZ_NONE;
}

/* "departments of Beijing", "enterprises of Ningbo": a body of the place
 * gives, not the place itself ("capability of Shanghai" names no body). */
static bool body_of_place(const struct xsentence *s, size_t pi)
{
	static const char *const bodies[] = {
		"department", "departments", "enterprise", "enterprises", "unit", "units", "organization",
		"organizations", "district", "districts", "county", "counties", "cities", "bureau", "bureaus",
		"company", "companies", "people", "circles", "entrepreneurs", "individuals", "hospitals",
		"schools", "universities", "associations", "chambers",
	};
	size_t ws, n = xgoverning_word(s, pi, &ws);
	if (n != 2 || !xword_at(s->text, ws, "of"))
		return false;
	size_t bs;
	n = xword_before(s->text, ws, &bs);
	return n && xword_in(s->text + bs, n, bodies, sizeof(bodies) / sizeof(bodies[0]));
}

/* "the eastern provinces and municipalities provided ... 872.2 million
 * yuan": the whole East gives, when it is named before the amount in its
 * sentence and no giving place is named between. */
static size_t programme_giver(const struct xctx *c, const struct xsentence *s, const struct xmoney *m)
{
	size_t named = c->east_all != GAZ_NONE ? xeast_named(s->text, 0, m->start) : 0;
	if (!named)
		return GAZ_NONE;
	for (size_t p = 0; p < s->nplaces; p++)
		if (s->places[p].start >= named && s->places[p].end <= m->start &&
		    xis_donor_side(c, s->places[p].region) && !donor_object(s, p))
			return GAZ_NONE; /* "Among the eastern provinces, Shanghai provided" */
	return c->east_all;
}

/* The giver of amount m, or GAZ_NONE; *own is set when the recipient side
 * itself puts the money in (its own or matching funds are not aid). */
static size_t fund_donor(struct xctx *c, const struct xsentence *s, const struct xmoney *m, bool *own,
			 struct co_givers *co)
{
	*own = false;
	co->n = 0;
	co->under = false;
	size_t after = donor_after(c, s, m, co);
	if (after != GAZ_NONE)
		return after;
	size_t east = programme_giver(c, s, m);
	if (east != GAZ_NONE)
		return c->next_donor = east;
	for (size_t p = s->nplaces; p-- > 0;) {
		if (s->places[p].end > m->start || in_parentheses(s, p))
			continue;
		size_t reg = s->places[p].region;
		if (xis_donor_side(c, reg) && !donor_object(s, p)) {
			co->under = body_of_place(s, more_specific(c, s, p));
			size_t q = more_specific(c, s, p);
			c->next_donor = q != p ? s->places[q].region : giver_group(c, s, p);
			size_t joint = q == p ? joint_givers(c, s, list_first(s, p), p, co) : GAZ_NONE;
			return joint != GAZ_NONE ? joint : c->next_donor;
		}
		if (xis_recipient_side(c, reg) && c->donor != GAZ_NONE && xopens_clause(s, p)) {
			size_t j = xjoined_before(s, p);
			if (j != (size_t)-1 && xis_donor_side(c, s->places[j].region))
				return s->places[j].region;
			*own = true;
			return GAZ_NONE;
		}
	}
	if (c->para_donor != GAZ_NONE && implicit_subject(s))
		return c->para_donor;
	return c->donor;
}

/* A sentence without money still names who acts in the next one (a mayor
 * heading a city's delegation, then "the two sides" allocate funds). */
static void note_giver(struct xctx *c, const struct xsentence *s)
{
	for (size_t p = 0; p < s->nplaces; p++)
		if (xis_donor_side(c, s->places[p].region) && !donor_object(s, p) && !in_parentheses(s, p)) {
			c->next_donor = s->places[p].region;
			return;
		}
}

/* The places of a set, or what they share: the deepest when they nest
 * (Yunnan ... Dulongjiang Town), else their common ancestor. */
static size_t place_set(const struct xctx *c, const size_t *regs, size_t n)
{
	if (n == 0)
		return GAZ_NONE;
	size_t deepest = regs[0];
	for (size_t i = 1; i < n; i++) {
		if (gazetteer_within(c->g, regs[i], deepest))
			deepest = regs[i];
		else if (!gazetteer_within(c->g, deepest, regs[i]))
			return xcommon_ancestor(c, regs, n);
	}
	return deepest;
}

/* Towns are too fine for a fund's recipient: their county receives. */
static size_t receiving_level(const struct xctx *c, size_t reg)
{
	const struct region *r = gazetteer_region(c->g, reg);
	while (r && strcmp(r->type, "town") == 0 && r->parent != GAZ_NONE) {
		reg = r->parent;
		r = gazetteer_region(c->g, reg);
	}
	return reg;
}

static bool usable_recipient(const struct xctx *c, size_t reg, size_t donor)
{
	return xis_recipient_side(c, reg) && !gazetteer_within(c->g, reg, donor) &&
	       !gazetteer_within(c->g, donor, reg);
}

/* "A, B and C received ..., respectively X, Y and Z": the i-th amount after
 * "respectively" goes to the i-th place of the list before it. */
static size_t respective_recipient(const struct xctx *c, const struct xsentence *s, const struct xmoney *m)
{
	const char *resp = xfind_ci(s->text, 0, m->start, "respectively");
	if (!resp)
		return GAZ_NONE;
	size_t at = (size_t)(resp - s->text), index = 0, nmoney = 0;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].start > at) {
			if (s->money[i].start < m->start)
				index++;
			nmoney++;
		}
	size_t list[16], n = 0;
	for (size_t p = 0; p < s->nplaces && s->places[p].end <= at; p++) {
		if (!xis_recipient_side(c, s->places[p].region))
			continue;
		if (n > 0 && xjoined_before(s, p) == (size_t)-1)
			n = 0;
		if (n < 16)
			list[n++] = s->places[p].region;
	}
	return n == nmoney && index < n ? list[index] : GAZ_NONE;
}

/* The programme's East gives to a place its clause names, else to the
 * whole West. */
static size_t programme_recipient(const struct xctx *c, const struct xsentence *s, const struct xmoney *m)
{
	size_t cend = xclause_end(s->text, m->end, s->len);
	for (size_t p = 0; p < s->nplaces; p++)
		if (s->places[p].start >= m->end && s->places[p].start < cend &&
		    xis_recipient_side(c, s->places[p].region))
			return receiving_level(c, s->places[p].region);
	return c->west_all;
}

/* The comma at pos follows the name of a small place the gazetteer does
 * not know and joins it to the next name ("projects in Xiaocaokulun,
 * Aorunsumo of Aohan Banner"): the clause goes on to the place they lie in.
 * After a known place ("in Ledu County, Benxi City issued") it ends. */
static bool in_name_list(const struct xsentence *s, size_t pos)
{
	const char *t = s->text;
	if (pos < 2 || t[pos + 1] != ' ' || !isupper((unsigned char)t[pos + 2]))
		return false;
	size_t ws;
	if (!xword_before(t, pos, &ws) || !isupper((unsigned char)t[ws]))
		return false;
	for (size_t p = 0; p < s->nplaces; p++)
		if (s->places[p].end == pos)
			return false;
	return true;
}

static size_t fund_recipient(const struct xctx *c, const struct xsentence *s, const struct xmoney *m, size_t donor)
{
	if (donor != GAZ_NONE && donor == c->east_all)
		return programme_recipient(c, s, m);
	size_t resp = respective_recipient(c, s, m);
	if (resp != GAZ_NONE)
		return resp;
	size_t after[16] = { 0 }, nafter = 0, before[16] = { 0 }, nbefore = 0, near_and = GAZ_NONE;
	size_t cend = m->end, prev_end = 0;
	/* a parenthesis inside the clause ("(Huangzhong County ... Farm) in
	 * Huangzhong County") does not end it; a comma in "10,000" neither */
	while (cend < s->len && s->text[cend] != ';' &&
	       (s->text[cend] != ',' || (isdigit((unsigned char)s->text[cend - 1]) &&
					 isdigit((unsigned char)s->text[cend + 1])) || in_name_list(s, cend)))
		cend++;
	for (size_t i = 0; i < s->nmoney; i++) {
		if (s->money[i].start >= m->end && s->money[i].start < cend)
			cend = s->money[i].start; /* "5 million for A and 3 million for B" */
		if (s->money[i].end <= m->start && s->money[i].end > prev_end)
			prev_end = s->money[i].end;
	}
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = receiving_level(c, s->places[p].region);
		if (!usable_recipient(c, reg, donor) || names_facility(s, p))
			continue;
		/* the place of "for A and 3 million yuan" is the amount's before */
		bool previous_own = prev_end && s->places[p].start >= prev_end && s->places[p].start - prev_end <= 15;
		if (s->places[p].end <= m->start && m->start - s->places[p].end <= 20 && s->places[p].start >= prev_end &&
		    !previous_own && !memchr(s->text + s->places[p].end, ',', m->start - s->places[p].end)) {
			/* "... to Inner Mongolia and donated one million yuan to Balin
			 * Left Banner": across " and " the place the amount's own
			 * clause names wins */
			if (!xfind_ci(s->text, s->places[p].end, m->start, " and "))
				return reg; /* "22 projects in Guangyuan worth ..." */
			near_and = reg;
			continue;
		}
		if (s->places[p].start >= m->end && s->places[p].start < cend && nafter < 16)
			after[nafter++] = reg;
		else if (s->places[p].end <= m->start && nbefore < 16)
			before[nbefore++] = reg;
	}
	size_t r = place_set(c, after, nafter);
	if (r == GAZ_NONE && near_and != GAZ_NONE)
		return near_and;
	if (r == GAZ_NONE && c->west_all != GAZ_NONE && xwest_named(s->text, m->end, cend))
		return c->west_all; /* "... to the western poverty-stricken areas" */
	if (r == GAZ_NONE)
		r = place_set(c, before, nbefore);
	if (r != GAZ_NONE)
		return r;
	if (c->recipient != GAZ_NONE)
		return c->recipient;
	return xpair_partner(c, donor);
}

/* Whether the text presents amount m as the pair's total for its period:
 * a total's words in its clause, or the section's overview; and the giver
 * and receiver are the pair itself, not a district, a department or a
 * county under it. */
static bool stated_total(const struct xctx *c, const struct xsentence *s, const struct xmoney *m, size_t donor,
			 size_t recipient, const struct co_givers *co)
{
	static const char *const cues[] = {
		"a total of", "in total", "totaling", "totalling", "totaled", "totalled", "altogether",
		"throughout the year", "over the year", "in the whole year", "the whole year", "for the year",
		"in all",
	};
	if (co->n || co->under || donor != c->donor || donor == GAZ_NONE ||
	    (recipient != c->recipient && recipient != GAZ_NONE))
		return false;
	if (c->in_overview)
		return true;
	size_t from = xclause_start(s->text, m->start, 0), to = xclause_end(s->text, m->end, s->len);
	if (m->start - from > 120)
		from = m->start - 120;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].end <= m->start && s->money[i].end > from)
			from = s->money[i].end; /* the words of the amount before are its own */
	for (size_t i = 0; i < sizeof(cues) / sizeof(cues[0]); i++)
		if (xfind_ci(s->text, from, to, cues[i]))
			return true;
	return false;
}

/* Adds the fact of amount m given by donor (and co); returns its index. */
static long add_fund(struct xctx *c, const struct xsentence *s, const struct xmoney *m, size_t donor,
		     const struct co_givers *co)
{
	size_t recipient = fund_recipient(c, s, m, donor);
	struct fact_fund f = { 0 };
	f.whole_index = -1;
	f.donor = (char *)xname(c, donor);
	f.recipient = (char *)(recipient == GAZ_NONE ? "" : xname(c, recipient));
	f.year = xyear_for(c, s, m->start, &f.from_year);
	f.amount_yuan = m->yuan;
	f.category = xfund_category(c, s, m, donor);
	f.approx = m->approx;
	f.line_no = c->line_no;
	f.quote = xstrndup(s->text + m->start, m->end - m->start);
	f.sentence = s->text;
	f.table_index = -1;
	const char *co_names[MAX_CO_DONORS];
	for (size_t k = 0; k < co->n; k++)
		co_names[k] = xname(c, co->region[k]);
	f.co_donors = (char **)co_names; /* copied by xadd_fund */
	f.nco_donors = co->n;
	f.stated_total = stated_total(c, s, m, donor, recipient, co);
	long index = (long)c->out->nfunds;
	xadd_fund(c, &f);
	free(f.quote);
	return index;
}

void xfunds_sentence(struct xctx *c, const struct xsentence *s)
{
	c->next_donor = GAZ_NONE;
	if (s->nmoney == 0)
		note_giver(c, s);
	long *fund_of = xcalloc(s->nmoney + 1, sizeof(*fund_of));
	for (size_t i = 0; i < s->nmoney; i++) {
		bool own;
		struct co_givers co;
		fund_of[i] = -1;
		if (s->money[i].yuan <= 0 || excluded(s, i))
			continue;
		size_t donor = fund_donor(c, s, &s->money[i], &own, &co);
		if (donor != GAZ_NONE)
			fund_of[i] = add_fund(c, s, &s->money[i], donor, &co);
	}
	xparts_sentence(c, s, fund_of);
	xbreakdowns_note(c, s, fund_of);
	for (size_t i = 0; i < s->nmoney; i++)
		if (fund_of[i] >= 0 && c->out->funds[fund_of[i]].whole_index >= 0)
			c->out->funds[fund_of[i]].stated_total = false; /* a part is not the total */
	free(fund_of);
	c->para_donor = c->next_donor;
}

void xparties_for(struct xctx *c, const struct xsentence *s, size_t start, size_t end, size_t *donor,
		  size_t *recipient)
{
	struct xmoney span = { .start = start, .end = end, .num_start = start };
	struct co_givers co;
	bool own;
	*donor = fund_donor(c, s, &span, &own, &co);
	if (*donor == GAZ_NONE)
		*donor = c->para_donor != GAZ_NONE ? c->para_donor : c->donor; /* the recipient's own
		                                                                 * work is the pair's */
	if (*donor == GAZ_NONE)
		*donor = c->east_all; /* a part without a pair speaks for the whole programme */
	*recipient = fund_recipient(c, s, &span, *donor);
}
