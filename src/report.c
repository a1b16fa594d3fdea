#include "config.h"

/* Report reader. The reports of the series are web pages saved as text: a
 * title line, optionally a short "Overview"-style heading, then one section
 * per donor-recipient pair, each headed by a line such as
 * "<Donor> - <Recipient> Pairing-off Poverty Alleviation", holding paragraphs
 * (one per line) that may start with a 【topic】 and ending with a
 * parenthesised attribution; a Chinese web-page footer closes the file.
 *
 * The parse runs in passes over an index of the lines, each linear in the size
 * of the text:
 *   1. normalise line ends, drop a BOM, sanitize UTF-8, split and trim lines;
 *   2. mark the footer: the trailing block of Han-script or copyright lines;
 *   3. mark a block of lines that repeats an earlier block verbatim (hashing);
 *   4. take the title, find pair headings, tables, then "Overview" headings;
 *   5. walk the lines once to build sections, paragraphs and sources;
 *   6. work out the year the report covers.
 * Nothing here knows a particular report: the rules are about layout only. */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pairoff/report.h"
#include "pairoff/text.h"
#include "pairoff/util.h"

/* No report of the series comes near this; larger files are refused. */
#define REPORT_MAX_BYTES ((size_t)256 << 20)
/* The footer is a few address/copyright lines; more Han lines are content. */
#define FOOTER_MAX_LINES 8
/* Lead-in before "】" when its opening "【" is missing: a short phrase. */
#define TOPIC_MISSING_MAX 80
#define TOPIC_MAX 400
/* A heading is a short line; longer lines are prose that merely mention a pair. */
#define HEADING_MAX_BYTES 200
#define HEADING_MAX_WORDS 20
#define LABEL_MAX_BYTES 80
#define LABEL_MAX_WORDS 8
#define CAPTION_MAX_BYTES 200
#define SOURCE_MAX_BYTES 300
/* A table unit larger than a trillion yuan is a misreading, not a unit. */
#define UNIT_MAX_YUAN ((int64_t)1000000000000)
/* Prose lines are long; a short "Overview" heading is followed by one. */
#define PROSE_MIN_BYTES 80

#define UTF8_LBRACKET "\xE3\x80\x90"   /* 【 */
#define UTF8_RBRACKET "\xE3\x80\x91"   /* 】 */

enum line_kind {
	LK_BLANK,      /* empty or white space only */
	LK_FOOTER,     /* the web-page footer at the end of the file */
	LK_REPEAT,     /* a later copy of a block the file already holds */
	LK_TITLE,
	LK_HEADING,
	LK_TABLE,      /* caption, unit, labels, cells or note of a table */
	LK_TEXT,       /* prose: a paragraph, or the source that ends a section */
};

/* One per line of the file, so kept small: a file of millions of short
 * lines must not cost gigabytes (texts are under 4 GiB, see REPORT_MAX_BYTES). */
struct line {
	const char *t;         /* trimmed text, points into report.text */
	uint32_t tlen;
	unsigned char kind;    /* enum line_kind */
	bool pair_heading;     /* looks like "<A> - <B> Pairing-off ..." */
};

/* What a part of a report read in parts (report_stream_next) takes from
 * the parts before it: the title and year the first part found, the section
 * in force where the last part ended, whether a pair heading came yet. */
struct part_ctx {
	int first_line;        /* lines of the file before the part */
	bool first, last;      /* the file's first part; its last (which holds the footer) */
	const char *title;     /* the report's title; NULL in the first part */
	int year;              /* the report's year (from the first part) */
	const char *cont_title; /* the section in force at the part's start, NULL if none */
	int cont_line;         /* its heading's line (0: the implicit first section) */
	bool seen_pair;
	struct inert_notes *notes; /* the report's, kept across its parts */
};

struct parser {
	struct report *r;
	struct line *lines;    /* owned; r->line_count entries */
	size_t nlines;
	size_t *content;       /* owned; indices of the lines still in play (nlines slots) */
	size_t ncontent;
	size_t next_table;     /* assemble(): the next table to give a section */
	size_t cap_sections, cap_paragraphs, cap_tables;
	bool title_is_pair;    /* the title line is itself a pair heading */
	bool last_is_paragraph; /* the current section's last item is a paragraph */
	bool seen_pair;        /* a pair heading came before (mark_headings) */
	const struct part_ctx *part; /* NULL for a report read whole */
};

/* ---- small text helpers -------------------------------------------------- */

/* Length of the white space at s: ASCII, no-break space, ideographic space,
 * zero-width space or BOM (the saved web pages use all of them as padding). */
static size_t space_len(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' ||
		       s[0] == '\v' || s[0] == '\f'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && ((s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
		       (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x8B) ||
		       (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)))
		return 3;
	return 0;
}

/* Same, for the white space that ends at s + n. */
static size_t space_len_back(const unsigned char *s, size_t n)
{
	if (n >= 1 && space_len(s + n - 1, 1) == 1)
		return 1;
	if (n >= 2 && space_len(s + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && space_len(s + n - 3, 3) == 3)
		return 3;
	return 0;
}

static void trim_span(const char *s, size_t n, const char **out, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;
	while (n > 0 && (k = space_len(u, n)) > 0) {
		u += k;
		n -= k;
	}
	while (n > 0 && (k = space_len_back(u, n)) > 0)
		n -= k;
	*out = (const char *)u;
	*out_len = n;
}

static char *trimmed_dup(const char *s, size_t n)
{
	const char *t;
	size_t tlen;
	trim_span(s, n, &t, &tlen);
	return xstrndup(t, tlen);
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool span_has(const char *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

static bool span_starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char a = s[i], b = prefix[i];
		if (is_upper(a))
			a = (char)(a + 32);
		if (a != b)
			return false;
	}
	return true;
}

static bool span_has_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (span_starts_ci(s + i, n - i, needle))
			return true;
	return false;
}

static bool span_ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}


/* Han ideographs: the script of the footer; the English prose has none. */
static bool is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* Ends like a sentence or a clause, which a heading or a label never does. */
static bool ends_like_sentence(const char *s, size_t n)
{
	if (n == 0)
		return false;
	char c = s[n - 1];
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
	       span_ends_with(s, n, "\xE3\x80\x82") ||        /* 。 */
	       span_ends_with(s, n, "\xEF\xBC\x8C") ||        /* ， */
	       span_ends_with(s, n, "\xEF\xBC\x9B");          /* ； */
}

static bool has_brackets(const char *s, size_t n)
{
	return span_has(s, n, UTF8_LBRACKET) || span_has(s, n, UTF8_RBRACKET);
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	bool in_word = false;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ';
		if (!sp && !in_word)
			words++;
		in_word = !sp;
	}
	return words;
}

/* ---- pass 1: text and lines ---------------------------------------------- */

/* Copy of buf without a leading BOM and with CRLF and lone CR made LF; done
 * before sanitizing, which would drop the CRs as control characters. */
/* Drops a byte-order mark (at the start of the file only: bom false for a
 * later part of one read in parts) and makes every line end \n, in place
 * (the text only shrinks): a large report is not copied for it. */
static size_t normalise_line_ends(char *buf, size_t len, bool bom)
{
	size_t from = bom && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t n = 0;
	for (size_t i = from; i < len; i++) {
		if (buf[i] != '\r') {
			buf[n++] = buf[i];
			continue;
		}
		buf[n++] = '\n';
		if (i + 1 < len && buf[i + 1] == '\n')
			i++;
	}
	buf[n] = '\0';
	return n;
}

static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 0;
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		lines++;
		if (!nl)
			break;
		s = nl + 1;
	}
	return lines;
}

/* The arrays are sized once from a first count of the lines. */
static void split_lines(struct parser *p)
{
	struct report *r = p->r;
	size_t total = count_lines(r->text, r->text_len);
	r->line_starts = xcalloc(total, sizeof(*r->line_starts));
	p->lines = xcalloc(total, sizeof(*p->lines));
	p->content = xcalloc(total, sizeof(*p->content));
	const char *s = r->text, *end = r->text + r->text_len;
	for (size_t i = 0; i < total; i++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s), tlen;
		r->line_starts[i] = (size_t)(s - r->text);
		struct line *l = &p->lines[i];
		trim_span(s, len, &l->t, &tlen);
		l->tlen = (uint32_t)tlen;
		l->kind = tlen ? LK_TEXT : LK_BLANK;
		s = nl ? nl + 1 : end;
	}
	p->nlines = total;
	r->line_count = (int)total;
}

