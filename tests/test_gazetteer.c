/* Unit tests of the gazetteer's names in Chinese and pinyin (data/regions/
 * as bundled) and of src/placename.c, which derives the forms a reader
 * types: every region has its Chinese name (an enterprise may keep its
 * English one), no two regions under one parent share a name in any form,
 * the provincial-level names are the 34 official ones, and the short forms
 * and pinyin are well made. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/gazetteer.h"
#include "pairoff/placename.h"
#include "pairoff/util.h"

#include "check.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The official names of China's 34 provincial-level divisions: 23
 * provinces, 5 autonomous regions, 4 municipalities and 2 special
 * administrative regions. */
static const struct { const char *en, *zh; } provincial[] = {
	{ "Beijing", "北京市" }, { "Tianjin", "天津市" }, { "Shanghai", "上海市" },
	{ "Chongqing", "重庆市" }, { "Hebei", "河北省" }, { "Shanxi", "山西省" },
	{ "Liaoning", "辽宁省" }, { "Jilin", "吉林省" }, { "Heilongjiang", "黑龙江省" },
	{ "Jiangsu", "江苏省" }, { "Zhejiang", "浙江省" }, { "Anhui", "安徽省" },
	{ "Fujian", "福建省" }, { "Jiangxi", "江西省" }, { "Shandong", "山东省" },
	{ "Henan", "河南省" }, { "Hubei", "湖北省" }, { "Hunan", "湖南省" },
	{ "Guangdong", "广东省" }, { "Hainan", "海南省" }, { "Sichuan", "四川省" },
	{ "Guizhou", "贵州省" }, { "Yunnan", "云南省" }, { "Shaanxi", "陕西省" },
	{ "Gansu", "甘肃省" }, { "Qinghai", "青海省" }, { "Taiwan", "台湾省" },
	{ "Inner Mongolia", "内蒙古自治区" }, { "Guangxi", "广西壮族自治区" },
	{ "Tibet", "西藏自治区" }, { "Ningxia", "宁夏回族自治区" },
	{ "Xinjiang", "新疆维吾尔自治区" }, { "Hong Kong", "香港特别行政区" },
	{ "Macao", "澳门特别行政区" },
};

static bool is_provincial(const struct region *r)
{
	static const char *const top[] = { "province", "municipality", "autonomous region", "SAR" };
	for (size_t i = 0; i < ARRAY_LEN(top); i++)
		if (strcmp(r->type, top[i]) == 0)
			return true;
	return false;
}

static void free_forms(char **forms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(forms[i]);
}

/* forms of name_zh (short_zh may be NULL) are exactly want[0..nwant). */
static void check_forms(const char *name_zh, const char *short_zh, const char *const *want, size_t nwant)
{
	char *forms[PLACENAME_MAX_FORMS];
	size_t n = placename_zh_forms(name_zh, short_zh, forms);
	CHECK(n == nwant, "%s: %zu forms, expected %zu", name_zh, n, nwant);
	for (size_t w = 0; w < nwant; w++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= strcmp(forms[i], want[w]) == 0;
		CHECK(found, "%s: no form %s", name_zh, want[w]);
	}
	free_forms(forms, n);
}

static void test_forms(void)
{
	check_forms("云南省", NULL, (const char *const[]){ "云南省", "云南" }, 2);
	check_forms("文山壮族苗族自治州", "文山",
		    (const char *const[]){ "文山壮族苗族自治州", "文山州", "文山" }, 3);
	check_forms("东乡族自治县", "东乡", (const char *const[]){ "东乡族自治县", "东乡县", "东乡" }, 3);
	check_forms("广西壮族自治区", "广西", (const char *const[]){ "广西壮族自治区", "广西" }, 2);
	check_forms("香港特别行政区", NULL, (const char *const[]){ "香港特别行政区", "香港" }, 2);
	check_forms("喀什地区", NULL, (const char *const[]){ "喀什地区", "喀什" }, 2);
	check_forms("滨海新区", NULL, (const char *const[]){ "滨海新区", "滨海" }, 2);
	check_forms("兴安盟", NULL, (const char *const[]){ "兴安盟", "兴安" }, 2);
	/* one character would be left: the name stays whole */
	check_forms("岷县", NULL, (const char *const[]){ "岷县" }, 1);
	check_forms("巴林左旗", "巴林左旗", (const char *const[]){ "巴林左旗" }, 1);
	check_forms("壮族", NULL, (const char *const[]){ "壮族" }, 1);
	char *forms[PLACENAME_MAX_FORMS];
	CHECK(placename_zh_forms(NULL, NULL, forms) == 0, "no name, no forms");
	CHECK(placename_zh_forms("", "文山", forms) == 0, "an empty name, no forms");
}

