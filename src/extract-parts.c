#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract-internal.h"

/* Wholes and parts in prose. A whole is never added to its parts
 * downstream, so a wrong link loses money: a part is linked only when the
 * text says so ("X, of which Y", "X, including Y and Z", "Among them, Y")
 * and the parts fit in the whole, or when arithmetic says so (amounts in
 * the sentences after "a total of X ..., of which Y" that, with Y, add up
 * to X within 1%). */

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* Words after a whole that introduce its parts. */
static const char *const part_cues[] = {
	"of which", "including", "among which", "among them", "in which", "of this", "of these",
	"of the total", "among these",
};

/* A sentence that opens with one of these continues the previous
 * sentence's last amount with its parts ("Among them, ..."). */
static const char *const opening_cues[] = {
	"among them", "of which", "of this", "of these", "of the total", "among which", "including",
	"among these", "in which",
};

/* Slack for rounding ("more than", figures rounded to 0.01 million). */
static bool within_percent(int64_t sum, int64_t whole)
{
	int64_t slack = whole / 100;
	return sum >= whole - slack && sum <= whole + slack;
}

static bool fits(int64_t sum, int64_t whole)
{
	return sum <= whole + whole / 100;
}

/* Parts the text itself announces ("X, of which A, B and C") may be
 * rounded each: a little more slack. */
static bool fits_announced(int64_t sum, int64_t whole)
{
	return sum <= whole + whole * 3 / 100;
}

static void link(struct xctx *c, long part, long whole)
{
	if (part >= 0 && whole >= 0 && part != whole)
		c->out->funds[part].whole_index = whole;
}

/* The first part cue after the amount mi, close to it (in its clause or
 * the next), or NULL. */
static const char *cue_after(const struct xsentence *s, size_t mi)
{
	size_t from = s->money[mi].end, to = from + 150 < s->len ? from + 150 : s->len;
	if (mi + 1 < s->nmoney && s->money[mi + 1].start < to)
		to = s->money[mi + 1].start;
	for (size_t i = 0; i < NWORDS(part_cues); i++) {
		const char *p = xfind_ci(s->text, from, to, part_cues[i]);
		if (p && (p == s->text || !isalpha((unsigned char)p[-1])))
			return p;
	}
	return NULL;
}

/* Links the amounts after the whole's cue to it, while they fit in it.
 * Returns the sum of the parts linked. */
static int64_t link_following(struct xctx *c, const struct xsentence *s, const long *fund_of, size_t from_money,
			      long whole)
{
	int64_t total = c->out->funds[whole].amount_yuan, sum = 0;
	for (size_t k = from_money; k < s->nmoney; k++) {
		if (fund_of[k] < 0)
			continue;
		int64_t y = c->out->funds[fund_of[k]].amount_yuan;
		if (y >= total || !fits_announced(sum + y, total))
			break;
		link(c, fund_of[k], whole);
		sum += y;
	}
	return sum;
}

static bool opens_with_cue(const struct xsentence *s)
{
	for (size_t i = 0; i < NWORDS(opening_cues); i++)
		if (xword_at(s->text, 0, opening_cues[i]))
			return true;
	return false;
}

/* Amounts of this sentence that, added to the parts of the open whole
 * (from the sentences before), make it up: the arithmetic link. The
 * whole stays open while its parts still fit in it. */
static void continue_open_whole(struct xctx *c, const struct xsentence *s, const long *fund_of)
{
	if (c->open_whole < 0)
		return;
	int64_t total = c->out->funds[c->open_whole].amount_yuan;
	for (size_t k = 0; k < s->nmoney; k++) {
		if (fund_of[k] < 0)
			continue;
		int64_t y = c->out->funds[fund_of[k]].amount_yuan;
		if (y >= total || !fits(c->open_sum + y, total) || c->nopen_parts >= MAX_OPEN_PARTS) {
			c->open_whole = -1;
			return;
		}
		c->open_parts[c->nopen_parts++] = fund_of[k];
		c->open_sum += y;
		if (within_percent(c->open_sum, total)) {
			for (size_t i = 0; i < c->nopen_parts; i++)
				link(c, c->open_parts[i], c->open_whole);
			c->open_whole = -1;
			return;
		}
	}
}

/* Words in brackets after an amount that compare it, not split it
 * ("6 million (5 million in 2013)" is caught by the year). */
static const char *const comparison_cues[] = {
	"than", "up", "down", "increase", "decrease", "compared", "over", "last year", "previous",
};