/* Rebuilds the list of the lines still in play (LK_TEXT). */
static void collect_content(struct parser *p)
{
	p->ncontent = 0;
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].kind == LK_TEXT)
			p->content[p->ncontent++] = i;
}

static struct line *content_line(const struct parser *p, size_t ci)
{
	return &p->lines[p->content[ci]];
}

/* ---- pass 2: footer ------------------------------------------------------ */

/* A footer line is written mostly in Han script, or is a copyright/ICP
 * licence notice (which may mix Han with Latin and digits). */
static bool is_footer_line(const char *s, size_t n)
{
	if (n > 600)
		return false;
	size_t han = 0, other = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += text_decode(s + i, n - i, &cp);
		if (is_han(cp))
			han++;
		else if (cp != ' ')
			other++;
	}
	bool notice = span_has(s, n, "\xC2\xA9") || span_has(s, n, "ICP") || span_has_ci(s, n, "copyright");
	if (han < 2)
		return notice && n <= 200;
	return han * 4 >= han + other || notice;
}

/* The footer is the trailing block of footer lines (blank lines between them
 * allowed), provided some real content comes before it. */
static void detect_footer(struct parser *p)
{
	size_t i = p->nlines, first = SIZE_MAX, nfooter = 0;
	bool content_before = false;
	while (i > 0) {
		const struct line *l = &p->lines[i - 1];
		if (l->kind != LK_BLANK) {
			if (nfooter == FOOTER_MAX_LINES || !is_footer_line(l->t, l->tlen)) {
				content_before = true;
				break;
			}
			first = i - 1;
			nfooter++;
		}
		i--;
	}
	if (first == SIZE_MAX || !content_before)
		return;
	for (size_t k = first; k < p->nlines; k++)
		if (p->lines[k].kind != LK_BLANK)
			p->lines[k].kind = LK_FOOTER;
	p->r->footer_line = (int)first + 1;
}

/* ---- pass 3: repeated block ---------------------------------------------- */

struct seen_slot {
	uint32_t first, last;  /* content indices of the first and latest copy; UINT32_MAX: empty */
};

struct repeat_state {
	const struct parser *p;
	uint64_t *hashes;      /* owned; one per content line */
	struct seen_slot *slots; /* owned; open addressing, mask + 1 slots */
	size_t mask;
};

static bool content_equal(const struct repeat_state *rs, size_t a, size_t b)
{
	const struct line *la = content_line(rs->p, a), *lb = content_line(rs->p, b);
	return rs->hashes[a] == rs->hashes[b] && la->tlen == lb->tlen &&
	       memcmp(la->t, lb->t, la->tlen) == 0;
}

/* The slot holding line ci's text, or the empty slot where it goes. */
static struct seen_slot *seen_lookup(const struct repeat_state *rs, size_t ci)
{
	size_t at = (size_t)rs->hashes[ci] & rs->mask;
	while (rs->slots[at].first != UINT32_MAX && !content_equal(rs, rs->slots[at].first, ci))
		at = (at + 1) & rs->mask;
	return &rs->slots[at];
}

/* How many lines from j on repeat the lines from i on (the copies may not
 * overlap); *bytes gets their total length. */
static size_t match_length(const struct repeat_state *rs, size_t i, size_t j, size_t *bytes)
{
	size_t m = 0;
	*bytes = 0;
	while (j + m < rs->p->ncontent && i + m < j && content_equal(rs, i + m, j + m)) {
		*bytes += content_line(rs->p, j + m)->tlen;
		m++;
	}
	return m;
}

/* Long enough to be a copied text rather than a coincidence such as a row
 * of zeros in a table or a repeated short label. */
static bool long_repeat(size_t lines, size_t bytes)
{
	return (lines >= 3 && bytes >= 200) || bytes >= 500;
}

static void drop_repeat(struct parser *p, size_t from, size_t count)
{
	struct report *r = p->r;
	int first = (int)p->content[from] + 1, last = (int)p->content[from + count - 1] + 1;
	for (size_t k = from; k < from + count; k++)
		content_line(p, k)->kind = LK_REPEAT;
	if (r->repeat_from == 0 || first < r->repeat_from)
		r->repeat_from = first;
	if (last > r->repeat_to)
		r->repeat_to = last;
}

/* Tries the block at j against the first and the latest earlier copy of its
 * first line; returns the number of lines dropped (0 when none). */
static size_t try_repeat(struct parser *p, struct repeat_state *rs, struct seen_slot *slot, size_t j)
{
	size_t cands[2] = { slot->first, slot->last };
	for (int c = 0; c < 2; c++) {
		if (c == 1 && cands[1] == cands[0])
			break;
		size_t bytes, m = match_length(rs, cands[c], j, &bytes);
		if (m > 0 && long_repeat(m, bytes)) {
			drop_repeat(p, j, m);
			return m;
		}
	}
	return 0;
}

/* Each line is hashed once; a failed extension stops within a bounded
 * number of lines (see long_repeat), so the pass is linear. */
static void detect_repeat(struct parser *p)
{
	size_t n = p->ncontent;
	if (n < 2)
		return;
	struct repeat_state rs = { .p = p };
	size_t size = 4;
	while (size < 2 * n)
		size *= 2;
	rs.mask = size - 1;
	rs.hashes = xmalloc(n * sizeof(*rs.hashes));
	rs.slots = xmalloc(size * sizeof(*rs.slots));
	for (size_t k = 0; k < size; k++)
		rs.slots[k].first = rs.slots[k].last = UINT32_MAX;
	for (size_t k = 0; k < n; k++)
		rs.hashes[k] = hash_bytes(content_line(p, k)->t, content_line(p, k)->tlen);
	for (size_t j = 0; j < n;) {
		struct seen_slot *slot = seen_lookup(&rs, j);
		if (slot->first == UINT32_MAX) {
			slot->first = slot->last = (uint32_t)j++;
			continue;
		}
		size_t dropped = try_repeat(p, &rs, slot, j);
		if (dropped == 0)
			slot->last = (uint32_t)j;
		j += dropped ? dropped : 1;
	}
	free(rs.hashes);
	free(rs.slots);
}

/* ---- pass 4a: headings --------------------------------------------------- */

static const char *const small_words[] = {
	"a", "among", "an", "and", "at", "between", "by", "for", "from", "in", "into", "of", "on",
	"the", "to", "towards", "under", "with",
};

static bool is_small_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(small_words) / sizeof(small_words[0]); i++)
		if (strlen(small_words[i]) == n && memcmp(small_words[i], w, n) == 0)
			return true;
	return false;
}

/* Every word starts with a capital (or a digit, or a non-ASCII letter),
 * except short function words; leading dashes and quotes are skipped. */
static bool is_title_cased(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t start = i;
		while (i < n && s[i] != ' ')
			i++;
		size_t w = start;
		while (w < i && (s[w] == '-' || s[w] == '"' || s[w] == '\'' || s[w] == '('))
			w++;
		if (w == i || !is_lower(s[w]))
			continue;
		size_t wend = w;
		while (wend < i && is_alpha(s[wend]))
			wend++;
		if (!is_small_word(s + w, wend - w))
			return false;
	}
	return true;
}

static const char *const compass_words[] = {
	"east", "west", "north", "south", "eastern", "western", "northern", "southern",
	"central", "northeast", "northwest", "southeast", "southwest",
};

/* "East-West" names the programme, not a pair of places. */
static bool is_compass_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(compass_words) / sizeof(compass_words[0]); i++) {
		if (strlen(compass_words[i]) == n && span_starts_ci(w, n, compass_words[i]))
			return true;
	}
	return false;
}

/* Length of the dash at s: '-', en dash or em dash; 0 if none. */
static size_t dash_len(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '-')
		return 1;
	if (n >= 3 && (span_starts_ci(s, n, "\xE2\x80\x93") || span_starts_ci(s, n, "\xE2\x80\x94")))
		return 3;
	return 0;
}

/* "<Place> - <Place>": a dash between a word and a capitalised word, spaces
 * optional on either side ("Tianjin-Gansu", "Qingdao -Guizhou"). */
