#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"

/* The category of an amount (and so its kind: aid, investment, planned,
 * other), read from how English states it: the verb that moves the money,
 * who is the subject of that verb, and the nouns around the amount.
 *
 * The order of the tests matters: money not yet given (planned) is never
 * counted as given; money that is lent or invested is not aid whoever puts
 * it in; only then is aid told apart by its giver: the public ("all circles
 * of society", charities), an enterprise, or a government body (which
 * includes districts, counties and departments, also when they "donate"). */

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const planned_words[] = {
	"planned", "plans to", "plan to", "will", "shall", "budget", "estimated", "expected",
	"determined to continue", "to be invested", "intends to",
};

/* A loan's interest paid by the donor is aid; the loan itself is not. */
static const char *const subsidy_words[] = { "interest subsid", "interest discount", "subsidized loan",
					     "discounted loan", "microfinance" };
static const char *const loan_words[] = { "loan", "credit" };

/* Deals, not gifts: the money is the deal's value or an investor's stake. */
static const char *const investment_words[] = {
	"worth", "signed", "agreement", "contract", "introduced", "attracted",
	"acquire", "stake", "investment project", "cooperation project", "economic cooperation",
	"actually invested", "merchants", "investors", "entrepreneurs", "capital introduction",
	"investment promotion", "invitation of investment", "invited investment", "business",
};
/* "with a total investment of" is a deal's size, unless it is the cost of
 * aid projects the donor builds. */
static const char *const aid_project_words[] = {
	"aid project", "poverty alleviation project", "anti-poverty project", "relief project", "built",
	"build", "construct", "implement",
};
/* A gift in kind "worth" X is still a gift. */
static const char *const gift_verbs[] = { "donat", "gave", "give", "present" };

/* Deals in goods: trade and purchases. */
static const char *const trade_words[] = {
	"purchas", "procure", "procurement", "marketing contract", "sales contract", "trade volume",
	"transaction", "bought", "sold", "goods worth", "trade deals", "turnover of trade",
};

static const char *const social_givers[] = {
	"society", "social", "charit", "warm-hearted", "people", "individual", "masses", "compatriot",
	"mr.", "ms.", "volunteer", "foundation", "association", "chamber", "circles", "public",
	"red cross", "ngo", "celebrit", "staff", "employees", "citizens", "entrepreneur",
};
static const char *const enterprise_givers[] = {
	"enterprise", "company", "companies", "group", "co.", "ltd", "corporation", "bank",
	"airlines", "firm", "factory", "plant",
};
/* Bodies of government, named as such: they outrank an enterprise word
 * ("Leading Group"). */
static const char *const government_bodies[] = {
	"government", "department", "bureau", "office", "committee", "commission", "leading group",
	"administration", "party", "delegation",
};
/* Places: a weaker sign than an enterprise's name ("X Co., Ltd, which is
 * located in A District"). */
static const char *const government_givers[] = {
	"district", "county", "counties", "city", "cities", "province", "municipal", "provincial", "units",
	"prefecture",
};

/* Verbs that move money from a giver; the subject before the last one
 * before an amount is its giver. */
static const char *const giving_verbs[] = {
	"donat", "allocat", "invest", "provid", "put in", "issued", "gave", "give", "raised",
	"contribut", "spent", "arranged", "sign", "attract", "introduc", "earmark", "appropriat",
	"offer", "pool", "subsidi",
};

/* The endings that keep a verb stem a verb ("invested", not "investment"). */
static bool verb_form(const char *t, size_t at, size_t stem_len)
{
	static const char *const endings[] = { "", "e", "es", "ed", "d", "s", "ing", "zed" };
	size_t e = at + stem_len, n = 0;
	while (isalpha((unsigned char)t[e + n]))
		n++;
	for (size_t i = 0; i < NWORDS(endings); i++)
		if (strlen(endings[i]) == n && strncasecmp(t + e, endings[i], n) == 0)
			return true;
	return false;
}

/* Public money named by the amount's noun: the giver is a government. */
static const char *const public_money[] = {
	"relief fund", "aid fund", "financial aid", "financial fund", "fiscal", "government aid",
	"anti-poverty fund", "poverty alleviation fund", "special fund", "assistance fund",
};

static bool has_any(const char *t, size_t from, size_t to, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (from < to && xcontains_word(t, from, to, w[i]))
			return true;
	return false;
}

static size_t clause_from(const char *t, size_t pos)
{
	return xclause_start(t, pos, 0);
}

/* The last giving verb in [from, to), or to when none. */
static size_t verb_before(const char *t, size_t from, size_t to)
{
	size_t best = to;
	for (size_t i = 0; i < NWORDS(giving_verbs); i++) {
		const char *p = NULL;
		for (const char *q = xfind_ci(t, from, to, giving_verbs[i]); q;
		     q = xfind_ci(t, (size_t)(q - t) + 1, to, giving_verbs[i]))
			if ((q == t || !isalpha((unsigned char)q[-1])) &&
			    verb_form(t, (size_t)(q - t), strlen(giving_verbs[i])))
				p = q;
		if (p && (best == to || (size_t)(p - t) > best))
			best = (size_t)(p - t);
	}
	return best;
}

