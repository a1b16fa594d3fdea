#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-internal.h"
#include "pairoff/util.h"

/* Amounts of money in a sentence: "180 million Yuan", "1.93 billion Yuan",
 * "850,000 Yuan", "one million yuan", "over 2.5 billion in aid" (no unit). Parsed with checked integer arithmetic: an amount that does not fit in
 * int64 yuan, or a negative one, is reported as an anomaly and skipped. */

static const struct {
	const char *word;
	int64_t value;
} number_words[] = {
	{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
	{ "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 },
	{ "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 }, { "a hundred", 100 },
	{ "one hundred", 100 },
};

/* Longest first, so "hundred million" wins over "million". */
static const struct {
	const char *word;
	int64_t value;
} scales[] = {
	{ "hundred million", 100000000 }, { "ten thousand", 10000 }, { "billion", 1000000000 },
	{ "million", 1000000 }, { "thousand", 1000 },
};

static const char *const approx_words[] = {
	"more than", "over", "nearly", "about", "around", "approximately", "almost",
	"at least", "up to", "some", "close to", "above", "less than", "under",
};

/* Words that name money when "yuan" is left out ("1.981 billion in financial aid"). */
static const char *const money_nouns[] = {
	"aid", "fund", "financial", "relief", "anti-poverty", "assistance", "donation", "grant",
	"capital", "investment",
};

static bool is_word(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static size_t skip_blanks(const char *t, size_t i)
{
	while (t[i] == ' ')
		i++;
	return i;
}

static inline unsigned char lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

/* Matches word (case-insensitive, whole word; written in lower case) at t+i;
 * returns its length or 0. Tried at every word start of every sentence, so
 * the first byte is compared before any call. */
static size_t word_len_at(const char *t, size_t i, const char *word)
{
	if (lower((unsigned char)t[i]) != (unsigned char)word[0])
		return 0;
	size_t n = strlen(word);
	if (strncasecmp(t + i, word, n) != 0 || is_word((unsigned char)t[i + n]))
		return 0;
	return n;
}

/* Digits with optional thousands commas and decimals. Sets *malformed for
 * comma groups that are not three digits ("300,00"). */
static size_t number_len(const char *t, size_t i, bool *malformed)
{
	size_t j = i;
	*malformed = false;
	while (isdigit((unsigned char)t[j]))
		j++;
	while (t[j] == ',' && isdigit((unsigned char)t[j + 1])) {
		size_t k = j + 1, d = 0;
		while (isdigit((unsigned char)t[k]))
			k++, d++;
		if (d != 3)
			*malformed = true;
		j = k;
	}
	if (t[j] == '.' && isdigit((unsigned char)t[j + 1])) {
		j++;
		while (isdigit((unsigned char)t[j]))
			j++;
	}
	return j - i;
}

bool xparse_amount(const char *num, size_t num_len, const char *scale, int64_t *yuan)
{
	int64_t mant = 0, mult = 1;
	int dec = -1;
	for (size_t i = 0; i < num_len; i++) {
		char ch = num[i];
		if (ch == ',')
			continue;
		if (ch == '.') {
			dec = 0;
			continue;
		}
		if (!isdigit((unsigned char)ch))
			return false;
		if (__builtin_mul_overflow(mant, 10, &mant) || __builtin_add_overflow(mant, ch - '0', &mant))
			return false;
		if (dec >= 0)
			dec++;
	}
	for (size_t s = 0; scale && s < sizeof(scales) / sizeof(scales[0]); s++)
		if (strcasecmp(scale, scales[s].word) == 0)
			mult = scales[s].value;
	while (dec > 0 && mult % 10 == 0) {
		mult /= 10;
		dec--;
	}
	if (__builtin_mul_overflow(mant, mult, &mant))
		return false;
	for (; dec > 0; dec--)
		mant = (mant + 5) / 10;
	*yuan = mant;
	return true;
}

static int64_t scale_at(const char *t, size_t i, size_t *len)
{
	i = skip_blanks(t, i);
	for (size_t s = 0; s < sizeof(scales) / sizeof(scales[0]); s++) {
		size_t n = word_len_at(t, i, scales[s].word);
		if (n) {
			*len = i + n;
			return scales[s].value;
		}
	}
	return 0;
}

/* "yuan", "Yuan", "RMB" after the number; returns the end offset or 0. */
static size_t currency_at(const char *t, size_t i)
{
	i = skip_blanks(t, i);
	size_t n = word_len_at(t, i, "yuan");
	if (!n)
		n = word_len_at(t, i, "rmb");
	return n ? i + n : 0;
}

/* "RMB 5 million", "¥ 300,000": the currency written first. */
static bool currency_before(const char *t, size_t i)
{
	size_t b = i;
	while (b > 0 && t[b - 1] == ' ')
		b--;
	if (b >= 3 && lower((unsigned char)t[b - 1]) == 'b' && lower((unsigned char)t[b - 2]) == 'm' &&
	    lower((unsigned char)t[b - 3]) == 'r' && (b == 3 || !is_word((unsigned char)t[b - 4])))
		return true;
	return b >= 2 && (unsigned char)t[b - 2] == 0xC2 && (unsigned char)t[b - 1] == 0xA5; /* ¥ */
}

/* Without "yuan": a scale followed by "of/in ... aid|funds" or preceded by
 * "funds of". */
static bool money_without_currency(const char *t, size_t num_start, size_t after)
{
	size_t i = skip_blanks(t, after);
	if (word_len_at(t, i, "of") || word_len_at(t, i, "in") || t[i] == '(') {
		for (size_t w = 0; w < sizeof(money_nouns) / sizeof(money_nouns[0]); w++)
			if (xfind_ci(t, i, i + 40 < strlen(t) ? i + 40 : strlen(t), money_nouns[w]))
				return true;
	}
	size_t b = num_start > 24 ? num_start - 24 : 0;
	return xfind_ci(t, b, num_start, "funds of ") != NULL || xfind_ci(t, b, num_start, "aid of ") != NULL;
}

size_t xapprox_start(const char *t, size_t num_start, bool *approx)
{
	size_t b = num_start;
	while (b > 0 && t[b - 1] == ' ')
		b--;
	for (size_t a = 0; a < sizeof(approx_words) / sizeof(approx_words[0]); a++) {
		size_t n = strlen(approx_words[a]);
		if (b >= n && strncasecmp(t + b - n, approx_words[a], n) == 0 &&
		    (b == n || !is_word((unsigned char)t[b - n - 1]))) {
			*approx = true;
			return b - n;
		}
	}
	*approx = false;
	return num_start;
}

/* A number as digits or words at t+i: sets *len and the digits to parse. */
static bool number_at(const char *t, size_t i, size_t *len, char *digits, size_t cap, bool *malformed)
{
	*malformed = false;
	if (isdigit((unsigned char)t[i])) {
		*len = number_len(t, i, malformed);
		if (*len >= cap)
			*len = cap - 1;
		memcpy(digits, t + i, *len);
		digits[*len] = '\0';
		return true;
	}
	unsigned char first = lower((unsigned char)t[i]);
	if (first < 'a' || first > 'z')
		return false; /* tried at every word start: most are not number words */
	for (size_t w = 0; w < sizeof(number_words) / sizeof(number_words[0]); w++) {
		size_t n = (unsigned char)number_words[w].word[0] == first ? word_len_at(t, i, number_words[w].word) : 0;
		if (n) {
			*len = n;
			snprintf(digits, cap, "%lld", (long long)number_words[w].value);
			return true;
		}
	}
	return false;
}

static void add_money(struct xsentence *s, size_t start, size_t num_start, size_t end, int64_t yuan, bool approx)
{
	struct xmoney *m = ARRAY_PUSH(s->money, s->nmoney, s->cap_money);
	m->start = start;
	m->num_start = num_start;
	m->end = end;
	m->yuan = yuan;
	m->approx = approx;
}

/* Tries an amount at offset i; returns the offset to continue from. */
static size_t money_at(struct xctx *c, struct xsentence *s, size_t i)
{
	const char *t = s->text;
	char digits[64] = "";
	size_t nlen;
	bool malformed;
	if (!number_at(t, i, &nlen, digits, sizeof(digits), &malformed) || is_word((unsigned char)t[i + nlen]))
		return i + 1;
	size_t after = i + nlen, scale_end = after;
	int64_t scale = scale_at(t, after, &scale_end);
	size_t end = currency_at(t, scale ? scale_end : after);
	if (!end && currency_before(t, i))
		end = scale ? scale_end : after; /* "RMB 5 million", "¥300,000" */
	if (!end && !(scale >= 1000000 && money_without_currency(t, i, scale_end)))
		return after;
	if (!end)
		end = scale_end;
	if (i > 0 && (t[i - 1] == '$' || (i > 1 && t[i - 2] == '$')))
		return end; /* another currency */
	bool negative = i > 0 && t[i - 1] == '-' && (i == 1 || !isalnum((unsigned char)t[i - 2]));
	char scale_word[32] = "";
	if (scale)
		snprintf(scale_word, sizeof(scale_word), "%.*s", (int)(scale_end - skip_blanks(t, after)),
			 t + skip_blanks(t, after));
	int64_t yuan;
	char *quote = xstrndup(t + (negative ? i - 1 : i), end - i + (negative ? 1 : 0));
	if (negative)
		xanomaly(c, "amount", quote, "\"%s\": negative amount of money skipped", quote);
	else if (malformed)
		xanomaly(c, "amount", quote, "\"%s\": malformed number (digit groups), skipped", quote);
	else if (!xparse_amount(digits, strlen(digits), scale ? scale_word : NULL, &yuan))
		xanomaly(c, "amount", quote, "\"%s\": amount too large to store, skipped", quote);
	else {
		bool approx;
		size_t start = xapprox_start(t, i, &approx);
		add_money(s, start, i, end, yuan, approx);
	}
	free(quote);
	return end;
}

void xscan_money(struct xctx *c, struct xsentence *s)
{
	const char *t = s->text;
	for (size_t i = 0; i < s->len;) {
		if (i > 0 && is_word((unsigned char)t[i - 1]) && !currency_before(t, i)) {
			i++;
			continue;
		}
		i = money_at(c, s, i);
	}
}