/* "set aside 700,000 yuan (300,000 yuan paid)": an amount opening the
 * brackets right after another, smaller and of its year, is a part of it. */
static void link_bracketed(struct xctx *c, const struct xsentence *s, const long *fund_of, size_t i)
{
	size_t p = s->money[i].end;
	while (p < s->len && s->text[p] == ' ')
		p++;
	if (p >= s->len || s->text[p] != '(' || i + 1 >= s->nmoney || fund_of[i] < 0 || fund_of[i + 1] < 0)
		return;
	for (p++; p < s->money[i + 1].start; p++)
		if (s->text[p] != ' ')
			return;
	const char *close = memchr(s->text + p, ')', s->len - p);
	size_t to = close ? (size_t)(close - s->text) : s->len;
	for (size_t k = 0; k < NWORDS(comparison_cues); k++)
		if (xcontains_word(s->text, p, to, comparison_cues[k]))
			return;
	const struct fact_fund *w = &c->out->funds[fund_of[i]], *part = &c->out->funds[fund_of[i + 1]];
	if (part->amount_yuan < w->amount_yuan && part->year == w->year && part->from_year == w->from_year)
		link(c, fund_of[i + 1], fund_of[i]);
}

/* The words before an amount that make it the sum of what came before it
 * in its sentence ("..., so the aid of the year totalled 13 million"). */
static const char *const sum_cues[] = {
	"amounted to", "amounting to", "added up to", "adding up to", "totaling", "totalling", "totaled",
	"totalled", "a total of", "in total", "altogether",
};

static bool sum_cue_before(const struct xsentence *s, size_t mi)
{
	size_t from = mi > 0 ? s->money[mi - 1].end : 0, to = s->money[mi].end;
	for (size_t k = 0; k < NWORDS(sum_cues); k++)
		if (xcontains_word(s->text, from, to, sum_cues[k]))
			return true;
	return false;
}

/* "with 9 million planned and 4 million more raised, the aid of the
 * year totalled 13 million": the sentence's last amount, said to be a sum,
 * is the sum of the two or more amounts before it (within 1%). A budget
 * summed into given money was given: it takes the whole's category. */
static void link_summed_before(struct xctx *c, const struct xsentence *s, const long *fund_of)
{
	size_t last = s->nmoney - 1;
	if (s->nmoney < 3 || fund_of[last] < 0 || !sum_cue_before(s, last))
		return;
	struct fact_fund *w = &c->out->funds[fund_of[last]];
	int64_t sum = 0;
	for (size_t k = 0; k < last; k++) {
		const struct fact_fund *p = fund_of[k] >= 0 ? &c->out->funds[fund_of[k]] : NULL;
		if (!p || p->whole_index >= 0 || p->year != w->year || p->from_year != w->from_year)
			return;
		sum += p->amount_yuan;
	}
	if (!within_percent(sum, w->amount_yuan))
		return;
	for (size_t k = 0; k < last; k++) {
		struct fact_fund *p = &c->out->funds[fund_of[k]];
		if (fund_kind_of(p->category) == KIND_PLANNED && fund_kind_of(w->category) == KIND_AID)
			p->category = w->category;
		link(c, fund_of[k], fund_of[last]);
	}
}

void xparts_sentence(struct xctx *c, const struct xsentence *s, const long *fund_of)
{
	continue_open_whole(c, s, fund_of);
	for (size_t i = 0; i < s->nmoney; i++)
		link_bracketed(c, s, fund_of, i);
	if (s->nmoney > 0)
		link_summed_before(c, s, fund_of);
	size_t start = 0;
	if (opens_with_cue(s) && c->last_fund >= 0) {
		/* "Of this, 35 firms donated 2.48 million yuan" */
		link_following(c, s, fund_of, 0, c->last_fund);
		start = s->nmoney;
	}
	for (size_t i = start; i < s->nmoney; i++) {
		if (fund_of[i] < 0 || !cue_after(s, i))
			continue;
		int64_t sum = link_following(c, s, fund_of, i + 1, fund_of[i]);
		int64_t total = c->out->funds[fund_of[i]].amount_yuan;
		/* "a total of X ..., of which Y ...": the rest may follow */
		if (sum > 0 && !within_percent(sum, total) && c->open_whole < 0) {
			c->open_whole = fund_of[i];
			c->open_sum = sum;
			c->nopen_parts = 0;
		}
	}
	for (size_t i = s->nmoney; i-- > 0;)
		if (fund_of[i] >= 0) {
			c->last_fund = fund_of[i];
			break;
		}
}
