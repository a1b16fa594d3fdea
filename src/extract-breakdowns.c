#include "config.h"

#include <ctype.h>
#include <string.h>

#include "extract-internal.h"

/* Breakdowns: a figure stated first and then split, without "of which", over
 * the sentences after it in its paragraph ("X gave 10 million in total. It
 * put 4 million into roads; 3 million into schools."). The sentence rules
 * (extract-parts.c) see one sentence; these see the paragraph once it is
 * read, through the list of its amounts that xbreakdowns_note keeps.
 *
 * A wrong link loses money downstream (a part is never added to its whole),
 * so each rule needs two things: something that says the later amounts
 * belong to the earlier one, and amounts that fit in it: the same giver or
 * places inside it, the same receiver or places inside it, the same time
 * and kind of money (of a list: the same category), each smaller than the
 * whole and together no more. */

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* A breakdown's parts, at most, and how far after its whole they are
 * looked for, in amounts of the paragraph (one listing more is a table in
 * prose, seldom one figure's parts; this also bounds the work on a
 * paragraph of thousands of amounts). */
#define MAX_PARTS 32
#define MAX_REACH 128

/* The whole's words: the figure is a sum ("a total of 9 million"). */
static const char *const total_cues[] = {
	"a total of", "in total", "totaling", "totalling", "totaled", "totalled", "altogether", "in all",
};

/* Words that put money on top of what was said before, not inside it
 * ("It also gave ...", "In addition, ..."). */
static const char *const addition_cues[] = {
	"also", "in addition", "besides", "additionally", "moreover", "furthermore", "another", "extra",
	"apart from", "on top of",
};

/* Items of an enumeration ("First, ...", "Secondly, ..."): what the
 * sentence before them announced, one by one. */
static const char *const ordinals[] = {
	"first", "firstly", "second", "secondly", "third", "thirdly", "fourth", "fourthly", "fifth",
	"fifthly", "sixth", "sixthly", "seventh", "seventhly", "eighth", "eighthly", "finally", "lastly",
};

/* The pronoun that opens a sentence about the giver of the sentence before
 * ("They" may be anyone the sentence named). */
static const char *const pronouns[] = { "it" };

static bool any_word(const char *t, size_t from, size_t to, const char *const *words, size_t n)
{
	return from < to && xcontains_any_word(t, from, to, words, n);
}

/* The length of the sentence's first word. */
static size_t first_word_len(const struct xsentence *s)
{
	size_t n = 0;
	while (n < s->len && isalpha((unsigned char)s->text[n]))
		n++;
	return n;
}

/* The sentence opens with one of words[] (single words). */
static bool first_word_in(const struct xsentence *s, const char *const *words, size_t n)
{
	size_t len = first_word_len(s);
	return len > 0 && xword_in(s->text, len, words, n);
}

/* Where amount mi's own words begin: after the amount before it, in its
 * clause, at most 120 bytes back. */
static size_t words_start(const struct xsentence *s, size_t mi)
{
	const struct xmoney *m = &s->money[mi];
	size_t from = xclause_start(s->text, m->start, 0);
	if (m->start - from > 120)
		from = m->start - 120;
	if (mi > 0 && s->money[mi - 1].end > from && s->money[mi - 1].end <= m->start)
		from = s->money[mi - 1].end;
	return from;
}

static size_t region_of(const struct xctx *c, const char *name)
{
	return name && *name ? gazetteer_lookup(c->g, name) : GAZ_NONE;
}

void xbreakdowns_begin(struct xctx *c, bool continues)
{
	struct xpara_fund last = { .fund = -1 };
	if (continues && c->npara_funds > 0)
		last = c->para_funds[c->npara_funds - 1];
	c->npara_funds = 0;
	c->para_sentence = c->para_times = 0;
	c->para_items = c->para_pronoun = c->para_semicolon = false;
	if (last.fund >= 0) {
		/* the figure that ends a paragraph may be summed up by the next */
		last.carried = true;
		last.sentence = last.time_no = 0;
		*ARRAY_PUSH(c->para_funds, c->npara_funds, c->cap_para_funds) = last;
	}
}

/* A sentence that opens with its time ("In March, ...", "In 2012, ...")
 * tells of another event or period: a list before it ends there, even when
 * it states no money itself. */
static bool opens_with_time(const struct xsentence *s)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december",
	};
	static const char *const openers[] = { "in", "on", "from", "since", "by", "as", "at", "during" };
	if (!first_word_in(s, openers, NWORDS(openers)))
		return false;
	size_t end = xclause_end(s->text, 0, s->len);
	return (s->nyears > 0 && s->years[0].start < end) || any_word(s->text, 0, end, months, NWORDS(months));
}

