#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"

/* The year of an amount: a span ("from 2006 to 2010"), a cumulative figure
 * ("as of the end of 2009", "over the past 14 years"), the nearest year the
 * sentence states, else the paragraph's, else the report's. */

static const struct {
	const char *word;
	int n;
} count_words[] = {
	{ "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 }, { "six", 6 }, { "seven", 7 },
	{ "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 }, { "twelve", 12 },
	{ "fifteen", 15 }, { "twenty", 20 }, { "decade", 10 },
};

/* Whether the text just before offset pos ends with word (after blanks). */
static bool ends_with_word(const char *t, size_t pos, const char *word)
{
	size_t n = strlen(word);
	while (pos > 0 && t[pos - 1] == ' ')
		pos--;
	return pos >= n && strncasecmp(t + pos - n, word, n) == 0 &&
	       (pos == n || !isalpha((unsigned char)t[pos - n - 1]));
}

/* Years i and i+1 written as "from Y1 to (early) Y2" or "between Y1 and Y2". */
static bool span_at(const struct xsentence *s, size_t i)
{
	if (i + 1 >= s->nyears)
		return false;
	const struct xyear *a = &s->years[i], *b = &s->years[i + 1];
	if (b->start - a->end > 16)
		return false;
	if (ends_with_word(s->text, a->start, "from") && xfind_ci(s->text, a->end, b->start, " to "))
		return true;
	return ends_with_word(s->text, a->start, "between") && xfind_ci(s->text, a->end, b->start, " and ");
}

static int context_year(const struct xctx *c)
{
	if (c->para_year)
		return c->para_year;
	return c->r->year ? c->r->year : c->last_year;
}

/* "over the past 14 years", "in the past two years": N, or 0. */
static int past_years(const struct xsentence *s)
{
	const char *p = xfind_ci(s->text, 0, s->len, "past ");
	if (!p)
		return 0;
	p += 5;
	if (isdigit((unsigned char)*p)) {
		char *end;
		long n = strtol(p, &end, 10);
		/* a span longer than the programme is not a span of it */
		return n > 0 && n <= 100 && strncasecmp(end, " year", 5) == 0 ? (int)n : 0;
	}
	for (size_t w = 0; w < sizeof(count_words) / sizeof(count_words[0]); w++) {
		size_t n = strlen(count_words[w].word);
		if (strncasecmp(p, count_words[w].word, n) == 0 &&
		    (count_words[w].n == 10 || strncasecmp(p + n, " year", 5) == 0))
			return count_words[w].n;
	}
	return 0;
}

/* The year a sentence dates itself by ("In 2012, over the past three
 * years ..."): its first year that is not a comparison, a span's end or a
 * "since", else 0. */
static int sentence_year(const struct xsentence *s)
{
	for (size_t i = 0; i < s->nyears; i++) {
		const struct xyear *y = &s->years[i];
		if (y->comparison || ends_with_word(s->text, y->start, "since") ||
		    ends_with_word(s->text, y->start, "from") || ends_with_word(s->text, y->start, "between"))
			continue;
		return y->year;
	}
	return 0;
}

/* "over the past N years", counted back from the sentence's own year,
 * else from the stated start ("since 1996"), else the paragraph's year,
 * else the report's. */
static int past_span_year(const struct xctx *c, const struct xsentence *s, int n, int *from_year)
{
	int year;
	int bound = c->max_year > c->r->year ? c->max_year : c->r->year;
	int own = sentence_year(s);
	if (own && (!c->since_year || c->since_year >= own)) {
		*from_year = own - n + 1;
		return own;
	}
	if (c->since_year && c->since_year + n <= bound)
		year = c->since_year + n;
	else if (c->para_year && !c->since_year)
		year = c->para_year; /* "In 2012, ... Over the past three years, ..." */
	else if (c->r->year && c->r->year <= c->max_year)
		year = c->r->year;
	else
		year = c->last_year ? c->last_year : c->r->year;
	*from_year = c->since_year && c->since_year < year ? c->since_year : year - n + 1;
	return year;
}

/* "as of (the end of) 2011", "by the end of June 2011", "as of 2009". */
static bool cumulative_to(const struct xsentence *s, const struct xyear *y)
{
	size_t from = y->start > 30 ? y->start - 30 : 0;
	return xfind_ci(s->text, from, y->start, "as of") || xfind_ci(s->text, from, y->start, "by the end of") ||
	       ends_with_word(s->text, y->start, "by");
}

/* "increasing from 20 million yuan (before 2012) to 85.3 million yuan": the
 * first figure is the year before's. */
static bool earlier_figure(const struct xsentence *s, size_t pos)
{
	if (!ends_with_word(s->text, pos, "from"))
		return false;
	for (size_t i = 0; i < s->nmoney; i++)
		if (s->money[i].start == pos || s->money[i].num_start == pos) {
			size_t e = s->money[i].end;
			const char *to = xfind_ci(s->text, e, e + 20 < s->len ? e + 20 : s->len, " to ");
			return to && (i + 1 < s->nmoney);
		}
	return false;
}

/* "from 80 million yuan in 2013": a year right after the amount is its own. */
static int year_right_after(const struct xsentence *s, size_t pos)
{
	for (size_t i = 0; i < s->nmoney; i++) {
		if (s->money[i].start != pos && s->money[i].num_start != pos)
			continue;
		for (size_t y = 0; y < s->nyears; y++)
			if (s->years[y].start >= s->money[i].end && s->years[y].start - s->money[i].end <= 5 &&
			    xfind_ci(s->text, s->money[i].end, s->years[y].start, " in "))
				return s->years[y].year;
	}
	return 0;
}

static int stated_year(const struct xctx *c, const struct xsentence *s, size_t pos, int *from_year)
{
	const struct xyear *before = NULL;
	int own = year_right_after(s, pos);
	if (own)
		return own;
	for (size_t i = 0; i < s->nyears; i++) {
		if (s->years[i].end > pos)
			break;
		if (span_at(s, i) && s->years[i + 1].end <= pos + 40) {
			*from_year = s->years[i].year;
			return s->years[i + 1].year;
		}
		bool future = c->r->year && s->years[i].year > c->r->year && pos - s->years[i].end > 60;
		if ((!s->years[i].comparison && !future) ||
		    (pos - s->years[i].end <= 4 && xfind_ci(s->text, s->years[i].end, pos, "(")))
			before = &s->years[i];
	}
	if (before && ends_with_word(s->text, before->start, "since")) {
		/* "Since 1996, X has provided a total of ...": up to now */
		*from_year = before->year;
		int now = c->r->year ? c->r->year : context_year(c);
		return now > before->year ? now : before->year;
	}
	if (before) {
		if (cumulative_to(s, before))
			*from_year = c->since_year && c->since_year < before->year ? c->since_year : 0;
		return before->year;
	}
	for (size_t i = 0; i < s->nyears; i++) {
		if (s->years[i].start < pos || s->years[i].start > pos + 60 || s->years[i].comparison)
			continue;
		if (span_at(s, i) || (i + 1 < s->nyears && s->years[i + 1].start - s->years[i].end <= 6 &&
				      xfind_ci(s->text, s->years[i].end, s->years[i + 1].start, "and"))) {
			*from_year = s->years[i].year;
			return s->years[i + 1].year;
		}
		return s->years[i].year;
	}
	return 0;
}

/* Words that make a figure a running total whose start is not stated. */
static bool cumulative_words(const struct xsentence *s)
{
	static const char *const words[] = {
		"so far", "accumulatively", "cumulatively", "accumulated", "in accumulation", "up to now",
		"to date", "over the years", "in recent years", "until now", "till now", "in total since",
	};
	return xcontains_any_word(s->text, 0, s->len, words, sizeof(words) / sizeof(words[0]));
}

int xyear_for(const struct xctx *c, const struct xsentence *s, size_t pos, int *from_year)
{
	*from_year = -1;
	int year = 0, n = past_years(s);
	bool earlier = earlier_figure(s, pos);
	if (n && !earlier)
		return past_span_year(c, s, n, from_year);
	year = stated_year(c, s, pos, from_year);
	if (!year && c->span_to) {
		*from_year = c->span_from;
		year = c->span_to;
	}
	if (!year)
		year = context_year(c);
	if (earlier)
		year--;
	if (*from_year < 0)
		*from_year = year;
	if (*from_year == year && cumulative_words(s))
		*from_year = c->since_year && c->since_year < year ? c->since_year : 0;
	return year;
}

static void note_since(struct xctx *c, const struct xsentence *s)
{
	for (size_t i = 0; i < s->nyears; i++) {
		const char *since = xfind_ci(s->text, 0, s->years[i].start, "since");
		if (since && (since == s->text || s->years[i].start - (size_t)(since - s->text) < 120)) {
			/* the earliest start stated is where cumulative figures begin */
			if (!c->since_year || s->years[i].year < c->since_year)
				c->since_year = s->years[i].year;
			return;
		}
	}
}

void xyears_after_sentence(struct xctx *c, const struct xsentence *s)
{
	int n = past_years(s);
	if (n && !c->span_to) {
		int from;
		int to = past_span_year(c, s, n, &from);
		c->span_from = from;
		c->span_to = to;
	}
	if (s->nyears == 0)
		return;
	for (size_t i = 0; i < s->nyears && !c->para_year; i++)
		if (!s->years[i].comparison && (!c->r->year || s->years[i].year <= c->r->year))
			c->para_year = s->years[i].year;
	for (size_t i = 0; i < s->nyears; i++) {
		if (cumulative_to(s, &s->years[i]) && (!c->r->year || s->years[i].year <= c->r->year)) {
			c->span_to = s->years[i].year;
			c->span_from = c->since_year && c->since_year < c->span_to ? c->since_year : 0;
		}
		if (span_at(s, i)) {
			c->span_from = s->years[i].year;
			c->span_to = s->years[i + 1].year;
			c->para_year = 0;
		}
		if (s->years[i].year > c->max_year)
			c->max_year = s->years[i].year;
	}
	c->last_year = s->years[s->nyears - 1].year;
	note_since(c, s);
}

/* Whether a "since" clause leads to the year at pos: "since 1996", "since
 * April 2006", "Since the State Council designated A to ... in 1996". */
static bool since_before(const char *t, size_t pos)
{
	size_t from = pos > 160 ? pos - 160 : 0;
	const char *hit = NULL;
	for (const char *h = xfind_ci(t, from, pos, "since "); h; h = xfind_ci(t, (size_t)(h - t) + 6, pos, "since "))
		hit = h;
	if (!hit || ((size_t)(hit - t) > 0 && isalpha((unsigned char)hit[-1])))
		return false;
	for (const char *p = hit; p < t + pos; p++)
		if (*p == ',' || *p == ';')
			return false;
	return true;
}

/* The year a "since" clause of the sentence states, 0 when none does. */
int xsince_clause_year(const struct xsentence *s)
{
	for (size_t i = 0; i < s->nyears; i++)
		if (!s->years[i].comparison && since_before(s->text, s->years[i].start))
			return s->years[i].year;
	return 0;
}