/* Whether [a, b) holds no letter, or opens a relative clause ("which is
 * located in ...") that says where the subject is, not who it is. */
static bool not_a_subject(const char *t, size_t a, size_t b)
{
	while (a < b && !isalpha((unsigned char)t[a]))
		a++;
	return a >= b || xword_at(t, a, "which") || xword_at(t, a, "who") || xword_at(t, a, "located") ||
	       xword_at(t, a, "including") || xword_at(t, a, "respectively");
}

/* The subject of the verb that moves amount m: the text of the verb's
 * clause before it, reaching back over relative clauses. */
static void subject_span(const struct xsentence *s, const struct xmoney *m, size_t *from, size_t *to)
{
	const char *t = s->text;
	size_t clause = clause_from(t, m->start);
	size_t floor = clause > 200 ? clause - 200 : 0;
	size_t verb = verb_before(t, clause, m->start);
	if (verb == m->start)
		verb = verb_before(t, floor, m->start);
	if (verb == m->start)
		verb = clause;
	size_t b = clause_from(t, verb);
	for (int guard = 0; guard < 3 && b > 0 && not_a_subject(t, b, verb); guard++)
		b = clause_from(t, b - 1);
	*from = b;
	*to = verb;
}

static bool is_planned(const struct xsentence *s, const struct xmoney *m)
{
	const char *t = s->text;
	size_t clause = clause_from(t, m->start);
	if (m->start - clause > 90)
		clause = m->start - 90;
	size_t near_end = m->end + 30 < s->len ? m->end + 30 : s->len;
	if (has_any(t, clause, m->start, planned_words, NWORDS(planned_words)) &&
	    !xfind_ci(t, clause, m->start, "actual"))
		return true;
	return xfind_ci(t, m->end, near_end, " will be ") || xfind_ci(t, m->end, near_end, "is planned") ||
	       xfind_ci(t, m->end, near_end, "was planned") || xfind_ci(t, m->end, near_end, "was arranged");
}

/* Loans and their subsidies: FUND_NCATEGORIES when neither. */
static enum fund_category loan_category(const struct xctx *c, const struct xsentence *s, const struct xmoney *m)
{
	const char *t = s->text;
	size_t clause = clause_from(t, m->start);
	size_t end = m->end + 100 < s->len ? m->end + 100 : s->len;
	if (has_any(t, clause, end, subsidy_words, NWORDS(subsidy_words)) ||
	    (c->topic && has_any(c->topic, 0, strlen(c->topic), subsidy_words, NWORDS(subsidy_words))))
		return FUND_LOAN_SUBSIDY;
	if (has_any(t, clause, m->end + 25 < s->len ? m->end + 25 : s->len, loan_words, NWORDS(loan_words)))
		return xcontains_word(t, clause, end, "interest") ? FUND_LOAN_SUBSIDY : FUND_LOAN;
	return FUND_NCATEGORIES;
}

static enum fund_category giver_category(const char *t, size_t from, size_t to, bool enterprise_donor)
{
	if (has_any(t, from, to, social_givers, NWORDS(social_givers)))
		return FUND_SOCIAL;
	if (has_any(t, from, to, government_bodies, NWORDS(government_bodies)))
		return FUND_GOVERNMENT;
	if (enterprise_donor || has_any(t, from, to, enterprise_givers, NWORDS(enterprise_givers)))
		return FUND_ENTERPRISE;
	if (has_any(t, from, to, government_givers, NWORDS(government_givers)))
		return FUND_GOVERNMENT;
	return FUND_NCATEGORIES;
}

/* Investment and trade: FUND_NCATEGORIES when neither. An amount invested
 * by enterprises is investment; one invested by a government in its
 * partner's projects is aid. */
