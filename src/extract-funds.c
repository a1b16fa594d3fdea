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
	"rose", "value", "budgetary", "came to", "subsidies of",
};

/* Words just after an amount that make it a rate or a difference. */
static const char *const rate_words[] = {
	"per ", "for each", "each ", "more than that", "less than that", "a year", "per year",
};

/* Prepositions after which a place is an object, not the one who acts. */
static const char *const object_words[] = {
	"with", "in", "for", "to", "of", "from", "at", "into", "on", "by", "between",
	"among", "including", "namely", "as", "than", "under", "through", "via",
	"towards", "toward", "across", "near", "about", "like", "except", "visit", "visited",
};

static const char *const skip_words[] = { "the", "a", "an", "its", "their" };

/* Start of the clause that holds pos: after the previous ',', ';' or '('. */
static size_t clause_start(const char *t, size_t pos, size_t floor)
{
	size_t b = pos;
	while (b > floor && t[b - 1] != ',' && t[b - 1] != ';' && t[b - 1] != '(')
		b--;
	return b;
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
	size_t floor = mi > 0 ? s->money[mi - 1].end : 0;
	size_t from = clause_start(s->text, m->start, floor);
	if (m->start - from > 70)
		from = m->start - 70;
	size_t to = m->end + 40 < s->len ? m->end + 40 : s->len;
	size_t cend = m->end;
	while (cend < to && s->text[cend] != ',' && s->text[cend] != ';' && s->text[cend] != '(')
		cend++;
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

/* The word that ends just before pos (skipping blanks and opening quotes). */
static size_t word_before(const char *t, size_t pos, size_t *wstart)
{
	size_t e = pos;
	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '"'))
		e--;
	if (e >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80)
		e -= 3; /* a curly quote */
	while (e > 0 && t[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && isalpha((unsigned char)t[b - 1]))
		b--;
	*wstart = b;
	return e - b;
}

static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return true;
	return false;
}

/* A place acts when no preposition governs it; in "A and B" B acts as A does. */
static bool is_actor(const struct xsentence *s, size_t pi)
{
	const char *t = s->text;
	size_t pos = s->places[pi].start;
	for (int guard = 0; guard < 4; guard++) {
		size_t ws, n = word_before(t, pos, &ws);
		if (n == 0) {
			size_t e = ws;
			while (e > 0 && t[e - 1] == ' ')
				e--;
			if (e > 0 && t[e - 1] == ',' && pi > 0 && s->places[pi - 1].end + 1 >= e - 1 &&
			    s->places[pi - 1].end <= e)
				return is_actor(s, pi - 1);
			return true;
		}
		if (in_list(t + ws, n, skip_words, sizeof(skip_words) / sizeof(skip_words[0]))) {
			pos = ws;
			continue;
		}
		if (n == 3 && strncasecmp(t + ws, "and", 3) == 0) {
			if (pi > 0 && s->places[pi - 1].end + 6 >= ws)
				return is_actor(s, pi - 1);
			return true;
		}
		return !in_list(t + ws, n, object_words, sizeof(object_words) / sizeof(object_words[0]));
	}
	return true;
}

/* "255.28 million yuan (from Shanghai)": the giver named after the amount. */
static size_t donor_after(const struct xctx *c, const struct xsentence *s, const struct xmoney *m)
{
	size_t i = m->end;
	while (i < s->len && (s->text[i] == ' ' || s->text[i] == '('))
		i++;
	if (strncasecmp(s->text + i, "from ", 5) != 0)
		return GAZ_NONE;
	for (size_t p = 0; p < s->nplaces; p++)
		if (s->places[p].start >= i + 5 && s->places[p].start <= i + 7)
			return xis_recipient_side(c, s->places[p].region) && c->donor != GAZ_NONE ? GAZ_NONE
											    : s->places[p].region;
	return GAZ_NONE;
}