/* A sentence after ';' that opens in lower case goes on with the subject
 * of the one before ("It built A; put 3 million into B"). */
static bool goes_on(const struct xctx *c, const struct xsentence *s)
{
	return c->para_semicolon && s->len > 0 && islower((unsigned char)s->text[0]);
}

void xbreakdowns_note(struct xctx *c, const struct xsentence *s, const long *fund_of)
{
	c->para_sentence++;
	if (first_word_in(s, ordinals, NWORDS(ordinals)) && s->text[first_word_len(s)] == ',')
		c->para_items = true;
	bool pronoun = first_word_in(s, pronouns, NWORDS(pronouns)) || (goes_on(c, s) && c->para_pronoun);
	if (opens_with_time(s))
		c->para_times++;
	c->para_pronoun = pronoun;
	c->para_semicolon = s->len > 0 && s->text[s->len - 1] == ';';
	bool addition = false; /* an addition's words before the amount (read on from the last one) */
	size_t read_to = 0;
	for (size_t i = 0; i < s->nmoney; i++) {
		if (fund_of[i] < 0 || c->out->funds[fund_of[i]].table_index >= 0)
			continue;
		addition = addition || any_word(s->text, read_to, s->money[i].start, addition_cues, NWORDS(addition_cues));
		read_to = s->money[i].start;
		const struct fact_fund *f = &c->out->funds[fund_of[i]];
		size_t from = words_start(s, i), to = xclause_end(s->text, s->money[i].end, s->len);
		*ARRAY_PUSH(c->para_funds, c->npara_funds, c->cap_para_funds) = (struct xpara_fund){
			.fund = fund_of[i],
			.donor = region_of(c, f->donor),
			.recipient = region_of(c, f->recipient),
			.sentence = c->para_sentence,
			.total_cue = any_word(s->text, from, to, total_cues, NWORDS(total_cues)),
			.addition = addition,
			.pronoun = pronoun,
			.in_item = c->para_items,
			.time_no = c->para_times,
		};
	}
}

/* --- whether a later amount may be a part of an earlier one ----------------- */

static const struct fact_fund *fund(const struct xctx *c, const struct xpara_fund *p)
{
	return &c->out->funds[p->fund];
}

static bool inside(const struct xctx *c, size_t part, size_t whole)
{
	return part != GAZ_NONE && whole != GAZ_NONE && gazetteer_within(c->g, part, whole);
}

/* The same giver or one inside it, the same receiver or one inside it (or
 * none told), the same time and kind of money, and less of it. */
static bool may_be_part(const struct xctx *c, const struct xpara_fund *part, const struct xpara_fund *whole)
{
	const struct fact_fund *p = fund(c, part), *w = fund(c, whole);
	return part->sentence > whole->sentence && inside(c, part->donor, whole->donor) &&
	       (part->recipient == GAZ_NONE || whole->recipient == GAZ_NONE ||
		inside(c, part->recipient, whole->recipient)) &&
	       p->year == w->year && p->from_year == w->from_year &&
	       fund_kind_of(p->category) == fund_kind_of(w->category) && p->amount_yuan < w->amount_yuan &&
	       !part->addition && p->nco_donors == 0 && w->nco_donors == 0;
}

static void link_all(struct xctx *c, long whole, const long *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		c->out->funds[parts[i]].whole_index = whole;
		c->out->funds[parts[i]].stated_total = false; /* a part is not the total */
	}
}

/* --- a sum: the amounts right after a figure add up to it ------------------- */

/* "15 million was issued ... 7 million went to A; 8 million to B." Two or
 * more amounts after the figure, in the sentences after it (in its
 * paragraph, or the next when it ends its own), that add up to it within
 * 1% (each rounded): arithmetic says they split it. Amounts already parts
 * of another are inside that one, counted through it. */
static void sum_after(struct xctx *c, size_t wi)
{
	const struct xpara_fund *w = &c->para_funds[wi];
	int64_t total = fund(c, w)->amount_yuan, sum = 0, slack = total / 100;
	long parts[MAX_PARTS];
	size_t n = 0;
	for (size_t k = wi + 1; k < c->npara_funds && k <= wi + MAX_REACH && n < MAX_PARTS; k++) {
		const struct xpara_fund *p = &c->para_funds[k];
		if (fund(c, p)->whole_index >= 0)
			continue;
		if (!may_be_part(c, p, w) || sum + fund(c, p)->amount_yuan > total + slack)
			return;
		parts[n++] = p->fund;
		sum += fund(c, p)->amount_yuan;
		if (n >= 2 && sum >= total - slack) {
			link_all(c, w->fund, parts, n);
			return;
		}
	}
}