static enum fund_category deal_category(const struct xctx *c, const struct xsentence *s, const struct xmoney *m,
					size_t subj_from, size_t subj_to)
{
	const char *t = s->text;
	size_t clause = clause_from(t, m->start);
	size_t from = subj_from < clause ? subj_from : clause;
	size_t after = m->end + 40 < s->len ? m->end + 40 : s->len;
	/* "attracted 40 enterprises to invest in a zone, and invested 2
	 * billion": a clause joined by "and" shares the deal of the one before */
	size_t a = clause;
	while (a < m->start && t[a] == ' ')
		a++;
	if (a > 0 && clause < m->start && xword_at(t, a, "and") && clause_from(t, clause - 1) < from)
		from = clause_from(t, clause - 1);
	/* cues belong to the nearest amount: none from before the one before */
	for (size_t i = 0; i < s->nmoney; i++) {
		if (s->money[i].end <= m->start && s->money[i].end > from)
			from = s->money[i].end;
		if (s->money[i].start >= m->end && s->money[i].start < after)
			after = s->money[i].start;
	}
	for (size_t i = m->end; i < after; i++)
		if (t[i] == ',' || t[i] == ';')
			after = i;
	if (has_any(t, subj_to > from ? subj_to : from, m->start, gift_verbs, NWORDS(gift_verbs)))
		return FUND_NCATEGORIES;
	bool project_size = xfind_ci(t, from, m->start, "total investment") &&
			    !has_any(t, from, m->start, aid_project_words, NWORDS(aid_project_words));
	bool deal = has_any(t, from, m->start, investment_words, NWORDS(investment_words)) ||
		    xfind_ci(t, m->end, after, "was introduced") || xfind_ci(t, m->end, after, "was attracted") ||
		    xfind_ci(t, m->end, after, "were introduced") || xfind_ci(t, m->end, after, "was signed") ||
		    (xfind_ci(t, m->end, after, "invested") &&
		     has_any(t, 0, m->start, investment_words, NWORDS(investment_words))) ||
		    xfind_ci(t, m->end, after, "investment") ||
		    (xcontains_word(t, subj_from, m->start, "invest") &&
		     giver_category(t, subj_from, subj_to, false) == FUND_ENTERPRISE) ||
		    (c->topic && xcontains_word(t, subj_to, m->start, "invest") &&
		     (xfind_ci(c->topic, 0, strlen(c->topic), "trade") ||
		      xfind_ci(c->topic, 0, strlen(c->topic), "merchant") ||
		      xfind_ci(c->topic, 0, strlen(c->topic), "economic")));
	if (!deal)
		/* "a building of 6160 square meters and a total investment of
		 * X": what the project costs, whoever pays */
		return project_size ? FUND_PROJECT_COST : FUND_NCATEGORIES;
	if (has_any(t, from, after, trade_words, NWORDS(trade_words)) ||
	    (xcontains_word(t, from, m->start, "trade") && !xcontains_word(t, from, m->start, "project") &&
	     !xcontains_word(t, from, m->start, "cooperation")))
		return FUND_TRADE;
	return FUND_INVESTMENT;
}

/* "of which 12 million yuan was from the governments": a part names its
 * giver after the amount. */
static void giver_after(const struct xsentence *s, const struct xmoney *m, size_t *from, size_t *to)
{
	const char *t = s->text;
	size_t end = m->end;
	while (end < s->len && t[end] != ',' && t[end] != ';' && end < m->end + 60)
		end++;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].start >= m->end && s->money[i].start < end)
			end = s->money[i].start; /* the next amount names its own giver */
	const char *f = xfind_ci(t, m->end, end, " from ");
	const char *b = xfind_ci(t, m->end, end, " by ");
	const char *p = f ? f : b;
	*from = *to = 0;
	if (p) {
		*from = (size_t)(p - t);
		*to = end;
	}
}

/* Aid, told apart by its giver. */
static enum fund_category aid_category(const struct xctx *c, const struct xsentence *s, const struct xmoney *m,
				       size_t subj_from, size_t subj_to, size_t donor)
{
	const char *t = s->text;
	const struct region *d = gazetteer_region(c->g, donor);
	bool enterprise_donor = d && strcmp(d->type, "enterprise") == 0;
	size_t af, at;
	giver_after(s, m, &af, &at);
	enum fund_category by = af < at ? giver_category(t, af, at, false) : FUND_NCATEGORIES;
	if (by != FUND_NCATEGORIES)
		return by;
	size_t wide = m->start > 150 ? m->start - 150 : 0;
	size_t after = m->end + 40 < s->len ? m->end + 40 : s->len;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].end <= m->start && s->money[i].end > wide)
			wide = s->money[i].end; /* another amount's words are its own */
	if (xfind_ci(t, wide, m->start, "social donation") || xfind_ci(t, wide, m->start, "all circles of society") ||
	    xfind_ci(t, m->end, after, "social donation"))
		return FUND_SOCIAL;
	if (has_any(t, subj_to, after, public_money, NWORDS(public_money)))
		return FUND_GOVERNMENT;
	enum fund_category subj = giver_category(t, subj_from, subj_to, enterprise_donor);
	if (subj != FUND_NCATEGORIES)
		return subj;
	/* a place that donates is a government body, unless the public gave
	 * through it (charities, social forces) */
	if (xcontains_word(t, subj_to, m->start, "donat") &&
	    (xcontains_word(t, wide, m->start, "charit") || xcontains_word(t, wide, m->start, "social forces")))
		return FUND_SOCIAL;
	return FUND_GOVERNMENT;
}

enum fund_category xfund_category(const struct xctx *c, const struct xsentence *s, const struct xmoney *m,
				  size_t donor)
{
	if (is_planned(s, m))
		return FUND_PLANNED;
	enum fund_category loan = loan_category(c, s, m);
	if (loan != FUND_NCATEGORIES)
		return loan;
	size_t subj_from, subj_to;
	subject_span(s, m, &subj_from, &subj_to);
	enum fund_category deal = deal_category(c, s, m, subj_from, subj_to);
	if (deal != FUND_NCATEGORIES)
		return deal;
	return aid_category(c, s, m, subj_from, subj_to, donor);
}