static bool has_pair_separator(const char *s, size_t n)
{
	for (size_t d = 1; d < n; d++) {
		size_t dl = dash_len(s + d, n - d);
		if (dl == 0)
			continue;
		size_t le = d;
		while (le > 0 && s[le - 1] == ' ')
			le--;
		size_t ls = le;
		while (ls > 0 && is_alpha(s[ls - 1]))
			ls--;
		size_t rs = d + dl;
		while (rs < n && s[rs] == ' ')
			rs++;
		size_t re = rs;
		while (re < n && is_alpha(s[re]))
			re++;
		if (ls == le || re == rs || !is_upper(s[ls]) || !is_upper(s[rs]))
			continue;
		if (!is_compass_word(s + ls, le - ls) && !is_compass_word(s + rs, re - rs))
			return true;
	}
	return false;
}

/* "<Place> and <Place>": two capitalised words around "and", neither a
 * compass word. Only trusted next to a pairing word (see is_pair_heading). */
static bool has_and_pair(const char *s, size_t n)
{
	for (size_t i = 1; i + 5 < n; i++) {
		if (memcmp(s + i, " and ", 5) != 0)
			continue;
		size_t ls = i;
		while (ls > 0 && is_alpha(s[ls - 1]))
			ls--;
		size_t rs = i + 5, re = rs;
		while (re < n && is_alpha(s[re]))
			re++;
		if (ls < i && is_upper(s[ls]) && re > rs && is_upper(s[rs]) &&
		    !is_compass_word(s + ls, i - ls) && !is_compass_word(s + rs, re - rs))
			return true;
	}
	return false;
}

static const char *const pairing_words[] = { "pairing", "pair-off", "paired", "twinning", "twinned" };

static bool has_pairing_word(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(pairing_words) / sizeof(pairing_words[0]); i++)
		if (span_has_ci(s, n, pairing_words[i]))
			return true;
	return false;
}

static const char *const series_words[] = {
	"pair", "twin", "counterpart", "partner", "cooperation", "collaboration",
	"assistance", "poverty", "support", " aid",
};

static bool has_series_word(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(series_words) / sizeof(series_words[0]); i++)
		if (span_has_ci(s, n, series_words[i]))
			return true;
	return false;
}

/* A pair heading: a short title-cased line, not a sentence, not a topic,
 * naming two places joined by a dash and a word of the programme
 * ("Pairing-off", "Cooperation", "Poverty Alleviation", ...), or joined by
 * "and" next to a pairing word ("<A> and <B> Pairing-off Cooperation"). */
static bool is_pair_heading(const char *s, size_t n)
{
	if (n == 0 || n > HEADING_MAX_BYTES || !(is_upper(s[0]) || is_digit(s[0])))
		return false;
	if (ends_like_sentence(s, n) || has_brackets(s, n) || count_words(s, n) > HEADING_MAX_WORDS)
		return false;
	if (!is_title_cased(s, n))
		return false;
	if (has_pair_separator(s, n) && has_series_word(s, n))
		return true;
	return has_and_pair(s, n) && has_pairing_word(s, n);
}

/* A short standalone heading such as "Overview" or "General Situation":
 * one to four capitalised words of letters only. */
static bool is_plain_heading(const char *s, size_t n)
{
	if (n == 0 || n > 40 || !is_upper(s[0]) || count_words(s, n) > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_alpha(s[i]) && s[i] != ' ' && s[i] != '-')
			return false;
	return is_title_cased(s, n);
}

/* ---- topics -------------------------------------------------------------- */

/* A lead-in without its opening bracket must look like a topic phrase: it
 * starts with a letter or digit, has few words and no clause punctuation. */
static bool is_lead_in_phrase(const char *s, size_t n)
{
	if (!(is_alpha(s[0]) || is_digit(s[0])) || span_has(s, n, UTF8_LBRACKET))
		return false;
	if (count_words(s, n) > 12 || memchr(s, ',', n) || memchr(s, ';', n) || span_has(s, n, ". "))
		return false;
	return true;
}

/* Finds the topic lead-in of a paragraph: "【Topic】 body", or "Topic】 body"
 * with the opening bracket lost (only a short phrase at the line start, so a
 * stray bracket later in a sentence is not mistaken for one). */
static bool find_topic(const char *s, size_t n, size_t *tstart, size_t *tend, size_t *body, bool *missing)
{
	size_t open = strlen(UTF8_LBRACKET), from = 0, limit = TOPIC_MAX;
	*missing = !(n >= open && memcmp(s, UTF8_LBRACKET, open) == 0);
	if (!*missing)
		from = open;
	else
		limit = TOPIC_MISSING_MAX;
	size_t window = n - from < limit + 3 ? n - from : limit + 3;
	const char *close = memmem(s + from, window, UTF8_RBRACKET, strlen(UTF8_RBRACKET));
	if (!close || close == s + from)
		return false;
	if (*missing && !is_lead_in_phrase(s, (size_t)(close - s)))
		return false;
	*tstart = from;
	*tend = (size_t)(close - s);
	*body = *tend + strlen(UTF8_RBRACKET);
	return true;
}

static bool is_topic_line(const char *s, size_t n)
{
	size_t a, b, c;
	bool missing;
	return find_topic(s, n, &a, &b, &c, &missing);
}

/* ---- pass 4b: tables ----------------------------------------------------- */

static bool is_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && (is_digit(s[i]) || (s[i] == ',' && digits > 0))) {
		digits += is_digit(s[i]);
		i++;
	}
	if (digits == 0 || s[i - 1] == ',')
		return false;
	if (i < n && s[i] == '.') {
		size_t frac = ++i;
		while (i < n && is_digit(s[i]))
			i++;
		if (i == frac)
			return false;
	}
	if (i < n && s[i] == '%')
		i++;
	return i == n;
}

static double number_value(const char *s, size_t n)
{
	char buf[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof(buf); i++)
		if (s[i] != ',' && s[i] != '%')
			buf[k++] = s[i];
	buf[k] = '\0';
	return strtod(buf, NULL);
}

static bool is_unit_line(const char *s, size_t n)
{
	if (n > 0 && s[0] == '(') {
		s++;
		n--;
	} else if (span_starts_ci(s, n, "\xEF\xBC\x88")) {  /* fullwidth ( */
		s += 3;
		n -= 3;
	}
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	if (!span_starts_ci(s, n, "unit") || n > 80)
		return false;
	size_t i = 4;
	while (i < n && (s[i] == ' ' || s[i] == 's'))
		i++;
	return (i < n && s[i] == ':') || span_starts_ci(s + i, n - i, "\xEF\xBC\x9A");
}

/* "Note: ...", "Notes: ...", "Source: ..." under a table. */
static bool is_note_line(const char *s, size_t n)
{
	if (span_starts_ci(s, n, "source") && n > 7)
		return s[6] == ':' || span_starts_ci(s + 6, n - 6, "\xEF\xBC\x9A");
	return span_starts_ci(s, n, "note") && n > 4 &&
	       (s[4] == ':' || s[4] == ' ' || s[4] == 's' || (unsigned char)s[4] == 0xEF);
}

/* An empty cell written as a dash, a slash or "N/A"; its value is 0. */
static bool is_placeholder(const char *s, size_t n)
{
	static const char *const marks[] = {
		"-", "--", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x94\xE2\x80\x94", "/", "N/A", "n/a",
		"\xE2\x80\xA6",
	};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strlen(marks[i]) == n && memcmp(marks[i], s, n) == 0)
			return true;
	return false;
}

static bool is_cell_line(const struct line *l)
{
	return l->kind == LK_TEXT && (is_number(l->t, l->tlen) || is_placeholder(l->t, l->tlen));
}

