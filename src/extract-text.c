#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract-internal.h"
#include "pairoff/util.h"

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
	"Co", "Ltd", "No", "Mr", "Mrs", "Dr", "St", "Inc", "vs", "Jr", "Corp",
};

static bool is_word(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static bool abbreviation_before(const char *t, size_t dot)
{
	size_t b = dot;
	while (b > 0 && isalpha((unsigned char)t[b - 1]))
		b--;
	for (size_t i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++) {
		size_t n = strlen(abbreviations[i]);
		if (dot - b == n && strncasecmp(t + b, abbreviations[i], n) == 0)
			return true;
	}
	return false;
}

/* A sentence ends at '.', '!' or '?' followed by blanks and a capital, a
 * digit, a quote or the end of the text; or at a ';' (clauses of a list of
 * achievements are separate statements). Decimal points never end one. */
static bool sentence_ends(const char *t, size_t i)
{
	char ch = t[i];
	if (ch == ';')
		return true;
	if (ch != '.' && ch != '!' && ch != '?')
		return false;
	size_t j = i + 1;
	if (t[j] == '\0')
		return true;
	if (t[j] != ' ')
		return false;
	while (t[j] == ' ')
		j++;
	unsigned char n = (unsigned char)t[j];
	if (islower(n) && ch == '.') {
		/* "... 2.6 million yuan. xmfish.com raised ...": a lower-case start
		 * after a full word */
		size_t b = i;
		while (b > 0 && islower((unsigned char)t[b - 1]))
			b--;
		return i - b >= 4 && (b == 0 || t[b - 1] == ' ') && !abbreviation_before(t, i);
	}
	if (!(isupper(n) || isdigit(n) || n == '"' || n == 0xE2 || n == 0xE3))
		return false;
	return ch != '.' || !abbreviation_before(t, i);
}

static void push_sentence(struct xsentence **out, size_t *n, size_t *cap, const char *t, size_t len)
{
	while (len > 0 && (t[0] == ' '))
		t++, len--;
	while (len > 0 && t[len - 1] == ' ')
		len--;
	if (len == 0)
		return;
	struct xsentence *s = ARRAY_PUSH(*out, *n, *cap);
	memset(s, 0, sizeof(*s));
	s->text = xstrndup(t, len);
	s->len = len;
}

size_t xsplit_sentences(const char *text, struct xsentence **out)
{
	size_t n = 0, cap = 0, start = 0;
	*out = NULL;
	for (size_t i = 0; text[i]; i++) {
		if (sentence_ends(text, i)) {
			push_sentence(out, &n, &cap, text + start, i + 1 - start);
			start = i + 1;
		}
	}
	push_sentence(out, &n, &cap, text + start, strlen(text + start));
	return n;
}

void xsentence_free(struct xsentence *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].text);
		free(s[i].places);
		free(s[i].money);
		free(s[i].years);
	}
	free(s);
}

/* A comma between digits ("10,000") is part of a number, not a clause's end. */
static bool clause_mark(const char *t, size_t i)
{
	char ch = t[i];
	if (ch == ',' && i > 0 && isdigit((unsigned char)t[i - 1]) && isdigit((unsigned char)t[i + 1]))
		return false;
	return ch == ',' || ch == ';' || ch == '(' || ch == ':';
}

size_t xclause_start(const char *t, size_t pos, size_t floor)
{
	size_t b = pos;
	while (b > floor && !clause_mark(t, b - 1))
		b--;
	return b;
}

size_t xclause_end(const char *t, size_t pos, size_t len)
{
	size_t e = pos;
	while (e < len && !clause_mark(t, e))
		e++;
	return e;
}

bool xis_placeish(const struct xctx *c, size_t region)
{
	const struct region *r = gazetteer_region(c->g, region);
	/* an ethnic group with no home region cannot act or receive; the
	 * programme's sides are named in words, never by a place name */
	return r && !(strcmp(r->type, "ethnic group") == 0 && r->parent == GAZ_NONE) &&
	       strcmp(r->type, "programme") != 0;
}

