#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/placename.h"
#include "pairoff/util.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The administrative suffixes a short name drops, longest first so that
 * "新区" goes whole rather than as "区". A region type, not a place: the
 * names themselves live in data/regions/. */
static const char *const suffixes[] = {
	"特别行政区", "自治区", "经济区", "新区", "地区", "特区", "街道", "苏木",
	"省", "市", "县", "区", "旗", "盟", "镇", "乡",
};

/* An autonomous unit's suffix and the plain one a reader puts after the
 * short name instead (文山壮族苗族自治州 -> 文山州). */
static const struct { const char *autonomous, *plain; } plain_suffixes[] = {
	{ "自治州", "州" }, { "自治县", "县" }, { "自治旗", "旗" },
};

/* Characters (UTF-8 sequences) in s[0..len). */
static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* The name without its administrative suffix, or a copy of the name when
 * it has none or only one character would be left (岷县 stays). Owned. */
static char *drop_suffix(const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		size_t stem = len - strlen(suffixes[i]);
		if (ends_with(name, len, suffixes[i]) && utf8_chars(name, stem) >= 2)
			return xstrndup(name, stem);
	}
	return xstrdup(name);
}

static void add_form(char **out, size_t *n, char *form)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(out[i], form) == 0) {
			free(form);
			return;
		}
	out[(*n)++] = form;
}

size_t placename_zh_forms(const char *name_zh, const char *short_zh, char **out)
{
	if (!name_zh || !*name_zh)
		return 0;
	size_t n = 0, len = strlen(name_zh);
	add_form(out, &n, xstrdup(name_zh));
	char *stem = short_zh && *short_zh ? xstrdup(short_zh) : drop_suffix(name_zh);
	for (size_t i = 0; i < ARRAY_LEN(plain_suffixes); i++)
		if (ends_with(name_zh, len, plain_suffixes[i].autonomous) &&
		    !ends_with(stem, strlen(stem), plain_suffixes[i].plain))
			add_form(out, &n, xasprintf("%s%s", stem, plain_suffixes[i].plain));
	add_form(out, &n, stem);
	return n;
}

char *placename_compact(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	char *out = xmalloc(strlen((const char *)p) + 1);
	size_t n = 0;
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '-' || *p == '.' || *p == '\'' || *p == '`')
			continue;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			p += 2;
			continue;
		}
		out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
	}
	out[n] = '\0';
	return out;
}

const char *placename_shown(enum names_mode mode, bool utf8, const char *en, const char *zh,
			    char *buf, size_t size)
{
	if (!en)
		en = "";
	if (!zh || !*zh || !utf8 || mode == NAMES_EN)
		return en;
	if (mode == NAMES_ZH)
		return zh;
	snprintf(buf, size, "%s %s", en, zh);
	return buf;
}