/* A row or column label: a short phrase, not a number, not a sentence. */
static bool is_label_line(const struct line *l)
{
	if (l->kind != LK_TEXT || l->pair_heading || l->tlen == 0 || l->tlen > LABEL_MAX_BYTES)
		return false;
	const char *s = l->t;
	size_t n = l->tlen;
	if (is_number(s, n) || is_placeholder(s, n) || ends_like_sentence(s, n) || has_brackets(s, n) || s[0] == '(')
		return false;
	if (count_words(s, n) > LABEL_MAX_WORDS || is_unit_line(s, n) || is_note_line(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (is_alpha(s[i]) || (unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static bool is_caption_line(const struct line *l)
{
	return l->kind == LK_TEXT && !l->pair_heading && l->tlen <= CAPTION_MAX_BYTES &&
	       !ends_like_sentence(l->t, l->tlen) && !has_brackets(l->t, l->tlen) &&
	       !is_number(l->t, l->tlen) && l->t[0] != '(';
}

/* Number of cell lines from content index ci on, counting at most limit. */
static size_t count_cells(const struct parser *p, size_t ci, size_t limit)
{
	size_t k = 0;
	while (ci + k < p->ncontent && k < limit && is_cell_line(content_line(p, ci + k)))
		k++;
	return k;
}

/* Multiplier words of a unit ("ten thousand Yuan", "100 million yuan"). */
static const struct {
	const char *word;
	int64_t factor;
} unit_words[] = {
	{ "ten", 10 }, { "hundred", 100 }, { "thousand", 1000 }, { "wan", 10000 },
	{ "million", 1000000 }, { "billion", 1000000000 }, { "yi", 100000000 },
};

static bool is_currency_word(const char *w, size_t n)
{
	return (n == 4 && span_starts_ci(w, n, "yuan")) || (n == 3 && span_starts_ci(w, n, "rmb")) ||
	       (n == 3 && span_starts_ci(w, n, "cny"));
}

static int64_t unit_word_factor(const char *w, size_t n)
{
	if (n > 0 && is_digit(w[0])) {
		double v = number_value(w, n);
		if (v > 1e12)
			return INT64_MAX;              /* rejected by unit_to_yuan */
		return v >= 1 ? (int64_t)v : 1;
	}
	for (size_t i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++)
		if (strlen(unit_words[i].word) == n && span_starts_ci(w, n, unit_words[i].word))
			return unit_words[i].factor;
	return 1;
}

/* Yuan per cell unit: the product of the multiplier words, when the unit is
 * a currency at all; 0 when it is not ("persons", "mu") or is beyond any
 * plausible unit (UNIT_MAX_YUAN). */
static int64_t unit_to_yuan(const char *s, size_t n)
{
	int64_t factor = 1;
	bool currency = false;
	for (size_t i = 0; i < n;) {
		while (i < n && !is_alpha(s[i]) && !is_digit(s[i]))
			i++;
		size_t start = i;
		while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || (s[i] == ',' && i > start && is_digit(s[i - 1]))))
			i++;
		if (i == start)
			continue;
		if (is_currency_word(s + start, i - start)) {
			currency = true;
			continue;
		}
		int64_t f = unit_word_factor(s + start, i - start);
		if (factor > UNIT_MAX_YUAN / f)
			return 0;
		factor *= f;
	}
	return currency ? factor : 0;
}

/* The unit text of "(Unit: ten thousand Yuan)": after the colon, without
 * the closing parenthesis. */
static char *unit_text(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t skip = 1;
	if (!colon) {
		colon = memmem(s, n, "\xEF\xBC\x9A", 3);
		skip = 3;
	}
	const char *v = colon ? colon + skip : s;
	size_t vn = n - (size_t)(v - s);
	const char *t;
	size_t tn;
	trim_span(v, vn, &t, &tn);
	if (tn > 0 && t[tn - 1] == ')')
		tn--;
	else if (span_ends_with(t, tn, "\xEF\xBC\x89"))
		tn -= 3;
	return trimmed_dup(t, tn);
}

struct table_shape {
	size_t first_row;      /* content index of the first row label */
	size_t ncols, nrows;
	size_t nlabels;        /* label lines right above the first row */
	size_t end;            /* content index after the last row */
	bool year_header;      /* column labels are years, written like cells */
};

/* Measures the rows from content index ci: each a label and exactly ncols
 * cells, as long as the shape holds. */
static void measure_rows(const struct parser *p, struct table_shape *ts)
{
	size_t ci = ts->first_row;
	ts->nrows = 0;
	while (ci < p->ncontent && is_label_line(content_line(p, ci)) &&
	       count_cells(p, ci + 1, ts->ncols + 1) == ts->ncols) {
		ts->nrows++;
		ci += ts->ncols + 1;
	}
	ts->end = ci;
	if (ts->year_header)
		return;
	ts->nlabels = 0;
	while (ts->nlabels < ts->first_row && ts->nlabels < ts->ncols + 1 &&
	       is_label_line(content_line(p, ts->first_row - ts->nlabels - 1)))
		ts->nlabels++;
}

static void claim(struct parser *p, size_t ci, struct report_table *t)
{
	struct line *l = content_line(p, ci);
	l->kind = LK_TABLE;
	if (t->end_line < (int)p->content[ci] + 1)
		t->end_line = (int)p->content[ci] + 1;
}

static char *line_dup(const struct parser *p, size_t ci)
{
	return xstrndup(content_line(p, ci)->t, content_line(p, ci)->tlen);
}

/* Column labels are the label lines right above the first row, one per
 * column; one more label above them is the corner ("Types"). With fewer
 * labels than columns, the first columns go unlabelled. */
static size_t fill_header(struct parser *p, const struct table_shape *ts, struct report_table *t)
{
	size_t ncols = ts->ncols, have = ts->nlabels < ncols ? ts->nlabels : ncols;
	t->col_labels = xcalloc(ncols, sizeof(char *));
	for (size_t c = 0; c < ncols; c++) {
		size_t from_end = ncols - c;
		t->col_labels[c] = from_end <= have ? line_dup(p, ts->first_row - from_end) : xstrdup("");
	}
	size_t top = ts->first_row - have;
	if (ts->nlabels > ncols) {
		top--;
		t->corner = line_dup(p, top);
	}
	return top;
}

static void fill_rows(struct parser *p, const struct table_shape *ts, struct report_table *t)
{
	size_t cells = ts->nrows * ts->ncols;
	t->row_labels = xcalloc(ts->nrows, sizeof(char *));
	t->row_lines = xcalloc(ts->nrows, sizeof(int));
	t->cells = xcalloc(cells, sizeof(char *));
	t->values = xcalloc(cells, sizeof(double));
	t->cell_lines = xcalloc(cells, sizeof(int));
	size_t ci = ts->first_row;
	for (size_t row = 0; row < ts->nrows; row++) {
		t->row_labels[row] = line_dup(p, ci);
		t->row_lines[row] = (int)p->content[ci] + 1;
		claim(p, ci++, t);
		for (size_t c = 0; c < ts->ncols; c++, ci++) {
			const struct line *l = content_line(p, ci);
			size_t k = row * ts->ncols + c;
			t->cells[k] = xstrndup(l->t, l->tlen);
			t->values[k] = is_number(l->t, l->tlen) ? number_value(l->t, l->tlen) : 0;
			t->cell_lines[k] = (int)p->content[ci] + 1;
			claim(p, ci, t);
		}
	}
}

/* The caption; a unit written at its end ("... in 2009 (Unit: yuan)") is
 * taken from there when no unit line gave one. */
static void set_caption(struct report_table *t, const char *s, size_t n)
{
	const char *open = NULL;
	for (size_t i = 0; i + 5 < n; i++)
		if (s[i] == '(' && is_unit_line(s + i, n - i))
			open = s + i;
	if (t->unit || !open) {
		t->title = xstrndup(s, n);
		return;
	}
	size_t un = n - (size_t)(open - s);
	t->unit = unit_text(open, un);
	t->unit_yuan = unit_to_yuan(t->unit, strlen(t->unit));
	t->title = trimmed_dup(s, (size_t)(open - s));
}

/* Above the header: an optional "(Unit: ...)" line, then an optional caption. */
static size_t fill_caption(struct parser *p, size_t top, struct report_table *t)
{
	if (top > 0) {
		const struct line *l = content_line(p, top - 1);
		if (l->kind == LK_TEXT && is_unit_line(l->t, l->tlen)) {
			t->unit = unit_text(l->t, l->tlen);
			t->unit_yuan = unit_to_yuan(t->unit, strlen(t->unit));
			claim(p, --top, t);
		}
	}
	if (top > 0 && is_caption_line(content_line(p, top - 1))) {
		const struct line *l = content_line(p, top - 1);
		set_caption(t, l->t, l->tlen);
		claim(p, --top, t);
	}
	return top;
}

static void build_table(struct parser *p, const struct table_shape *ts)
{
	struct report *r = p->r;
	struct report_table *t = ARRAY_PUSH(r->tables, r->ntables, p->cap_tables);
	memset(t, 0, sizeof(*t));
	t->section = REPORT_NO_SECTION;
	t->nrows = ts->nrows;
	t->ncols = ts->ncols;
	size_t top = fill_header(p, ts, t);
	t->line_no = (int)p->content[top] + 1;
	for (size_t ci = top; ci < ts->first_row; ci++)
		claim(p, ci, t);
	fill_rows(p, ts, t);
	fill_caption(p, top, t);
	if (ts->end < p->ncontent && is_note_line(content_line(p, ts->end)->t, content_line(p, ts->end)->tlen)) {
		t->note = line_dup(p, ts->end);
		t->note_line = (int)p->content[ts->end] + 1;
		content_line(p, ts->end)->kind = LK_TABLE;
	}
}

static bool is_year_cell(const struct line *l)
{
	if (l->tlen != 4 || !is_number(l->t, 4))
		return false;
	int y = atoi(l->t);
	return y >= 1900 && y <= 2099;
}

/* Column labels that are years ("Types / 2008 / 2009 / Total / <rows>") look
 * like a first row of cells. They are a header when they are increasing
 * years, possibly followed by more labels, and the next row has one cell per
 * year and label. */
static bool find_year_header(const struct parser *p, size_t ci, size_t k, struct table_shape *ts)
{
	for (size_t c = 0; c < k; c++) {
		const struct line *l = content_line(p, ci + 1 + c);
		if (!is_year_cell(l) || (c > 0 && atoi(l->t) <= atoi(content_line(p, ci + c)->t)))
			return false;
	}
	size_t row = ci + 1 + k;
	while (row + 1 < p->ncontent && is_label_line(content_line(p, row)) &&
	       !is_cell_line(content_line(p, row + 1)))
		row++;
	size_t extra = row - (ci + 1 + k);
	if (k + extra < 2 || row + 1 >= p->ncontent || !is_label_line(content_line(p, row)))
		return false;
	if (count_cells(p, row + 1, k + extra + 1) != k + extra)
		return false;
	ts->first_row = row;
	ts->ncols = k + extra;
	ts->nlabels = ts->ncols + 1;
	ts->year_header = true;
	return true;
}

/* A table starts at the first label followed by a number; its column count
 * is the number of cells after that label, and every row must have as many.
 * Two rows make a table; a single row only under a full set of labels. */
static size_t try_table(struct parser *p, size_t ci)
{
	struct table_shape ts = { .first_row = ci };
	ts.ncols = count_cells(p, ci + 1, SIZE_MAX);
	find_year_header(p, ci, ts.ncols, &ts);
	measure_rows(p, &ts);
	if (ts.nrows < 2 && !(ts.nrows == 1 && ts.nlabels >= ts.ncols))
		return ci + 1;
	build_table(p, &ts);
	return ts.end;
}

static void detect_tables(struct parser *p)
{
	for (size_t ci = 0; ci + 1 < p->ncontent;) {
		const struct line *next = content_line(p, ci + 1);
		if (is_label_line(content_line(p, ci)) && next->kind == LK_TEXT && is_number(next->t, next->tlen))
			ci = try_table(p, ci);
		else
			ci++;
	}
}

/* ---- pass 4c: title and headings ----------------------------------------- */

/* The title is the first line of text, when it reads like one. Whether a line is a pair heading
 * depends on its text alone (see is_pair_heading), so it is worked out
 * before tables, whose labels may never be headings; a title that is itself
 * a pair heading also opens the first section. */
/* A first line that reads like prose (long, a sentence, a topic) is no
 * title: it stays a paragraph, and the report is titled by its file name. */
static bool looks_like_title(const struct line *l)
{
	return l->tlen <= CAPTION_MAX_BYTES && !ends_like_sentence(l->t, l->tlen) &&
	       !is_topic_line(l->t, l->tlen);
}

static void detect_headings(struct parser *p)
{
	struct report *r = p->r;
	for (size_t ci = 0; ci < p->ncontent; ci++) {
		struct line *l = content_line(p, ci);
		l->pair_heading = is_pair_heading(l->t, l->tlen);
	}
	if (p->part && !p->part->first) {
		r->title = xstrdup(p->part->title); /* a later part has no title line */
		return;
	}
	struct line *title = p->ncontent ? content_line(p, 0) : NULL;
	if (!title || !looks_like_title(title)) {
		r->title = xstrdup(r->file_name);
		return;
	}
	r->title = xstrndup(title->t, title->tlen);
	title->kind = LK_TITLE;
	p->title_is_pair = title->pair_heading;
}

static bool is_prose_line(const struct line *l)
{
	return l->kind == LK_TEXT && !l->pair_heading &&
	       (l->tlen >= PROSE_MIN_BYTES || is_topic_line(l->t, l->tlen));
}

/* Pair headings become section headings everywhere. A short plain heading
 * ("Overview") counts only before the first pair heading and only when
 * prose follows it, so table labels, captions and stray short lines further
 * down never open a section. */
static void mark_headings(struct parser *p)
{
	bool seen_pair = p->title_is_pair || (p->part && p->part->seen_pair);
	for (size_t ci = 0; ci < p->ncontent; ci++) {
		struct line *l = content_line(p, ci);
		if (l->kind != LK_TEXT)
			continue;
		if (l->pair_heading) {
			l->kind = LK_HEADING;
			seen_pair = true;
		} else if (!seen_pair && is_plain_heading(l->t, l->tlen) &&
			   ci + 1 < p->ncontent && is_prose_line(content_line(p, ci + 1))) {
			l->kind = LK_HEADING;
		}
	}
	p->seen_pair = seen_pair;
}

/* ---- pass 5: sections, paragraphs, sources ------------------------------- */

static size_t open_section(struct parser *p, const char *title, size_t tlen, int line_no)
{
	struct report *r = p->r;
	struct report_section *s = ARRAY_PUSH(r->sections, r->nsections, p->cap_sections);
	memset(s, 0, sizeof(*s));
	s->title = xstrndup(title, tlen);
	s->line_no = line_no;
	s->end_line = line_no;
	p->last_is_paragraph = false;
	return r->nsections - 1;
}

/* Sections are opened lazily: text before the first heading goes to an
 * implicit section titled like the report (line 0), or in a later part of
 * a report read in parts, to the section in force where the part before
 * ended (its line set by shift_lines, once the part is read). */
static size_t current_section(struct parser *p, size_t cur)
{
	if (cur != REPORT_NO_SECTION)
		return cur;
	if (p->part && p->part->cont_title) {
		p->r->continues = true;
		return open_section(p, p->part->cont_title, strlen(p->part->cont_title), 0);
	}
	return open_section(p, p->r->title, strlen(p->r->title), 0);
}

/* The body is the end of the paragraph's own text (the line is trimmed
 * at its end already), not a copy: a report's paragraphs hold its text once. */
static void set_topic(struct report_paragraph *para, size_t n)
{
	const char *s = para->text;
	size_t ts, te, body;
	bool missing;
	if (find_topic(s, n, &ts, &te, &body, &missing)) {
		para->topic = trimmed_dup(s + ts, te - ts);
		para->topic_bracket_missing = missing;
		size_t blen;
		trim_span(s + body, n - body, &para->body, &blen);
		if (para->topic[0] != '\0')
			return;
		free(para->topic);
	}
	para->topic = NULL;
	para->topic_bracket_missing = false;
	para->body = s;
}

static void add_paragraph(struct parser *p, size_t section, const struct line *l, int line_no)
{
	struct report *r = p->r;
	struct report_paragraph *para = ARRAY_PUSH(r->paragraphs, r->nparagraphs, p->cap_paragraphs);
	memset(para, 0, sizeof(*para));
	para->section = section;
	para->line_no = line_no;
	para->text = xstrndup(l->t, l->tlen);
	para->text_off = (size_t)(l->t - r->text);
	para->text_len = l->tlen;
	set_topic(para, l->tlen);
	p->last_is_paragraph = true;
}

static void free_paragraph(struct report_paragraph *para)
{
	free(para->topic);
	free(para->text);
}

/* An attribution: a short line in parentheses, "(Name, Office)". The
 * closing parenthesis may be missing; a numbered "(3) Do this." is not one. */
static bool is_attribution(const char *s, size_t n)
{
	if (n < 3 || n > SOURCE_MAX_BYTES)
		return false;
	if (span_starts_ci(s, n, "\xEF\xBC\x88"))   /* fullwidth parentheses */
		return n > 6 && span_ends_with(s, n, "\xEF\xBC\x89");
	if (s[0] != '(')
		return false;
	if (s[n - 1] == ')')
		return true;
	return memchr(s, ')', n) == NULL && !ends_like_sentence(s, n);
}

/* The attribution without its parentheses; unbalanced ones inside (a stray
 * "(" before the office) are dropped and runs of spaces collapsed. */
/* Marks the parentheses in s[0..n) that have no partner, so that an
 * attribution written "(Name, (Office)" reads "Name, Office". */
static void mark_unbalanced(const char *s, size_t n, bool *drop)
{
	size_t *open = xmalloc((n + 1) * sizeof(*open)), depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(')
			open[depth++] = i;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (s[i] == ')')
			drop[i] = true;
	}
	while (depth > 0)
		drop[open[--depth]] = true;
	free(open);
}

/* Copy of s[0..n) without the dropped bytes, white space runs (no-break
 * spaces included) made one space, trimmed. */
static char *collapse_spaces(const char *s, size_t n, const bool *drop)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n;) {
		size_t sp = space_len((const unsigned char *)s + i, n - i);
		if (sp > 0) {
			if (sb.len > 0 && sb.data[sb.len - 1] != ' ')
				strbuf_append(&sb, " ", 1);
			i += sp;
			continue;
		}
		if (!drop || !drop[i])
			strbuf_append(&sb, s + i, 1);
		i++;
	}
	char *out = strbuf_steal(&sb);
	char *t = trimmed_dup(out, strlen(out));
	free(out);
	return t;
}

static char *clean_source(const char *s, size_t n)
{
	if (span_starts_ci(s, n, "\xEF\xBC\x88"))    /* fullwidth parentheses */
		return collapse_spaces(s + 3, n - 6, NULL);
	s++;
	n--;
	if (n > 0 && s[n - 1] == ')')
		n--;
	bool *drop = xcalloc(n + 1, sizeof(*drop));
	mark_unbalanced(s, n, drop);
	char *out = collapse_spaces(s, n, drop);
	free(drop);
	return out;
}

/* When the section's last item is an attribution paragraph, it becomes the
 * section's source instead. */
static void close_section(struct parser *p, size_t cur)
{
	struct report *r = p->r;
	if (cur == REPORT_NO_SECTION || !p->last_is_paragraph || r->nparagraphs == 0)
		return;
	struct report_paragraph *last = &r->paragraphs[r->nparagraphs - 1];
	if (last->section != cur || !is_attribution(last->text, strlen(last->text)))
		return;
	struct report_section *s = &r->sections[cur];
	s->source = clean_source(last->text, strlen(last->text));
	s->source_line = last->line_no;
	free_paragraph(last);
	r->nparagraphs--;
}

static void extend_section(struct parser *p, size_t cur, int line_no)
{
	if (cur != REPORT_NO_SECTION && p->r->sections[cur].end_line < line_no)
		p->r->sections[cur].end_line = line_no;
}

static void assemble(struct parser *p)
{
	struct report *r = p->r;
	size_t cur = REPORT_NO_SECTION;
	for (size_t i = 0; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		int line_no = (int)i + 1;
		bool starts_section = l->kind == LK_HEADING || (l->kind == LK_TITLE && l->pair_heading);
		if (starts_section) {
			close_section(p, cur);
			cur = open_section(p, l->t, l->tlen, line_no);
		} else if (l->kind == LK_TEXT) {
			cur = current_section(p, cur);
			add_paragraph(p, cur, l, line_no);
		} else if (l->kind == LK_TABLE) {
			cur = current_section(p, cur);
			/* tables are found in file order; each gets the section of its first label */
			if (p->next_table < r->ntables && r->tables[p->next_table].line_no == line_no)
				r->tables[p->next_table++].section = cur;
			p->last_is_paragraph = false;
		} else {
			continue;
		}
		extend_section(p, cur, line_no);
	}
	close_section(p, cur);
	for (size_t k = 0; k < r->nparagraphs; k++)
		r->nbracket_missing += r->paragraphs[k].topic_bracket_missing;
}

/* ---- pass 6: year -------------------------------------------------------- */

#define YEAR_MIN 1900
#define YEAR_SPAN 200

struct year_counts {
	int in_phrase[YEAR_SPAN];  /* "in 2012", "In July 2010", "in early 2008" */
	int any[YEAR_SPAN];        /* every 19xx/20xx standing alone */
	int dateline;              /* year of a date in the header lines, 0 if none */
};

/* The year at s[i..i+4) when it stands alone (no digit on either side). */
static int year_at(const char *s, size_t n, size_t i)
{
	if (i + 4 > n || (i > 0 && is_digit(s[i - 1])) || (i + 4 < n && is_digit(s[i + 4])))
		return 0;
	if (!is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
		return 0;
	int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	return y >= YEAR_MIN && y < YEAR_MIN + YEAR_SPAN ? y : 0;
}

/* Whether the year at position i is introduced by "in", directly or after
 * one word ("In July 2010", "in early 2008"). */
static bool preceded_by_in(const char *s, size_t i)
{
	size_t k = i;
	for (int words = 0; words < 2; words++) {
		if (k == 0 || s[k - 1] != ' ')
			return false;
		while (k > 0 && s[k - 1] == ' ')
			k--;
		size_t end = k;
		while (k > 0 && is_alpha(s[k - 1]))
			k--;
		if (end - k == 2 && span_starts_ci(s + k, 2, "in") && (k == 0 || !is_alpha(s[k - 1])))
			return true;
		if (end == k || !is_alpha(s[k]))
			return false;
	}
	return false;
}

/* Length of a run of one or two digits at s[i] (0 when none). */
static size_t day_digits(const char *s, size_t n, size_t i)
{
	size_t k = 0;
	while (i + k < n && k < 3 && is_digit(s[i + k]))
		k++;
	return k >= 1 && k <= 2 ? k : 0;
}

static bool is_date_sep(char c)
{
	return c == '-' || c == '/' || c == '.';
}

/* A numeric date "02-02-2018", "2/2/2018" or "2018-02-02" in a short line;
 * its year, or 0. */
static int dateline_year(const char *s, size_t n)
{
	if (n > 120)
		return 0;
	for (size_t i = 0; i + 4 <= n; i++) {
		int y = year_at(s, n, i);
		if (!y)
			continue;
		/* dd-mm-yyyy: two day/month groups before the year */
		if (i >= 4 && is_date_sep(s[i - 1])) {
			size_t k = i - 1;
			while (k > 0 && is_digit(s[k - 1]) && i - 1 - k < 2)
				k--;
			if (k < i - 1 && k >= 2 && is_date_sep(s[k - 1]) && is_digit(s[k - 2]))
				return y;
		}
		/* yyyy-mm-dd */
		size_t a = i + 4;
		if (a < n && is_date_sep(s[a])) {
			size_t m = day_digits(s, n, a + 1);
			if (m && a + 1 + m < n && is_date_sep(s[a + 1 + m]) && day_digits(s, n, a + 2 + m))
				return y;
		}
		i += 3;
	}
	return 0;
}

static void count_years(const struct line *l, struct year_counts *yc)
{
	for (size_t i = 0; i + 4 <= l->tlen; i++) {
		if (!is_digit(l->t[i]))
			continue;   /* most bytes: year_at would say so, at more cost */
		int y = year_at(l->t, l->tlen, i);
		if (!y)
			continue;
		yc->any[y - YEAR_MIN]++;
		if (preceded_by_in(l->t, i))
			yc->in_phrase[y - YEAR_MIN]++;
		i += 3;
	}
}

/* The most counted year, the later one on a tie; 0 when none reaches min. */
static int top_year(const int *counts, int min)
{
	int best = -1;
	for (int k = 0; k < YEAR_SPAN; k++)
		if (counts[k] >= min && (best < 0 || counts[k] >= counts[best]))
			best = k;
	return best < 0 ? 0 : YEAR_MIN + best;
}

/* The year a report covers: an annual report says "In 2012, ..." over and
 * over, so a year cited at least three times after "in" wins; else a
 * dateline in the first lines ("Original, GPIG, 02-02-2018"); else the
 * year cited most often at all; else 0. Dropped lines do not count. */
static void detect_year(struct parser *p)
{
	if (p->part && !p->part->first) {
		p->r->year = p->part->year;
		return;
	}
	struct year_counts *yc = xcalloc(1, sizeof(*yc));
	int header = 0;
	for (size_t i = 0; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		if (l->kind == LK_BLANK || l->kind == LK_FOOTER || l->kind == LK_REPEAT)
			continue;
		if (header++ < 3 && yc->dateline == 0)
			yc->dateline = dateline_year(l->t, l->tlen);
		count_years(l, yc);
	}
	int y = top_year(yc->in_phrase, 3);
	if (y == 0)
		y = yc->dateline;
	if (y == 0)
		y = top_year(yc->any, 1);
	p->r->year = y;
	free(yc);
}

/* ---- public API ---------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Moves the line numbers of a part (counted from its own first line) to
 * where its lines are in the file; the section a later part continues
 * keeps the line of its heading, in the part before. */
static void shift_lines(struct report *r, const struct part_ctx *part)
{
	int by = part->first_line;
	for (size_t i = 0; i < r->nsections; i++) {
		struct report_section *sec = &r->sections[i];
		if (i == 0 && r->continues)
			sec->line_no = part->cont_line;
		else if (sec->line_no)
			sec->line_no += by;
		sec->end_line += by;
		if (sec->source_line)
			sec->source_line += by;
	}
	for (size_t i = 0; i < r->nparagraphs; i++)
		r->paragraphs[i].line_no += by;
	for (size_t i = 0; i < r->ntables; i++) {
		struct report_table *t = &r->tables[i];
		t->line_no += by;
		t->end_line += by;
		if (t->note_line)
			t->note_line += by;
		for (size_t k = 0; k < t->nrows; k++)
			t->row_lines[k] += by;
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			t->cell_lines[k] += by;
	}
	if (r->footer_line)
		r->footer_line += by;
	if (r->repeat_from) {
		r->repeat_from += by;
		r->repeat_to += by;
	}
}

/* Parses buf (len bytes and a NUL), which it frees once its sanitized copy
 * is made: of a large report, two copies at most are in memory at once.
 * part is NULL for a whole report, else where the part lies in its file. */
static struct report *parse_part(const char *name, char *buf, size_t len, struct parser *p)
{
	const struct part_ctx *part = p->part;
	struct report *r = xcalloc(1, sizeof(*r));
	p->r = r;
	r->file_name = xstrdup(name ? base_name(name) : "");
	r->path = xstrdup(name ? name : "");
	size_t nlen = normalise_line_ends(buf, len, !part || part->first);
	struct strbuf text = { 0 };
	inert_append_at(&text, buf, nlen, INERT_NEWLINES, part ? part->notes : &r->stripped,
			part ? part->first_line + 1 : 1);
	free(buf);
	r->text_len = text.len;
	r->text = strbuf_steal(&text);

	split_lines(p);
	if (!part || part->last)
		detect_footer(p);   /* the footer ends the file, not a part */
	collect_content(p);
	detect_repeat(p);
	collect_content(p);
	detect_headings(p);
	collect_content(p);
	detect_tables(p);
	mark_headings(p);
	assemble(p);
	detect_year(p);
	free(p->lines);
	free(p->content);
	if (part) {
		r->first_line = part->first_line;
		shift_lines(r, part);
	}
	return r;
}

static enum status parse_owned(const char *name, char *buf, size_t len, struct report **out)
{
	struct parser p = { 0 };
	*out = parse_part(name, buf, len, &p);
	return ST_OK;
}

enum status report_parse(const char *name, const char *buf, size_t len, struct report **out)
{
	char *copy = xmalloc((buf ? len : 0) + 1);
	if (buf && len)
		memcpy(copy, buf, len);
	copy[buf ? len : 0] = '\0';
	return parse_owned(name, copy, buf ? len : 0, out);
}

/* Opens without blocking (a FIFO would otherwise wait for a writer) and
 * refuses anything but a regular file before reading a byte. */
static enum status open_regular(const char *path, int *fd_out, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return status_set(ST_IO, "%s: %s", path, strerror(errno));
	struct stat st;
	const char *why = NULL;
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = "is a directory";
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	if (why) {
		enum status st_err = status_set(ST_IO, "%s: %s", path, why);
		close(fd);
		return st_err;
	}
	if ((uintmax_t)st.st_size > REPORT_MAX_BYTES) {
		close(fd);
		return status_set(ST_DATA, "%s: file too large", path);
	}
	*fd_out = fd;
	*size = (size_t)st.st_size;
	return ST_OK;
}

static enum status read_all(const char *path, int fd, size_t hint, char **out, size_t *out_len)
{
	size_t cap = hint + 2, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > REPORT_MAX_BYTES) {
				free(buf);
				return status_set(ST_DATA, "%s: file too large", path);
			}
			buf = xreallocarray(buf, cap, 2);
			cap *= 2;
		}
		ssize_t got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			enum status st = status_set(ST_IO, "%s: %s", path, strerror(errno));
			free(buf);
			return st;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return ST_OK;
}