/* "Changning Town" is not Changning District: a name followed by a word
 * for a smaller place than its own names another place of that name. */
static bool names_smaller_place(const struct xctx *c, size_t reg, const char *after)
{
	static const char *const small[] = { " Town", " Township", " Village", " Subdistrict" };
	const struct region *r = gazetteer_region(c->g, reg);
	if (!r || strcmp(r->type, "town") == 0)
		return false;
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		size_t n = strlen(small[i]);
		if (strncmp(after, small[i], n) == 0 && !isalpha((unsigned char)after[n]))
			return true;
	}
	return false;
}

/* Places are names that start with a capital at a word start. */
void xscan_places(const struct xctx *c, struct xsentence *s)
{
	size_t prefer[4] = {
		c->donor, c->recipient,
		c->donor == GAZ_NONE ? GAZ_NONE : gazetteer_province_of(c->g, c->donor),
		c->recipient == GAZ_NONE ? GAZ_NONE : gazetteer_province_of(c->g, c->recipient),
	};
	for (size_t i = 0; i < s->len;) {
		unsigned char ch = (unsigned char)s->text[i];
		if (!isupper(ch) || (i > 0 && is_word((unsigned char)s->text[i - 1]))) {
			i++;
			continue;
		}
		size_t len = 0, alias = (size_t)-1;
		size_t reg = gazetteer_match_near(c->g, s->text + i, &len, &alias, prefer, 4);
		if (reg == GAZ_NONE || !xis_placeish(c, reg)) {
			i++;
			continue;
		}
		if (names_smaller_place(c, reg, s->text + i + len)) {
			i += len;
			continue;
		}
		const struct region *r = gazetteer_region(c->g, reg);
		struct xplace *p = ARRAY_PUSH(s->places, s->nplaces, s->cap_places);
		p->region = reg;
		p->start = i;
		p->end = i + len;
		p->misspelled = alias != (size_t)-1 && r->alias_is_misspelling[alias];
		i += len;
	}
}

static bool in_pair_context(const struct xctx *c, size_t reg)
{
	const size_t ctx[] = { c->donor, c->recipient, c->sec_donor, c->sec_recipient };
	for (size_t i = 0; i < sizeof(ctx) / sizeof(ctx[0]); i++)
		if (ctx[i] != GAZ_NONE && gazetteer_within(c->g, reg, gazetteer_province_of(c->g, ctx[i])))
			return true;
	return false;
}

/* A namesake named inside another place of the sentence ("Wushan County of
 * Tianshui City"), GAZ_NONE when none is. */
static size_t namesake_in_sentence(const struct xctx *c, const struct xsentence *s, size_t pi,
				   const size_t *cand, size_t n)
{
	for (size_t q = 0; q < s->nplaces; q++)
		for (size_t i = 0; q != pi && i < n; i++)
			if (cand[i] != s->places[q].region && gazetteer_within(c->g, cand[i], s->places[q].region))
				return cand[i];
	return GAZ_NONE;
}

void xresolve_namesakes(struct xctx *c, struct xsentence *s)
{
	for (size_t p = 0; p < s->nplaces; p++) {
		size_t all[8], cand[8], n = 0;
		size_t nall = gazetteer_namesakes(c->g, s->text + s->places[p].start,
						  s->places[p].end - s->places[p].start, all, 8);
		/* namesakes of one kind: "Hebei" the province beats Hebei District */
		const char *type = gazetteer_region(c->g, s->places[p].region)->type;
		for (size_t i = 0; i < nall; i++)
			if (strcmp(gazetteer_region(c->g, all[i])->type, type) == 0)
				cand[n++] = all[i];
		if (n < 2)
			continue;
		size_t named = namesake_in_sentence(c, s, p, cand, n);
		if (named != GAZ_NONE) {
			s->places[p].region = named;
			continue;
		}
		size_t fits = 0, pick = GAZ_NONE;
		for (size_t i = 0; i < n; i++)
			if (in_pair_context(c, cand[i])) {
				fits++;
				pick = cand[i];
			}
		if (fits == 1) {
			s->places[p].region = pick;
			continue;
		}
		char *name = xstrndup(s->text + s->places[p].start, s->places[p].end - s->places[p].start);
		xanomaly(c, "ambiguous-place", s->text, "'%s' may be %s or %s; nothing near says which (taken: %s)",
			 name, xname(c, cand[0]), xname(c, cand[1]), xname(c, s->places[p].region));
		free(name);
	}
}