static void test_compact(void)
{
	static const char *const same[][2] = {
		{ "Xi'an", "xian" }, { "xi an", "xian" }, { "XI\xE2\x80\x99" "AN", "xian" },
		{ "Wen Shan", "wenshan" }, { "Shangri-La", "shangrila" }, { "hulunbei'er", "hulunbeier" },
		{ "文山 州", "文山州" },
	};
	for (size_t i = 0; i < ARRAY_LEN(same); i++) {
		char *c = placename_compact(same[i][0]);
		CHECK_STR(c, same[i][1], same[i][0]);
		free(c);
	}
}

/* Every Chinese form of region i, into forms; their count. */
static size_t forms_of(const struct region *r, char **forms)
{
	return placename_zh_forms(r->name_zh, r->short_zh, forms);
}

/* No two regions under one parent (or both at the top) share a Chinese
 * name in any of its forms, nor a pinyin. */
static void check_unique_under_parent(const struct gazetteer *g, size_t a, size_t b)
{
	const struct region *ra = gazetteer_region(g, a), *rb = gazetteer_region(g, b);
	if (ra->parent != rb->parent)
		return;
	char *fa[PLACENAME_MAX_FORMS], *fb[PLACENAME_MAX_FORMS];
	size_t na = forms_of(ra, fa), nb = forms_of(rb, fb);
	for (size_t i = 0; i < na; i++)
		for (size_t k = 0; k < nb; k++)
			CHECK(strcmp(fa[i], fb[k]) != 0, "%s and %s (one parent) share %s", ra->name,
			      rb->name, fa[i]);
	CHECK(!ra->pinyin || !rb->pinyin || strcmp(ra->pinyin, rb->pinyin) != 0,
	      "%s and %s share the pinyin %s", ra->name, rb->name, ra->pinyin);
	free_forms(fa, na);
	free_forms(fb, nb);
}

static bool is_cjk_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			return false;   /* no Latin letters, digits or blanks in a Chinese name */
	return *s != '\0';
}

static bool is_pinyin(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p == '\'' && p > s && p[1])))
			return false;
	return *s != '\0';
}

static void check_region(const struct region *r)
{
	bool enterprise = strcmp(r->type, "enterprise") == 0;
	CHECK(r->name_zh || enterprise, "%s has no name_zh", r->name);
	if (!r->name_zh)
		return;
	CHECK(is_cjk_text(r->name_zh) || enterprise, "%s: name_zh '%s' is not in characters", r->name,
	      r->name_zh);
	if (strstr(r->name_zh, "自治"))
		CHECK(r->short_zh, "%s: an autonomous place needs short_zh", r->name);
	if (r->short_zh)
		CHECK(strncmp(r->name_zh, r->short_zh, strlen(r->short_zh)) == 0,
		      "%s: short_zh '%s' does not begin '%s'", r->name, r->short_zh, r->name_zh);
	if (r->pinyin)
		CHECK(is_pinyin(r->pinyin), "%s: pinyin '%s' is not lower-case toneless pinyin", r->name,
		      r->pinyin);
}

static void check_provincial(const struct gazetteer *g)
{
	size_t count = 0;
	for (size_t i = 0; i < gazetteer_count(g); i++) {
		const struct region *r = gazetteer_region(g, i);
		if (!is_provincial(r))
			continue;
		count++;
		const char *want = NULL;
		for (size_t k = 0; k < ARRAY_LEN(provincial); k++)
			if (strcmp(provincial[k].en, r->name) == 0)
				want = provincial[k].zh;
		CHECK(want, "%s is not one of the 34 provincial-level divisions", r->name);
		if (want)
			CHECK_STR(r->name_zh, want, r->name);
	}
	CHECK(count == ARRAY_LEN(provincial), "%zu provincial-level regions, expected 34", count);
}

/* The tile map's keys: every provincial-level region has one character,
 * one two-letter code and one tile, no two the same; no other region has
 * a tile. */