enum status report_read(const char *path, struct report **out)
{
	int fd = -1;
	size_t size = 0, len = 0;
	char *buf = NULL;
	enum status st = open_regular(path, &fd, &size);
	if (st != ST_OK)
		return st;
	st = read_all(path, fd, size, &buf, &len);
	close(fd);
	if (st != ST_OK)
		return st;
	if (memchr(buf, '\0', len)) {
		free(buf);
		return status_set(ST_DATA, "%s: binary file (NUL byte)", path);
	}
	return parse_owned(path, buf, len, out);
}

/* ---- a large report, in parts ---------------------------------------------- */

struct report_stream {
	char *path;            /* owned */
	int fd;
	size_t part_bytes;
	char *buf;             /* owned; bytes read and not yet handed out */
	size_t len, cap;
	size_t read_total;     /* bytes of the file read so far */
	bool eof;
	size_t parts;          /* parts handed out */
	int lines;             /* lines of those parts */
	char *title;           /* owned; the report's, from the first part */
	int year;
	char *cont_title;      /* owned, may be NULL; the section in force at the end
	                        * of the last part */
	int cont_line;
	bool seen_pair;
	struct inert_notes notes; /* owned; what sanitizing removed, in every part */
};

enum status report_stream_open(const char *path, size_t part_bytes, struct report_stream **out)
{
	int fd;
	size_t size;
	enum status st = open_regular(path, &fd, &size);
	if (st != ST_OK)
		return st;
	struct report_stream *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->fd = fd;
	s->part_bytes = part_bytes ? part_bytes : 1;
	*out = s;
	return ST_OK;
}