/* "2000 mu", "2000 yuan": a count, not a year. A year is followed by
 * punctuation, a capital, or a joining word. */
static bool year_context_ok(const char *t, size_t end)
{
	static const char *const units[] = {
		"mu", "yuan", "rmb", "people", "persons", "person", "households", "km", "kilometers",
		"meters", "metres", "square", "tons", "kg", "students", "villages", "projects", "cadres",
		"teachers", "labors", "jobs", "sheds", "copies", "pieces", "units", "bags", "heads", "boxes",
		"hospitals", "schools", "doctors", "enterprises", "times", "visitors", "trainees", "cases",
		"families", "poor", "rural", "new", "more", "smart", "cubic", "linear",
	};
	size_t i = end;
	while (t[i] == ' ')
		i++;
	if (t[i] == '-' && isalpha((unsigned char)t[i + 1]))
		return false; /* "2000-mu" */
	for (size_t j = 0; j < sizeof(units) / sizeof(units[0]); j++)
		if (xword_at(t, i, units[j]))
			return false;
	return true;
}

/* "that of 2011", "over 2011", "compared with 2011". */
static bool comparison_year(const char *t, size_t start)
{
	static const char *const cues[] = { "that of", "that in", "over", "compared to", "compared with", "than" };
	size_t e = start;
	while (e > 0 && t[e - 1] == ' ')
		e--;
	for (size_t j = 0; j < sizeof(cues) / sizeof(cues[0]); j++) {
		size_t n = strlen(cues[j]);
		if (e >= n && strncasecmp(t + e - n, cues[j], n) == 0)
			return true;
	}
	return false;
}

/* Years 1949..2049 as whole words, except the ends of ranges written
 * "2009-2010" (titles of plans), which are not dates of events. */
void xscan_years(struct xsentence *s)
{
	const char *t = s->text;
	for (size_t i = 0; i + 4 <= s->len; i++) {
		if (!isdigit((unsigned char)t[i]) || (i > 0 && is_word((unsigned char)t[i - 1])))
			continue;
		if (!isdigit((unsigned char)t[i + 1]) || !isdigit((unsigned char)t[i + 2]) ||
		    !isdigit((unsigned char)t[i + 3]) || is_word((unsigned char)t[i + 4]))
			continue;
		int y = atoi(t + i);
		bool range = (t[i + 4] == '-' && isdigit((unsigned char)t[i + 5])) ||
			     (i > 0 && t[i - 1] == '-' && i > 1 && isdigit((unsigned char)t[i - 2])) ||
			     (i > 0 && t[i - 1] == ',') || (t[i + 4] == ',' && isdigit((unsigned char)t[i + 5]));
		if (y < 1949 || y > 2049 || range || !year_context_ok(t, i + 4))
			continue;
		struct xyear *yr = ARRAY_PUSH(s->years, s->nyears, s->cap_years);
		yr->start = i;
		yr->end = i + 4;
		yr->year = y;
		yr->comparison = comparison_year(t, i);
		i += 3;
	}
}

/* ASCII case folding, inline: these scans run at every byte of every
 * sentence, and a strncasecmp() call per byte (locale lookup included) was a
 * third of the import time (README "Benchmarks"). UTF-8 bytes >= 0x80 fold
 * to themselves, as they do in strncasecmp() under a UTF-8 locale. */