/* The giver of amount m, or GAZ_NONE; *own is set when the recipient side
 * itself puts the money in (matching funds are not aid). */
static size_t fund_donor(const struct xctx *c, const struct xsentence *s, const struct xmoney *m, bool *own)
{
	*own = false;
	size_t after = donor_after(c, s, m);
	if (after != GAZ_NONE)
		return after;
	for (size_t p = s->nplaces; p-- > 0;) {
		if (s->places[p].end > m->start || !is_actor(s, p))
			continue;
		size_t reg = s->places[p].region;
		if (xis_donor_side(c, reg))
			return reg;
		if (xis_recipient_side(c, reg) && c->donor != GAZ_NONE) {
			*own = true;
			return GAZ_NONE;
		}
	}
	return c->donor;
}

static size_t fund_recipient(const struct xctx *c, const struct xsentence *s, const struct xmoney *m, size_t donor)
{
	size_t before = GAZ_NONE;
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t reg = s->places[p].region;
		if (!xis_recipient_side(c, reg) || gazetteer_within(c->g, reg, donor))
			continue;
		if (s->places[p].start >= m->end)
			return reg;
		before = reg;
	}
	if (before != GAZ_NONE)
		return before;
	if (c->recipient != GAZ_NONE)
		return c->recipient;
	return xpair_partner(c, donor);
}

static enum fund_category fund_category(const struct xsentence *s, const struct xmoney *m)
{
	const char *t = s->text;
	size_t from = clause_start(t, m->start, 0);
	if (m->start - from > 90)
		from = m->start - 90;
	size_t to = m->end + 50 < s->len ? m->end + 50 : s->len;
	static const char *const planned[] = { "planned", "plans to", "plan to", "will", "shall", "budget",
					       "estimated", "expected", "determined to continue" };
	static const char *const loan[] = { "loan", "interest subsid", "microfinance" };
	static const char *const social[] = { "social donation", "all circles of society", "charit",
					      "warm-hearted", "in kind", "entrepreneurs", "social forces",
					      "from the public", "society", "donations" };
	static const char *const enterprise[] = { "worth", "enterprise", "company", "group", "co.,",
						  "cooperation project", "economic cooperation", "business",
						  "investment of", "attracted", "contracts" };
	if (any_word(t, from, m->start, planned, sizeof(planned) / sizeof(planned[0])))
		return FUND_PLANNED;
	if (any_word(t, from, to, loan, sizeof(loan) / sizeof(loan[0])))
		return FUND_LOAN_SUBSIDY;
	if (any_word(t, from, to, social, sizeof(social) / sizeof(social[0])))
		return FUND_SOCIAL;
	if (any_word(t, from, m->start, enterprise, sizeof(enterprise) / sizeof(enterprise[0])))
		return FUND_ENTERPRISE;
	return FUND_GOVERNMENT;
}

void xfunds_sentence(struct xctx *c, const struct xsentence *s, const struct xsentence *all, size_t nall)
{
	(void)all;
	(void)nall;
	for (size_t i = 0; i < s->nmoney; i++) {
		const struct xmoney *m = &s->money[i];
		bool own;
		if (m->yuan <= 0 || excluded(s, i))
			continue;
		size_t donor = fund_donor(c, s, m, &own);
		if (donor == GAZ_NONE)
			continue;
		size_t recipient = fund_recipient(c, s, m, donor);
		struct fact_fund f = { 0 };
		f.donor = (char *)xname(c, donor);
		f.recipient = (char *)(recipient == GAZ_NONE ? "" : xname(c, recipient));
		f.year = xyear_for(c, s, m->start, &f.from_year);
		f.amount_yuan = m->yuan;
		f.category = fund_category(s, m);
		f.approx = m->approx;
		f.line_no = c->line_no;
		f.quote = xstrndup(s->text + m->start, m->end - m->start);
		f.sentence = s->text;
		f.table_index = -1;
		xadd_fund(c, &f);
		free(f.quote);
	}
}