/* --- a list: later amounts that the text ties to the figure ----------------- */

/* What says that a later amount belongs to the whole, when the amounts do
 * not add up to it: the whole is a sum ("a total of"), the part's giver is
 * a place inside the whole's and the whole opens the paragraph (a
 * province's figure, then its cities'; a city's figure met later in a
 * paragraph is often one more item of it, not its heading), the
 * part's sentence speaks of the whole's giver as "It", or the part is in an
 * item of an enumeration that the whole's sentence came before. Only the
 * first is strong: the others as often tell of money given besides (a
 * province's figure, then what its cities gave on their own), so a list
 * tied by them alone must nearly fill the whole (list_after). */
static bool tied(const struct xctx *c, const struct xpara_fund *part, const struct xpara_fund *whole)
{
	bool first = whole == &c->para_funds[0] || (whole == &c->para_funds[1] && c->para_funds[0].carried);
	return whole->total_cue || (first && part->donor != whole->donor && inside(c, part->donor, whole->donor)) ||
	       part->pronoun || (part->in_item && !whole->in_item);
}

/* A part is money of the whole's category: social donations or an
 * enterprise's gift told after a government's figure are given besides
 * it, even under "a total of" (a whole of any category is read as the
 * giver's own kind of money, there being no category for "all of it").
 * The amounts that add up (sum_after) need no such sign: arithmetic ties
 * them. */
static bool same_category(const struct xctx *c, const struct xpara_fund *part, const struct xpara_fund *whole)
{
	return fund(c, part)->category == fund(c, whole)->category;
}

/* A list whose ties are weak (no "a total of" on the whole) links only
 * when it breaks the whole down: its amounts fill at least 90% of it. */
static bool list_fills(const struct xpara_fund *whole, int64_t total, int64_t sum)
{
	return whole->total_cue || sum >= total - total / 10;
}

/* "X gave a total of 10 million. It put 4 million into A, 3 million into
 * B." The amounts after the whole that are tied to it, of its category,
 * and fit in it (their sum no more than it: the list may be partial when
 * the whole is said to be a sum, list_fills), up to the first
 * amount of its kind that is not, or a sentence that opens with another
 * time; money of another kind (an investment among aid) is passed over. */
static void list_after(struct xctx *c, size_t wi)
{
	const struct xpara_fund *w = &c->para_funds[wi];
	int64_t total = fund(c, w)->amount_yuan, sum = 0;
	long parts[MAX_PARTS];
	size_t n = 0;
	for (size_t k = wi + 1; k < c->npara_funds && k <= wi + MAX_REACH && n < MAX_PARTS; k++) {
		const struct xpara_fund *p = &c->para_funds[k];
		if (fund(c, p)->whole_index >= 0)
			continue;
		if (fund_kind_of(fund(c, p)->category) != fund_kind_of(fund(c, w)->category))
			continue;
		if (p->time_no != w->time_no || !may_be_part(c, p, w) || !same_category(c, p, w) ||
		    !tied(c, p, w) || sum + fund(c, p)->amount_yuan > total + total / 100)
			break;
		parts[n++] = p->fund;
		sum += fund(c, p)->amount_yuan;
	}
	if (list_fills(w, total, sum))
		link_all(c, w->fund, parts, n);
}

static bool may_be_whole(const struct xctx *c, const struct xpara_fund *w)
{
	return fund(c, w)->whole_index < 0 && fund_kind_of(fund(c, w)->category) == KIND_AID;
}

/* The record of fund f in the paragraph (they are in fund order), or NULL. */
static struct xpara_fund *record_of(struct xctx *c, long f)
{
	size_t lo = 0, hi = c->npara_funds;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->para_funds[mid].fund < f)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->npara_funds && c->para_funds[lo].fund == f ? &c->para_funds[lo] : NULL;
}

/* Marks the wholes split already ("of which", or a sum): a list does not
 * split them again, whose parts could then count twice. */
static void mark_split(struct xctx *c)
{
	for (size_t i = 0; i < c->npara_funds; i++) {
		long w = fund(c, &c->para_funds[i])->whole_index;
		struct xpara_fund *r = w >= 0 ? record_of(c, w) : NULL;
		if (r)
			r->split = true;
	}
}

void xbreakdowns_paragraph(struct xctx *c)
{
	for (size_t i = 0; i < c->npara_funds; i++)
		if (may_be_whole(c, &c->para_funds[i]))
			sum_after(c, i);
	mark_split(c);
	for (size_t i = 0; i < c->npara_funds; i++)
		if (!c->para_funds[i].carried && !c->para_funds[i].split && may_be_whole(c, &c->para_funds[i]))
			list_after(c, i);
}