static inline unsigned char ascii_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

static bool ascii_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

bool xword_at(const char *text, size_t pos, const char *word)
{
	size_t n = strlen(word);
	if (!ascii_caseeq(text + pos, word, n))
		return false;
	if (pos > 0 && is_word((unsigned char)text[pos - 1]))
		return false;
	return !isalpha((unsigned char)text[pos + n]);
}

/* Case-insensitive search of needle in hay[from..to). The rules search
 * every sentence for dozens of cue words, and a byte-by-byte loop here was
 * most of the extractor's time (README "Benchmarks"): candidates for the
 * needle's first byte are found many bytes at a time, by memchr() or, for a
 * letter (either case at once), eight bytes per step. */
static const char *find_byte(const char *p, const char *end, unsigned char ch)
{
	return p < end ? memchr(p, ch, (size_t)(end - p)) : NULL;
}

/* The first byte in [p, end) that is lo (a lower-case ASCII letter) or its
 * capital: the two differ only in bit 0x20. */
static const char *find_letter(const char *p, const char *end, unsigned char lo)
{
#ifdef __SSE2__
	/* sixteen bytes per step where SSE2 is there (every x86-64) */
	const __m128i case_bit = _mm_set1_epi8(0x20), want = _mm_set1_epi8((char)lo);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		int hit = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(v, case_bit), want));
		if (hit)
			return p + __builtin_ctz((unsigned)hit);
		p += 16;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t pattern = ones * lo;
	while (end - p >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		uint64_t x = (v | ones * 0x20) ^ pattern; /* a zero byte where it matches */
		uint64_t hit = (x - ones) & ~x & highs;   /* exact for the lowest zero byte */
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
		p += 8;
	}
#endif
	for (; p < end; p++)
		if (((unsigned char)*p | 0x20) == lo)
			return p;
	return NULL;
}

const char *xfind_ci(const char *hay, size_t from, size_t to, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return from <= to ? hay + from : NULL;
	if (from > to || to - from < n)
		return NULL;
	unsigned char lo = ascii_lower((unsigned char)needle[0]);
	bool letter = lo >= 'a' && lo <= 'z';
	const char *end = hay + (to - n) + 1; /* one past the last place a match can start */
	for (const char *p = hay + from; p < end; p++) {
		p = letter ? find_letter(p, end, lo) : find_byte(p, end, lo);
		if (!p)
			return NULL;
		if (ascii_caseeq(p + 1, needle + 1, n - 1))
			return p;
	}
	return NULL;
}

/* A word or word prefix ("donat" matches "donated") starting at a word start.
 * The search of xfind_ci, with the word start tested before the rest of
 * the word: most bytes that match a word's first letter are inside words. */
bool xcontains_word(const char *text, size_t from, size_t to, const char *word)
{
	size_t n = strlen(word);
	if (n == 0)
		return from <= to;
	if (from > to || to - from < n)
		return false;
	unsigned char lo = ascii_lower((unsigned char)word[0]);
	bool letter = lo >= 'a' && lo <= 'z';
	const char *end = text + (to - n) + 1;
	for (const char *p = text + from; p < end; p++) {
		p = letter ? find_letter(p, end, lo) : find_byte(p, end, lo);
		if (!p)
			return false;
		if ((p == text || !is_word((unsigned char)p[-1])) && ascii_caseeq(p + 1, word + 1, n - 1))
			return true;
	}
	return false;
}

/* The word starts of text[from..to) are visited once; at each, only the
 * words with that first letter are compared. */
