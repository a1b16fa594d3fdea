#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* What the importer corrected or could not reconcile: misspelled names it
 * resolved, a donor province named in another pair's context, topics whose
 * opening bracket is missing, growth rates that do not match their figures
 * (table totals are checked in extract-tables.c). */

void xanomalies_paragraph(struct xctx *c, const struct report_paragraph *p)
{
	if (p->topic_bracket_missing)
		xanomaly(c, "missing-bracket", p->topic, "topic \"%s\" lacks its opening bracket",
			 p->topic ? p->topic : "");
}

static void misspellings(struct xctx *c, const struct xsentence *s)
{
	for (size_t i = 0; i < s->nplaces; i++) {
		const struct xplace *p = &s->places[i];
		if (!p->misspelled)
			continue;
		char *spelled = xstrndup(s->text + p->start, p->end - p->start);
		xanomaly(c, "misspelling", spelled, "\"%s\" read as %s", spelled, xname(c, p->region));
		free(spelled);
	}
}

static const char *const action_verbs[] = {
	"sent", "invested", "donated", "implemented", "provided", "issued", "allocated", "raised",
	"put", "supported", "helped", "built", "organized", "trained", "signed",
};

/* After the name: "Province", adverbs ("successively"), then a verb of aid;
 * or a possessive ("Zhejiang's achievements"). */
static bool acts_here(const struct xsentence *s, size_t end)
{
	const char *t = s->text + end;
	if (strncmp(t, "'s", 2) == 0 || strncmp(t, "\xE2\x80\x99s", 4) == 0)
		return true;
	for (int guard = 0; guard < 4; guard++) {
		while (*t == ' ')
			t++;
		size_t n = 0;
		while (isalpha((unsigned char)t[n]))
			n++;
		if (n == 0)
			return false;
		if ((n == 8 && strncasecmp(t, "Province", 8) == 0) || (n > 3 && strncasecmp(t + n - 2, "ly", 2) == 0)) {
			t += n;
			continue;
		}
		for (size_t v = 0; v < sizeof(action_verbs) / sizeof(action_verbs[0]); v++)
			if (strlen(action_verbs[v]) == n && strncasecmp(t, action_verbs[v], n) == 0)
				return true;
		return false;
	}
	return false;
}

/* A donor province of another pair named as acting here. */
static void wrong_province(struct xctx *c, const struct xsentence *s)
{
	if (c->donor == GAZ_NONE)
		return;
	size_t own = gazetteer_province_of(c->g, c->donor);
	for (size_t i = 0; i < s->nplaces; i++) {
		size_t reg = s->places[i].region;
		const struct region *r = gazetteer_region(c->g, reg);
		if (gazetteer_province_of(c->g, reg) != reg || reg == own || !r->side || strcmp(r->side, "east") != 0)
			continue;
		if (!acts_here(s, s->places[i].end))
			continue;
		char *named = xstrndup(s->text + s->places[i].start, s->places[i].end - s->places[i].start);
		xanomaly(c, "wrong-province", named, "\"%s\" named as the actor in the %s - %s context; read as %s",
			 named, xname(c, c->donor), xname(c, c->recipient), xname(c, c->donor));
		free(named);
	}
}

/* "up 18% from B yuan": the earlier figure named right after the rate. */
static size_t money_after_from(const struct xsentence *s, size_t pct_pos)
{
	const char *from = xfind_ci(s->text, pct_pos, pct_pos + 16 < s->len ? pct_pos + 16 : s->len, " from ");
	if (!from)
		return (size_t)-1;
	size_t at = (size_t)(from - s->text) + 6;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].start >= at && s->money[i].start <= at + 12)
			return i;
	return (size_t)-1;
}

/* "A yuan, D yuan more than the year before (B yuan), up N%", or "from B to
 * A, up N%": the stated rate must follow from the figures it joins. */
static void check_rate(struct xctx *c, const struct xsentence *s, size_t pct_pos, double stated, int decimals,
		       size_t first_money)
{
	size_t n = 0, idx[3];
	for (size_t i = first_money; i < s->nmoney && s->money[i].end <= pct_pos; i++) {
		if (n == 3)
			memmove(idx, idx + 1, 2 * sizeof(idx[0])), n = 2;
		idx[n++] = i;
	}
	double now, before;
	size_t later;
	if (n == 3 && llabs((long long)(s->money[idx[0]].yuan - s->money[idx[1]].yuan - s->money[idx[2]].yuan)) <= 1) {
		now = (double)s->money[idx[0]].yuan;
		before = (double)s->money[idx[2]].yuan;
	} else if (n >= 1 && (later = money_after_from(s, pct_pos)) != (size_t)-1) {
		now = (double)s->money[idx[n - 1]].yuan;
		before = (double)s->money[later].yuan;
	} else if (n >= 2 && xfind_ci(s->text, 0, s->money[idx[n - 2]].start, "from") &&
		   xfind_ci(s->text, s->money[idx[n - 2]].end, s->money[idx[n - 1]].start, " to ")) {
		before = (double)s->money[idx[n - 2]].yuan;
		now = (double)s->money[idx[n - 1]].yuan;
	} else {
		return;
	}
	if (before <= 0)
		return;
	double rate = (now - before) / before * 100.0;
	double tolerance = 0.5;
	for (int d = 0; d < decimals; d++)
		tolerance /= 10.0;
	tolerance += 0.01;
	if (rate - stated > tolerance || stated - rate > tolerance) {
		char *q = xstrndup(s->text + s->money[idx[0]].start, pct_pos - s->money[idx[0]].start + 1);
		xanomaly(c, "growth-rate", q, "stated growth of %.*f%% but the figures give %.2f%%", decimals, stated,
			 rate);
		free(q);
	}
}

static void growth_rates(struct xctx *c, const struct xsentence *s)
{
	size_t first_money = 0;
	for (size_t i = 0; i < s->len; i++) {
		if (s->text[i] != '%')
			continue;
		size_t b = i;
		while (b > 0 && (isdigit((unsigned char)s->text[b - 1]) || s->text[b - 1] == '.'))
			b--;
		if (b == i)
			continue;
		size_t w = b;
		while (w > 0 && s->text[w - 1] == ' ')
			w--;
		bool growth = (w >= 2 && strncasecmp(s->text + w - 2, "up", 2) == 0) ||
			      (w >= 2 && strncasecmp(s->text + w - 2, "of", 2) == 0 &&
			       xfind_ci(s->text, w > 20 ? w - 20 : 0, w, "increase"));
		const char *dot = memchr(s->text + b, '.', i - b);
		int decimals = dot ? (int)(s->text + i - dot - 1) : 0;
		if (growth)
			check_rate(c, s, b, atof(s->text + b), decimals, first_money);
		while (first_money < s->nmoney && s->money[first_money].end <= i)
			first_money++;
	}
}

void xanomalies_sentence(struct xctx *c, const struct xsentence *s)
{
	misspellings(c, s);
	wrong_province(c, s);
	growth_rates(c, s);
}