static void check_tiles(const struct gazetteer *g)
{
	for (size_t i = 0; i < gazetteer_count(g); i++) {
		const struct region *r = gazetteer_region(g, i);
		if (!is_provincial(r)) {
			CHECK(r->tile_row < 0 && !r->code && !r->abbr_zh, "%s is no province but has a tile", r->name);
			continue;
		}
		CHECK(r->abbr_zh && is_cjk_text(r->abbr_zh) && strlen(r->abbr_zh) == 3,
		      "%s: abbr_zh is not one character", r->name);
		CHECK(r->code && strlen(r->code) == 2, "%s: no two-letter code", r->name);
		CHECK(r->tile_row >= 0 && r->tile_col >= 0, "%s: no tile", r->name);
		for (size_t k = i + 1; k < gazetteer_count(g); k++) {
			const struct region *o = gazetteer_region(g, k);
			if (!is_provincial(o) || r->tile_row < 0)
				continue;
			CHECK(r->tile_row != o->tile_row || r->tile_col != o->tile_col,
			      "%s and %s share a tile", r->name, o->name);
			CHECK(!r->code || !o->code || strcmp(r->code, o->code) != 0, "%s and %s share a code",
			      r->name, o->name);
			CHECK(!r->abbr_zh || !o->abbr_zh || strcmp(r->abbr_zh, o->abbr_zh) != 0,
			      "%s and %s share an abbreviation", r->name, o->name);
		}
	}
	/* rough geography: Shanghai east of Chongqing, Heilongjiang north of Hainan */
	const struct region *sh = gazetteer_region(g, gazetteer_lookup(g, "Shanghai"));
	const struct region *cq = gazetteer_region(g, gazetteer_lookup(g, "Chongqing"));
	const struct region *hl = gazetteer_region(g, gazetteer_lookup(g, "Heilongjiang"));
	const struct region *hi = gazetteer_region(g, gazetteer_lookup(g, "Hainan"));
	CHECK(sh && cq && sh->tile_col > cq->tile_col, "Shanghai's tile is not east of Chongqing's");
	CHECK(hl && hi && hl->tile_row < hi->tile_row, "Heilongjiang's tile is not north of Hainan's");
	CHECK_STR(sh ? sh->abbr_zh : NULL, "沪", "Shanghai's abbreviation");
	CHECK_STR(sh ? sh->code : NULL, "SH", "Shanghai's code");
}

static void test_gazetteer(void)
{
	struct gazetteer *g = NULL;
	enum status st = gazetteer_load(PAIROFF_SRC_DATADIR "/regions", &g);
	CHECK(st == ST_OK, "load: %s", status_detail(st));
	if (st != ST_OK)
		return;
	for (size_t i = 0; i < gazetteer_count(g); i++)
		check_region(gazetteer_region(g, i));
	for (size_t i = 0; i < gazetteer_count(g); i++)
		for (size_t k = i + 1; k < gazetteer_count(g); k++)
			check_unique_under_parent(g, i, k);
	check_provincial(g);
	check_tiles(g);
	/* the examples */
	static const char *const examples[][3] = {
		{ "Xing'an League", "兴安盟", NULL }, { "Shangri-La County", "香格里拉县", "xianggelila" },
		{ "Tibet", "西藏自治区", "xizang" }, { "Inner Mongolia", "内蒙古自治区", "neimenggu" },
		{ "Pu'er City", "普洱市", NULL }, { "Wenshan Prefecture", "文山壮族苗族自治州", NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(examples); i++) {
		const struct region *r = gazetteer_region(g, gazetteer_lookup(g, examples[i][0]));
		CHECK(r, "no region %s", examples[i][0]);
		if (!r)
			continue;
		CHECK_STR(r->name_zh, examples[i][1], examples[i][0]);
		CHECK(examples[i][2] ? r->pinyin && strcmp(r->pinyin, examples[i][2]) == 0 : !r->pinyin,
		      "%s: pinyin %s", examples[i][0], r->pinyin ? r->pinyin : "(none)");
	}
	/* the extractor matches English only: a Chinese name is no key of the text */
	size_t len;
	CHECK(gazetteer_match(g, "云南省 and more", &len, NULL) == GAZ_NONE, "云南省 matched in text");
	CHECK(gazetteer_lookup(g, "xizang") != GAZ_NONE, "Tibet's alias Xizang stays an alias");
	gazetteer_free(g);
}

int main(void)
{
	test_forms();
	test_compact();
	test_gazetteer();
	return CHECK_EXIT();
}