bool xcontains_any_word(const char *text, size_t from, size_t to, const char *const *words, size_t n)
{
	bool first[256] = { false };
	for (size_t w = 0; w < n; w++) {
		unsigned char lo = ascii_lower((unsigned char)words[w][0]);
		if (!lo)
			return from <= to;   /* the empty word, as xcontains_word has it */
		first[lo] = true;
		if (lo >= 'a' && lo <= 'z')
			first[lo - ('a' - 'A')] = true;
	}
	for (size_t p = from; p < to; p++) {
		unsigned char ch = (unsigned char)text[p];
		if (!first[ch] || (p > 0 && is_word((unsigned char)text[p - 1])))
			continue;
		for (size_t w = 0; w < n; w++) {
			if (ascii_lower((unsigned char)words[w][0]) != ascii_lower(ch))
				continue;
			size_t len = strlen(words[w]);
			if (to - p >= len && ascii_caseeq(text + p + 1, words[w] + 1, len - 1))
				return true;
		}
	}
	return false;
}

static bool side_is(const struct xctx *c, size_t region, const char *side)
{
	size_t prov = gazetteer_province_of(c->g, region);
	const struct region *p = gazetteer_region(c->g, prov);
	return p && p->side && strcmp(p->side, side) == 0;
}

/* A place that can give in the pair in force: within the donor, or any
 * eastern place when no pair is known. */
bool xis_donor_side(const struct xctx *c, size_t region)
{
	if (c->donor != GAZ_NONE) {
		size_t dp = gazetteer_province_of(c->g, c->donor);
		return gazetteer_within(c->g, region, c->donor) ||
		       (dp != GAZ_NONE && gazetteer_within(c->g, region, dp) &&
			!gazetteer_within(c->g, region, c->recipient == GAZ_NONE ? dp : c->recipient));
	}
	return side_is(c, region, "east") || xis_pair_donor(c, region);
}

/* Within the recipient's province, or any western place (reports name
 * neighbouring western areas the donor also helps). */
bool xis_recipient_side(const struct xctx *c, size_t region)
{
	if (c->recipient != GAZ_NONE) {
		size_t rp = gazetteer_province_of(c->g, c->recipient);
		if (gazetteer_within(c->g, region, rp == GAZ_NONE ? c->recipient : rp))
			return true;
	}
	return side_is(c, region, "west");
}

size_t xprogramme_side(const struct gazetteer *g, const char *side)
{
	size_t n = gazetteer_count(g);
	for (size_t i = 0; i < n; i++) {
		const struct region *r = gazetteer_region(g, i);
		if (strcmp(r->type, "programme") == 0 && r->side && strcmp(r->side, side) == 0)
			return i;
	}
	return GAZ_NONE;
}

/* The programme's sides named in words: "the eastern provinces (and
 * municipalities)", "the eastern regions"; "the western (poverty-stricken)
 * areas". */
static const char *const east_words[] = {
	"eastern provinces", "eastern regions", "eastern areas", "eastern coastal", "eastern municipalities",
	"eastern developed", "eastern part",
};

static const char *const west_words[] = {
	"western poverty", "western poor", "western provinces", "western regions", "western areas",
	"western part", "western region", "western ethnic",
};

/* "one of the eastern provinces", "to the western areas": the side named
 * as an object or a class, not as who acts. */
static bool side_as_object(const char *t, size_t at)
{
	static const char *const objects[] = { "of", "to", "for", "with", "like", "among", "than", "from", "in" };
	size_t e = at;
	for (int guard = 0; guard < 4; guard++) {
		while (e > 0 && t[e - 1] == ' ')
			e--;
		size_t b = e;
		while (b > 0 && isalnum((unsigned char)t[b - 1]))
			b--;
		if (b == e)
			return false;
		if (xword_at(t, b, "the") || xword_at(t, b, "all") || isdigit((unsigned char)t[b])) {
			e = b;
			continue;
		}
		for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
			if (e - b == strlen(objects[i]) && xword_at(t, b, objects[i]))
				return true;
		return false;
	}
	return false;
}

/* The end of the last naming of a side in [from, to) as who acts, or 0
 * when none. */