/* Reads until the buffer holds want bytes or the file ends. */
static enum status stream_fill(struct report_stream *s, size_t want)
{
	array_reserve(&s->buf, &s->cap, want + 1, 1);
	while (!s->eof && s->len < want) {
		ssize_t got = read(s->fd, s->buf + s->len, want - s->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return status_set(ST_IO, "%s: %s", s->path, strerror(errno));
		s->eof = got == 0;
		s->len += (size_t)got;
		s->read_total += (size_t)got;
		if (s->read_total > REPORT_MAX_BYTES)
			return status_set(ST_DATA, "%s: file too large", s->path);
	}
	return ST_OK;
}

/* The length of the line ending at buf[end] (a \n or \r), blank lines
 * before it skipped; *start gets where it starts. */
static size_t line_before(const char *buf, size_t end, size_t *start)
{
	while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == '\r'))
		end--;
	size_t k = end;
	while (k > 0 && buf[k - 1] != '\n' && buf[k - 1] != '\r')
		k--;
	*start = k;
	return end - k;
}

/* The length of the first non-blank line at or after buf[from], 0 when
 * none starts before n. */
static size_t line_after(const char *buf, size_t from, size_t n)
{
	while (from < n && (buf[from] == '\n' || buf[from] == '\r'))
		from++;
	size_t k = from;
	while (k < n && buf[k] != '\n' && buf[k] != '\r')
		k++;
	return k < n ? k - from : 0;
}

/* Where to end a part within buf[0..n) (known bytes are read): after a
 * line end between two lines of prose in its second half, so that no
 * table (a run of short lines) and no section's heading with its first
 * paragraph is cut apart; else after its last line end (a \n, or a lone
 * \r whose next byte is known); 0 when there is none. A line end is never
 * inside a UTF-8 character, so a part always ends between characters. */
static size_t part_cut(const char *buf, size_t n, size_t known)
{
	size_t k = n, start;
	while (k > n / 2) {
		while (k > n / 2 && buf[k - 1] != '\n')
			k--;
		if (k <= n / 2)
			break;
		size_t before = line_before(buf, k, &start);
		if (before >= PROSE_MIN_BYTES && line_after(buf, k, known) >= PROSE_MIN_BYTES)
			return k;
		k = start;   /* the next line end to try is the one before that line */
	}
	for (k = n; k > 0; k--)
		if (buf[k - 1] == '\n' || (buf[k - 1] == '\r' && k < known && buf[k] != '\n'))
			return k;
	return 0;
}

/* The length of the next part in s->buf: the rest of the file when it
 * fits, else up to a line end within part_bytes; a line longer than that
 * is never cut (its part is longer). */
static enum status next_part_length(struct report_stream *s, size_t *cut)
{
	enum status st = stream_fill(s, s->part_bytes + 1);
	if (st != ST_OK || (s->eof && s->len <= s->part_bytes)) {
		*cut = s->len;
		return st;
	}
	size_t at = part_cut(s->buf, s->part_bytes, s->len);
	while (st == ST_OK && !at) {
		size_t from = s->len;
		st = stream_fill(s, s->len + s->part_bytes);
		for (size_t k = from; k < s->len && !at; k++)
			if (s->buf[k] == '\n')
				at = k + 1;
		if (st == ST_OK && !at && s->eof)
			at = s->len;
	}
	*cut = at;
	return st;
}