static size_t side_named(const char *t, size_t from, size_t to, const char *const *words, size_t n)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++)
		for (const char *p = xfind_ci(t, from, to, words[i]); p; p = xfind_ci(t, (size_t)(p - t) + 1, to, words[i]))
			if ((size_t)(p - t) + strlen(words[i]) > best && !side_as_object(t, (size_t)(p - t)))
				best = (size_t)(p - t) + strlen(words[i]);
	return best;
}

size_t xeast_named(const char *t, size_t from, size_t to)
{
	return side_named(t, from, to, east_words, sizeof(east_words) / sizeof(east_words[0]));
}

bool xwest_named(const char *t, size_t from, size_t to)
{
	for (size_t i = 0; i < sizeof(west_words) / sizeof(west_words[0]); i++)
		if (xfind_ci(t, from, to, west_words[i]))
			return true;
	return false;
}

/* --- clauses: the words before a place ------------------------------------ */

/* Words before a clause that starts with its subject: "In 2012, Gansu ...". */
static const char *const opening_words[] = {
	"meanwhile", "besides", "addition", "then", "later", "far", "also", "however", "moreover",
};

static const char *const skip_words[] = { "the", "a", "an", "its", "their" };

/* The word that ends just before pos (skipping blanks and quotes); its
 * length, 0 when punctuation or the start comes first. */
size_t xword_before(const char *t, size_t pos, size_t *wstart)
{
	size_t e = pos;
	for (;;) {
		while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '"'))
			e--;
		if (e >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80)
			e -= 3; /* a curly quote */
		else
			break;
	}
	size_t b = e;
	while (b > 0 && isalpha((unsigned char)t[b - 1]))
		b--;
	*wstart = b;
	return e - b;
}

bool xword_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return true;
	return false;
}

/* The place before pi when the two are joined ("A and B", "A, B", "Jiatang
 * Town Jimei"), else (size_t)-1. */
size_t xjoined_before(const struct xsentence *s, size_t pi)
{
	if (pi == 0)
		return (size_t)-1;
	size_t a = s->places[pi - 1].end, b = s->places[pi].start;
	if (a > b || b - a > 7)
		return (size_t)-1;
	size_t i = a;
	while (i < b && (s->text[i] == ' ' || s->text[i] == ','))
		i++;
	if (i + 3 <= b && strncasecmp(s->text + i, "and", 3) == 0)
		i += 3;
	while (i < b && s->text[i] == ' ')
		i++;
	return i == b ? pi - 1 : (size_t)-1;
}

/* What governs place pi: its own word before, or that of a list it ends. */
size_t xgoverning_word(const struct xsentence *s, size_t pi, size_t *ws)
{
	for (size_t j = xjoined_before(s, pi); j != (size_t)-1; j = xjoined_before(s, pi))
		pi = j;
	size_t pos = s->places[pi].start, n;
	for (int guard = 0; guard < 4; guard++) {
		n = xword_before(s->text, pos, ws);
		if (n && xword_in(s->text + *ws, n, skip_words, sizeof(skip_words) / sizeof(skip_words[0]))) {
			pos = *ws;
			continue;
		}
		break;
	}
	return n;
}

/* A place that opens its clause: at the sentence start, or after
 * "In 2012, " / "Meanwhile, ". */
bool xopens_clause(const struct xsentence *s, size_t pi)
{
	size_t ws, n = xgoverning_word(s, pi, &ws);
	if (n)
		return false;
	size_t e = ws;
	while (e > 0 && s->text[e - 1] == ' ')
		e--;
	if (e == 0)
		return true;
	if (s->text[e - 1] != ',')
		return false;
	e--;
	if (e > 0 && isdigit((unsigned char)s->text[e - 1]))
		return true;
	n = xword_before(s->text, e, &ws);
	return n && xword_in(s->text + ws, n, opening_words, sizeof(opening_words) / sizeof(opening_words[0]));
}