/* Keeps what the part leaves to the next: its title, year, the section in
 * force at its end. */
static void stream_carry(struct report_stream *s, const struct report *r, const struct parser *p)
{
	if (s->parts == 0) {
		s->title = xstrdup(r->title);
		s->year = r->year;
	}
	if (r->nsections) {
		const struct report_section *last = &r->sections[r->nsections - 1];
		free(s->cont_title);
		s->cont_title = xstrdup(last->title);
		s->cont_line = last->line_no;
	}
	s->seen_pair = p->seen_pair;
	s->parts++;
	s->lines += r->line_count;
}

enum status report_stream_next(struct report_stream *s, struct report **out)
{
	*out = NULL;
	size_t cut;
	enum status st = next_part_length(s, &cut);
	if (st != ST_OK || (cut == 0 && s->parts > 0))
		return st;
	if (memchr(s->buf, '\0', cut))
		return status_set(ST_DATA, "%s: binary file (NUL byte)", s->path);
	char *text = xmalloc(cut + 1);
	memcpy(text, s->buf, cut);
	text[cut] = '\0';
	memmove(s->buf, s->buf + cut, s->len - cut);
	s->len -= cut;
	struct part_ctx part = {
		.first_line = s->lines, .first = s->parts == 0, .last = s->eof && s->len == 0,
		.title = s->title, .year = s->year, .cont_title = s->cont_title,
		.cont_line = s->cont_line, .seen_pair = s->seen_pair, .notes = &s->notes,
	};
	struct parser p = { .part = &part };
	*out = parse_part(s->path, text, cut, &p);
	stream_carry(s, *out, &p);
	return ST_OK;
}

size_t report_stream_parts(const struct report_stream *s)
{
	return s->parts;
}

int report_stream_lines(const struct report_stream *s)
{
	return s->lines;
}

const char *report_stream_title(const struct report_stream *s)
{
	return s->title;
}

const struct inert_notes *report_stream_notes(const struct report_stream *s)
{
	return &s->notes;
}

void report_stream_close(struct report_stream *s)
{
	if (!s)
		return;
	close(s->fd);
	free(s->path);
	free(s->buf);
	free(s->title);
	free(s->cont_title);
	inert_notes_free(&s->notes);
	free(s);
}

static void free_table(struct report_table *t)
{
	free(t->title);
	free(t->unit);
	free(t->corner);
	free(t->note);
	for (size_t c = 0; c < t->ncols; c++)
		free(t->col_labels ? t->col_labels[c] : NULL);
	for (size_t row = 0; row < t->nrows; row++)
		free(t->row_labels ? t->row_labels[row] : NULL);
	for (size_t k = 0; k < t->nrows * t->ncols; k++)
		free(t->cells ? t->cells[k] : NULL);
	free(t->col_labels);
	free(t->row_labels);
	free(t->row_lines);
	free(t->cells);
	free(t->values);
	free(t->cell_lines);
}

/* Writes the whole text to fd; false on any failure. */
static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t put = write(fd, s, n);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return false;
		s += put;
		n -= (size_t)put;
	}
	return true;
}

void report_spill_text(struct report *r, const char *dir)
{
	if (!r->text || r->text_file)
		return;
	char *path = xasprintf("%s/pairoff-text.XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	FILE *f = fd >= 0 && write_all(fd, r->text, r->text_len) ? fdopen(fd, "rb") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return;
	}
	r->text_file = f;
	free(r->text);
	r->text = NULL;
}

size_t report_text_piece(const struct report *r, size_t off, char *buf, size_t n)
{
	if (off >= r->text_len)
		return 0;
	if (n > r->text_len - off)
		n = r->text_len - off;
	if (!r->text_file) {
		memcpy(buf, r->text + off, n);
		return n;
	}
	int fd = fileno(r->text_file);
	size_t got = 0;
	while (got < n) {
		ssize_t k = pread(fd, buf + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return (size_t)-1;
		got += (size_t)k;
	}
	return n;
}

void report_drop_paragraph_texts(struct report *r)
{
	for (size_t i = 0; i < r->nparagraphs; i++) {
		struct report_paragraph *p = &r->paragraphs[i];
		if (!p->text)
			continue;
		p->body_off = p->body ? (size_t)(p->body - p->text) : 0;
		free(p->text);
		p->text = NULL;
		p->body = NULL;
	}
}

const char *report_paragraph_text(const struct report *r, size_t i, bool body, char **buf,
				  size_t *cap)
{
	const struct report_paragraph *p = &r->paragraphs[i];
	if (p->text)
		return body && p->body ? p->body : p->text;
	array_reserve(buf, cap, p->text_len + 1, 1);
	if (report_text_piece(r, p->text_off, *buf, p->text_len) != p->text_len)
		return NULL;
	(*buf)[p->text_len] = '\0';
	return body ? *buf + p->body_off : *buf;
}

void report_drop_paragraphs(struct report *r)
{
	for (size_t i = 0; i < r->nparagraphs; i++)
		free_paragraph(&r->paragraphs[i]);
	free(r->paragraphs);
	r->paragraphs = NULL;
	r->nparagraphs = 0;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	inert_notes_free(&r->stripped);
	for (size_t i = 0; i < r->nsections; i++) {
		free(r->sections[i].title);
		free(r->sections[i].source);
	}
	for (size_t i = 0; i < r->nparagraphs; i++)
		free_paragraph(&r->paragraphs[i]);
	for (size_t i = 0; i < r->ntables; i++)
		free_table(&r->tables[i]);
	free(r->sections);
	free(r->paragraphs);
	free(r->tables);
	free(r->line_starts);
	free(r->path);
	free(r->file_name);
	free(r->title);
	free(r->text);
	if (r->text_file)
		fclose(r->text_file);
	free(r);
}

bool report_line(const struct report *r, int line_no, const char **start, size_t *len)
{
	if (r)
		line_no -= r->first_line;   /* a part's lines are counted in its file */
	if (!r || !r->text || line_no < 1 || line_no > r->line_count)
		return false;
	size_t off = 0;
	if (r->line_starts) {
		off = r->line_starts[line_no - 1];
	} else {
		for (int k = 1; k < line_no; k++) {
			const char *nl = memchr(r->text + off, '\n', r->text_len - off);
			if (!nl)
				return false;
			off = (size_t)(nl - r->text) + 1;
		}
	}
	const char *s = r->text + off;
	const char *nl = memchr(s, '\n', r->text_len - off);
	*start = s;
	*len = nl ? (size_t)(nl - s) : r->text_len - off;
	return true;
}

bool report_topic_is_overview(const char *topic)
{
	return topic && strcasestr(topic, "overview");
}

/* Whether word starts a word of topic (any case): "visit" in "Exchange
 * visits", not in "revisited". */
static bool has_word(const char *topic, const char *word)
{
	for (const char *p = topic; (p = strcasestr(p, word)) != NULL; p++)
		if (p == topic || !isalpha((unsigned char)p[-1]))
			return true;
	return false;
}

bool report_topic_sums_up(const char *topic)
{
	/* a summing-up's words, an event's (where money is handed over or
	 * told again), money's own, the programme's own name: a topic the rule
	 * cannot tell from work of its own is taken to restate the others */
	static const char *const words[] = {
		"overview", "general", "overall", "summary", "review", "achievement", "result",
		"highlight", "main work", "progress", "situation",
		"meeting", "conference", "session", "forum", "talks", "visit", "seminar", "signing", "joint",
		"fund", "capital", "financ", "counterpart", "pairing",
	};
	for (size_t i = 0; topic && i < sizeof(words) / sizeof(words[0]); i++)
		if (has_word(topic, words[i]))
			return true;
	return false;
}
