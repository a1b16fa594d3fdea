/* Unit tests of the gazetteer (data/regions/ and its loader) and of the
 * fact extractor's rules, on made-up text: money forms and their limits,
 * years and spans, paired lists, givers, tables, anomalies; and a made-up
 * report of the series (tests/data/unseen/) that none of the bundled
 * reports contains, whose pairs and yearly funds must come out. */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"
#include "pairoff/report.h"
#include "pairoff/util.h"

static int failures;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			failures++;                                                   \
		}                                                                     \
	} while (0)

static struct gazetteer *gaz;

static const char *name_of(size_t idx)
{
	const struct region *r = gazetteer_region(gaz, idx);
	return r ? r->name : "(none)";
}

/* ---- gazetteer ------------------------------------------------------------- */

static void test_gazetteer_contents(void)
{
	static const char *const provincial[] = { "province", "municipality", "autonomous region", "SAR" };
	size_t top = 0, n = gazetteer_count(gaz);
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < 4; t++)
			if (strcmp(gazetteer_region(gaz, i)->type, provincial[t]) == 0)
				top++;
	CHECK(top == 34);
	size_t bj = gazetteer_lookup(gaz, "Beijing"), yn = gazetteer_lookup(gaz, "Yunnan");
	CHECK(bj != GAZ_NONE && strcmp(gazetteer_region(gaz, bj)->side, "east") == 0);
	CHECK(yn != GAZ_NONE && strcmp(gazetteer_region(gaz, yn)->side, "west") == 0);
	size_t hn = gazetteer_lookup(gaz, "Hunan");
	CHECK(hn != GAZ_NONE && strcmp(gazetteer_region(gaz, hn)->side, "central") == 0);
	/* the INI reader must hand back the apostrophe intact */
	size_t puer = gazetteer_lookup(gaz, "Pu'er City");
	CHECK(puer != GAZ_NONE && strcmp(name_of(puer), "Pu'er City") == 0);
	const char *spellings[] = { "pu'er", "Puer", "Pu\342\200\231er", "Simao", "SIMAO", "Simiao", "puer city" };
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
		CHECK(gazetteer_lookup(gaz, spellings[i]) == puer);
	CHECK(gazetteer_lookup(gaz, "Shangri-La") == gazetteer_lookup(gaz, "Shangri-La County"));
	CHECK(gazetteer_lookup(gaz, "Minghang") == gazetteer_lookup(gaz, "Minhang District"));
	CHECK(gazetteer_lookup(gaz, "Guanguan") == gazetteer_lookup(gaz, "Guangyuan"));
	CHECK(gazetteer_lookup(gaz, "Dulongjinag") == gazetteer_lookup(gaz, "Dulongjiang"));
	CHECK(gazetteer_lookup(gaz, "De\xE2\x80\x99" "ang") == gazetteer_lookup(gaz, "Deang"));
	CHECK(gazetteer_lookup(gaz, "Atlantis") == GAZ_NONE);
	size_t wulong = gazetteer_lookup(gaz, "Wulong");
	CHECK(strcmp(name_of(gazetteer_province_of(gaz, wulong)), "Chongqing") == 0);
	size_t air = gazetteer_lookup(gaz, "Shanghai Airlines");
	CHECK(air != GAZ_NONE && strcmp(gazetteer_region(gaz, air)->type, "enterprise") == 0);
	CHECK(gazetteer_within(gaz, air, gazetteer_lookup(gaz, "Shanghai")));
	/* misspellings are flagged as such, aliases are not */
	const struct region *dl = gazetteer_region(gaz, gazetteer_lookup(gaz, "Dulongjiang Town"));
	bool typo = false, alias = false;
	for (size_t a = 0; a < dl->naliases; a++) {
		if (strcmp(dl->aliases[a], "Dulongjinag Town") == 0)
			typo = dl->alias_is_misspelling[a];
		if (strcmp(dl->aliases[a], "Dulongjiang") == 0)
			alias = !dl->alias_is_misspelling[a];
	}
	CHECK(typo && alias);
}

static void test_gazetteer_match(void)
{
	size_t len, alias;
	size_t r = gazetteer_match(gaz, "Hebei District donated", &len, &alias);
	CHECK(strcmp(name_of(r), "Hebei District") == 0 && len == 14);
	r = gazetteer_match(gaz, "Shanghai's aid", &len, &alias);
	CHECK(strcmp(name_of(r), "Shanghai") == 0 && len == 8 && alias == (size_t)-1);
	r = gazetteer_match(gaz, "Pu\xE2\x80\x99" "er City and", &len, &alias);
	CHECK(r == gazetteer_lookup(gaz, "Puer") && len == strlen("Pu\xE2\x80\x99" "er City"));
	CHECK(gazetteer_match(gaz, "Jiningx", &len, &alias) == GAZ_NONE);
	CHECK(gazetteer_match(gaz, "", &len, &alias) == GAZ_NONE);
	/* a shared spelling goes to the region near the pair in force */
	size_t prefer = gazetteer_lookup(gaz, "Inner Mongolia");
	r = gazetteer_match_near(gaz, "Jining to", &len, &alias, &prefer, 1);
	CHECK(strcmp(name_of(r), "Jining District") == 0);
	prefer = gazetteer_lookup(gaz, "Shandong");
	r = gazetteer_match_near(gaz, "Jining to", &len, &alias, &prefer, 1);
	CHECK(strcmp(name_of(r), "Jining City") == 0);
}

static char *write_temp(const char *text)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = xasprintf("%s/pairoff-gaz-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

static void expect_load_error(const char *text, enum status want, const char *needle)
{
	char *path = write_temp(text);
	struct gazetteer *g = NULL;
	enum status st = gazetteer_load(path, &g);
	CHECK(st == want);
	if (st != want || !strstr(status_detail(st), needle))
		fprintf(stderr, "  detail was: %s (wanted %s)\n", status_detail(st), needle);
	CHECK(strstr(status_detail(st), needle) != NULL);
	gazetteer_free(g);
	unlink(path);
	free(path);
}

static void test_gazetteer_errors(void)
{
	struct gazetteer *g = NULL;
	CHECK(gazetteer_load("/nonexistent/regions.ini", &g) == ST_IO);
	CHECK(gazetteer_load("/nonexistent/regions", &g) == ST_IO && strstr(status_detail(ST_IO), "/nonexistent/regions"));
	expect_load_error("[a]\nname = A\ntype = province\nthis line is wrong\n", ST_CONFIG, ":4:");
	expect_load_error("[a]\nname = A\ntype = planet\n", ST_CONFIG, ":3: unknown type 'planet'");
	expect_load_error("[a]\nname = A\ntype = province\nside = north\n", ST_CONFIG, ":4: unknown side");
	expect_load_error("[a]\nname = A\ntype = city\nparent = nowhere\n", ST_CONFIG, ":4: unknown parent 'nowhere'");
	expect_load_error("[a]\nname = A\ntype = city\nsid = east\n", ST_CONFIG, ":4: unknown key 'sid'");
	expect_load_error("; c\nname = A\n[a]\ntype = city\n", ST_CONFIG, ":2: unknown key 'name'");
	expect_load_error("[a]\nname = A\ntype = city\n[b]\nname = B\ntype = city\n[a]\nside = east\n",
			  ST_CONFIG, ":7: section [a] given twice");
	expect_load_error("[a]\nname = A\ntype = city\n[ ]\n", ST_CONFIG, ":4: syntax error");
	expect_load_error("[a]\nname = A\ntype = city\nparent = now\\\nhere\n", ST_CONFIG,
			  ":4: unknown parent 'nowhere'");
	expect_load_error("[a]\nname = A\ntype = city\naliases = A1|\\\nA2\nsid = x\n", ST_CONFIG,
			  ":6: unknown key 'sid'");
	char *path = write_temp("; ok\n[x]\nname = \"O'Brien Town\"\ntype = town\naliases = O'Brien|Obrien\n");
	CHECK(gazetteer_load(path, &g) == ST_OK);
	CHECK(g && strcmp(gazetteer_region(g, 0)->name, "O'Brien Town") == 0);
	CHECK(g && gazetteer_lookup(g, "obrien") == 0);
	gazetteer_free(g);
	unlink(path);
	free(path);
}

/* A temporary directory holding the files names[i] with texts[i]. */
static char *write_temp_dir(const char *const *names, const char *const *texts, size_t n)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *dir = xasprintf("%s/pairoff-gazdir-XXXXXX", tmp);
	if (!mkdtemp(dir))
		abort();
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		if (!f || fputs(texts[i], f) < 0 || fclose(f) != 0)
			abort();
		free(path);
	}
	return dir;
}

static void remove_temp_dir(char *dir, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	free(dir);
}

/* A directory is its *.ini files read in name order as one gazetteer: a
 * parent may be in another file, other files are not read. */
static void test_gazetteer_dir(void)
{
	static const char *const names[] = { "b-province.ini", "a-county.ini", ".hidden.ini", "README" };
	static const char *const texts[] = {
		"[bee]\nname = Bee Province\ntype = province\nside = west\n",
		"[ay-county]\nname = Ay County\ntype = county\nparent = bee\n",
		"[hidden]\nname = Hidden\ntype = province\n",
		"not INI at all\n",
	};
	char *dir = write_temp_dir(names, texts, 4);
	struct gazetteer *g = NULL;
	enum status st = gazetteer_load(dir, &g);
	CHECK(st == ST_OK);
	if (st != ST_OK)
		fprintf(stderr, "  detail was: %s\n", status_detail(st));
	CHECK(gazetteer_count(g) == 2);
	size_t county = gazetteer_lookup(g, "Ay County"), bee = gazetteer_lookup(g, "Bee Province");
	CHECK(county == 0 && bee == 1);   /* a-county.ini is read first */
	CHECK(g && gazetteer_region(g, county)->parent == bee);
	CHECK(gazetteer_lookup(g, "Hidden") == GAZ_NONE);
	gazetteer_free(g);
	remove_temp_dir(dir, names, 4);
}

static void expect_dir_error(const char *const *names, const char *const *texts, size_t n,
			     const char *needle, const char *needle2)
{
	char *dir = write_temp_dir(names, texts, n);
	struct gazetteer *g = NULL;
	enum status st = gazetteer_load(dir, &g);
	const char *detail = status_detail(st);
	CHECK(st == ST_CONFIG && !g);
	CHECK(strstr(detail, needle) && (!needle2 || strstr(detail, needle2)));
	if (!strstr(detail, needle) || (needle2 && !strstr(detail, needle2)))
		fprintf(stderr, "  detail was: %s (wanted %s, %s)\n", detail, needle, needle2 ? needle2 : "");
	gazetteer_free(g);
	remove_temp_dir(dir, names, n);
}

/* The errors of a directory name the file and line at fault; an id given
 * in two files names both. */
static void test_gazetteer_dir_errors(void)
{
	static const char *const two[] = { "one.ini", "two.ini" };
	static const char *const dup[] = {
		"[a]\nname = A\ntype = province\n",
		"; the same id again\n\n[a]\nname = A again\ntype = province\n",
	};
	expect_dir_error(two, dup, 2, "two.ini:3: section [a] given twice", "one.ini:1");
	static const char *const bad[] = {
		"[a]\nname = A\ntype = province\n",
		"[b]\nname = B\ntype = city\nparent = a\n[c\n",
	};
	expect_dir_error(two, bad, 2, "two.ini:5: syntax error", NULL);
	static const char *const orphan[] = {
		"[a]\nname = A\ntype = province\n",
		"[b]\nname = B\ntype = city\nparent = nowhere\n",
	};
	expect_dir_error(two, orphan, 2, "two.ini:4: unknown parent 'nowhere'", NULL);
	/* a key before the first section of a file is not the last section's
	 * of the file before */
	static const char *const stray[] = {
		"[a]\nname = A\ntype = province\n",
		"side = east\n[b]\nname = B\ntype = province\n",
	};
	expect_dir_error(two, stray, 2, "two.ini:1: unknown key 'side'", NULL);
	static const char *const none[] = { "notes.txt" };
	static const char *const none_text[] = { "[a]\nname = A\ntype = province\n" };
	expect_dir_error(none, none_text, 1, "no gazetteer files (*.ini)", NULL);
}

/* One spelling for places of several sizes: when nothing else decides, the
 * larger is meant, whatever file each is in and in whatever order. */
static void test_gazetteer_namesake_rank(void)
{
	static const char *const names[] = { "a.ini", "b.ini" };
	static const char *const texts[] = {
		"[lo-town]\nname = Lo Town\ntype = town\naliases = Lo\nparent = pp\n",
		"[pp]\nname = Pee\ntype = province\n[lo-city]\nname = Lo City\ntype = city\naliases = Lo\nparent = pp\n",
	};
	char *dir = write_temp_dir(names, texts, 2);
	struct gazetteer *g = NULL;
	CHECK(gazetteer_load(dir, &g) == ST_OK);
	size_t city = gazetteer_lookup(g, "Lo City"), len = 0;
	CHECK(city != GAZ_NONE && gazetteer_lookup(g, "Lo Town") < city);   /* the town is read first */
	CHECK(gazetteer_lookup(g, "Lo") == city);
	CHECK(gazetteer_match(g, "Lo supported", &len, NULL) == city && len == 2);
	size_t seen[4];
	CHECK(gazetteer_namesakes(g, "Lo", 2, seen, 4) == 2 && seen[0] == city);
	gazetteer_free(g);
	remove_temp_dir(dir, names, 2);
}

/* ---- extraction on made-up text ----------------------------------------- */

static struct report *parse(const char *text)
{
	struct report *r = NULL;
	if (report_parse("made-up.txt", text, strlen(text), &r) != ST_OK)
		abort();
	return r;
}

static const struct fact_fund *find_fund(const struct extraction *x, int64_t yuan)
{
	for (size_t i = 0; i < x->nfunds; i++)
		if (x->funds[i].amount_yuan == yuan)
			return &x->funds[i];
	return NULL;
}

static bool has_pair(const struct extraction *x, const char *donor, const char *recipient)
{
	size_t d = gazetteer_lookup(gaz, donor), r = gazetteer_lookup(gaz, recipient);
	for (size_t i = 0; i < x->npairs; i++)
		if (gazetteer_lookup(gaz, x->pairs[i].donor) == d && gazetteer_lookup(gaz, x->pairs[i].recipient) == r)
			return true;
	return false;
}

static size_t count_anomalies(const struct extraction *x, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < x->nanomalies; i++)
		n += strcmp(x->anomalies[i].kind, kind) == 0;
	return n;
}

static void extract_text(const char *text, struct extraction *x)
{
	struct report *r = parse(text);
	memset(x, 0, sizeof(*x));
	CHECK(extract_report(r, gaz, x) == ST_OK);
	report_free(r);
}

static void test_money_forms(void)
{
	struct extraction x;
	extract_text("Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Overview\xE3\x80\x91 In 2011, Jiangsu allocated 2.5 billion Yuan for roads. "
		     "Jiangsu donated more than 3 million yuan to schools. Jiangsu issued nearly 12.0625 million yuan. "
		     "Jiangsu gave 1,250,000 yuan and one million yuan to clinics. "
		     "Jiangsu planned to invest 70 million yuan next year. "
		     "Jiangsu planned to give 30 million yuan and actually gave 31.5 million yuan. "
		     "Jiangsu arranged 4.5 million of aid funds for wells. "
		     "Jiangsu's aid to Shaanxi reached RMB 6.5 million. Jiangsu gave \xC2\xA5" "880,000 to clinics. "
		     "Farmers earned an income of 3,000 yuan per household. "
		     "Jiangsu paid 1e309 million yuan, 99999999999999999999 yuan and -5 million yuan. "
		     "Over the past 99999999999 years Jiangsu gave 7 million yuan.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 2500000000);
	CHECK(f && f->year == 2011 && !f->approx && f->category == FUND_GOVERNMENT);
	CHECK(f && strcmp(f->donor, "Jiangsu") == 0 && strcmp(f->recipient, "Shaanxi") == 0);
	f = find_fund(&x, 3000000);
	CHECK(f && f->approx && strcmp(f->quote, "more than 3 million yuan") == 0);
	f = find_fund(&x, 12062500);
	CHECK(f && f->approx);
	CHECK(find_fund(&x, 1250000) && find_fund(&x, 1000000));
	f = find_fund(&x, 70000000);
	CHECK(f && f->category == FUND_PLANNED);
	f = find_fund(&x, 31500000);
	CHECK(f && f->category == FUND_GOVERNMENT); /* what was actually given */
	CHECK(find_fund(&x, 4500000) != NULL);
	CHECK(find_fund(&x, 6500000) != NULL && find_fund(&x, 880000) != NULL);
	CHECK(find_fund(&x, 3000) == NULL); /* an income per household is not aid */
	CHECK(find_fund(&x, 5000000) == NULL && count_anomalies(&x, "amount") == 2);
	f = find_fund(&x, 7000000);
	CHECK(f && f->year == 2011 && f->from_year == 2011); /* no absurd span */
	for (size_t i = 0; i < x.nfunds; i++)
		CHECK(x.funds[i].amount_yuan > 0 && x.funds[i].line_no == 3);
	extraction_free(&x);
}

/* Rule: deals (signed, worth, contracts, enterprises investing) are
 * investment or trade, not aid; a government body that donates gives
 * government aid; an enterprise that donates, enterprise aid. */
static void test_kinds(void)
{
	struct extraction x;
	extract_text("Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Work\xE3\x80\x91 In 2013, Jiangsu and Shaanxi signed 12 cooperation projects "
		     "worth 3.4 billion yuan. Jiangsu enterprises invested 210 million yuan in Yulin. "
		     "Wuxi City signed purchase contracts worth 45 million yuan. "
		     "Xuzhou City donated 700,000 yuan to Mizhi County. "
		     "The charitable organizations of Jiangsu donated 1.3 million yuan. "
		     "Xuzhou Coal Mining Group donated 600,000 yuan to schools. "
		     "Jiangsu will allocate 90 million yuan next year. "
		     "Jiangsu issued 2.2 million yuan of loan interest subsidies. "
		     "Nanjing City donated clothes worth 80,000 yuan. "
		     "Wuxi City attracted 20 enterprises to invest in Yulin, and invested 1.1 billion yuan. "
		     "The Leading Group of Jiangsu invested 330,000 yuan in a school. "
		     "The new hospital has 20 wards and a total investment of 6.6 million yuan. "
		     "Jiangsu lent a loan of 3.3 million yuan to the cooperative.\n",
		     &x);
	static const struct {
		int64_t yuan;
		enum fund_category cat;
		enum fund_kind kind;
	} want[] = {
		{ 3400000000, FUND_INVESTMENT, KIND_INVESTMENT }, { 210000000, FUND_INVESTMENT, KIND_INVESTMENT },
		{ 45000000, FUND_TRADE, KIND_INVESTMENT },       { 700000, FUND_GOVERNMENT, KIND_AID },
		{ 1300000, FUND_SOCIAL, KIND_AID },              { 600000, FUND_ENTERPRISE, KIND_AID },
		{ 90000000, FUND_PLANNED, KIND_PLANNED },        { 2200000, FUND_LOAN_SUBSIDY, KIND_AID },
		{ 80000, FUND_GOVERNMENT, KIND_AID },          { 1100000000, FUND_INVESTMENT, KIND_INVESTMENT },
		{ 330000, FUND_GOVERNMENT, KIND_AID },          { 6600000, FUND_PROJECT_COST, KIND_OTHER },
		{ 3300000, FUND_LOAN, KIND_OTHER },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct fact_fund *f = find_fund(&x, want[i].yuan);
		CHECK(f && f->category == want[i].cat && fund_kind_of(f->category) == want[i].kind);
		if (f && f->category != want[i].cat)
			fprintf(stderr, "  kinds: %" PRId64 " is %s\n", want[i].yuan, fund_category_name(f->category));
	}
	extraction_free(&x);
}

/* Rule: a cumulative figure is never a year's; a relative span counts back
 * from the sentence's own year. */
static void test_cumulative(void)
{
	struct extraction x;
	extract_text("Shanghai-Yunnan Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Review\xE3\x80\x91 By the end of June 2011, Shanghai had accumulatively "
		     "provided more than 1.2 billion yuan to Yunnan. In 2012, over the past three years, Shanghai "
		     "gave 300 million yuan. So far, Shanghai has donated 40 million yuan to Pu'er City.\n\n"
		     "\xE3\x80\x90" "Aid\xE3\x80\x91 Since April 2006, Shanghai has helped Pu'er City. As of 2009, "
		     "Shanghai provided 50 million yuan to Pu'er City. In 2012, Shanghai allocated 9 million yuan.\n\n"
		     "\xE3\x80\x90" "Earlier\xE3\x80\x91 In 2011, Shanghai reviewed its work. Over the past two years, "
		     "Shanghai gave 22 million yuan to Pu'er City.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 1200000000);
	CHECK(f && f->year == 2011 && f->from_year == 0 && fact_fund_period(f) == PERIOD_CUMULATIVE);
	f = find_fund(&x, 300000000);
	CHECK(f && f->year == 2012 && f->from_year == 2010 && fact_fund_period(f) == PERIOD_SPAN);
	f = find_fund(&x, 40000000);
	CHECK(f && f->from_year == 0 && f->year != 0);
	f = find_fund(&x, 50000000);
	CHECK(f && f->year == 2009 && f->from_year == 2006);
	f = find_fund(&x, 9000000);
	CHECK(f && f->year == 2012 && fact_fund_period(f) == PERIOD_YEAR);
	f = find_fund(&x, 22000000); /* counted back from the paragraph's year */
	CHECK(f && f->year == 2011 && f->from_year == 2010);
	extraction_free(&x);
}

static void test_years_and_spans(void)
{
	struct extraction x;
	extract_text("Zhejiang-Sichuan Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Review\xE3\x80\x91 Since 1996, Zhejiang has helped Sichuan. "
		     "In 2009, Zhejiang counted its work. Since 1999, Zhejiang has provided 77 million yuan. "
		     "As of the end of 2009, Zhejiang issued grants of 416 million yuan in total. "
		     "From 2006 to 2008, Zhejiang invested 33 million yuan in villages.\n\n"
		     "\xE3\x80\x90Work\xE3\x80\x91 In 2009, Zhejiang allocated 8 million yuan to training. "
		     "It also invested 2 million yuan in schools, up 10% over 2008.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 416000000);
	CHECK(f && f->year == 2009 && f->from_year == 1996);
	f = find_fund(&x, 77000000);
	CHECK(f && f->year == 2009 && f->from_year == 1999);
	f = find_fund(&x, 33000000);
	CHECK(f && f->year == 2008 && f->from_year == 2006);
	f = find_fund(&x, 8000000);
	CHECK(f && f->year == 2009 && f->from_year == 2009);
	f = find_fund(&x, 2000000);
	CHECK(f && f->year == 2009); /* "over 2008" only names the year compared with */
	CHECK(has_pair(&x, "Zhejiang", "Sichuan"));
	extraction_free(&x);
}

static void test_pairs(void)
{
	struct extraction x;
	extract_text("Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Overview\xE3\x80\x91 In 2011, the office adjusted the targets of Shandong Province "
		     "from Xinjiang to Chongqing. The province fixed the one-for-one twinning relationship between "
		     "three cities of Shandong, including Jinan, Yantai and Jining and three counties of Chongqing, "
		     "namely Wulong, Fengdu and Kai County. Qingdao was designated to support Guizhou.\n\n"
		     "\xE3\x80\x90Review of Shandong's support for Xinjiang\xE3\x80\x91 In 2009, Zhejiang sent cadres "
		     "and invested 5 million yuan.\n",
		     &x);
	CHECK(has_pair(&x, "Jinan", "Wulong"));
	CHECK(has_pair(&x, "Yantai", "Fengdu"));
	CHECK(has_pair(&x, "Jining City", "Kai County"));
	CHECK(!has_pair(&x, "Jinan", "Fengdu"));
	CHECK(has_pair(&x, "Qingdao", "Guizhou"));
	for (size_t i = 0; i < x.npairs; i++) {
		if (strcmp(x.pairs[i].recipient, "Xinjiang") == 0)
			CHECK(x.pairs[i].until == 2011);
		if (strcmp(x.pairs[i].recipient, "Chongqing") == 0)
			CHECK(x.pairs[i].since == 2011);
		if (strcmp(x.pairs[i].recipient, "Wulong County") == 0)
			CHECK(strcmp(x.pairs[i].level, "county") == 0 && x.pairs[i].line_no == 3);
	}
	/* a donor province named in another pair's context: reported, and the
	 * money stays with the pair in force */
	CHECK(count_anomalies(&x, "wrong-province") >= 1);
	const struct fact_fund *f = find_fund(&x, 5000000);
	CHECK(f && strcmp(f->donor, "Shandong") == 0 && strcmp(f->recipient, "Xinjiang") == 0);
	extraction_free(&x);
}

static void test_heading_inside_a_province(void)
{
	struct extraction x;
	extract_text("Inner Mongolia: Ordos - Xing'an League Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Overview\xE3\x80\x91 In 2014, Ordos City put in 300 million yuan.\n",
		     &x);
	CHECK(has_pair(&x, "Ordos City", "Xing'an League"));
	const struct fact_fund *f = find_fund(&x, 300000000);
	CHECK(f && strcmp(f->donor, "Ordos City") == 0 && strcmp(f->recipient, "Xing'an League") == 0);
	extraction_free(&x);
}

static void test_givers(void)
{
	struct extraction x;
	extract_text("Liaoning-Qinghai Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Support\xE3\x80\x91 In 2012, Dalian City issued 800,000 yuan for Huzhu County. "
		     "Qinghai Province invested 2 million yuan of its own funds. "
		     "Anshan, Fushun and Benxi allocated 1.5 million yuan to villages. "
		     "Minhe County received 600,000 yuan from Dandong City. "
		     "Qinghai received 4.4 million yuan of aid from Liaoning.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 800000);
	CHECK(f && strcmp(f->donor, "Dalian City") == 0 && strcmp(f->recipient, "Huzhu County") == 0);
	CHECK(find_fund(&x, 2000000) == NULL); /* the recipient's own money */
	f = find_fund(&x, 1500000);
	/* several cities named one by one give jointly */
	CHECK(f && strcmp(f->donor, "Anshan City") == 0 && f->nco_donors == 2);
	CHECK(f && f->nco_donors == 2 && strcmp(f->co_donors[0], "Fushun City") == 0 &&
	      strcmp(f->co_donors[1], "Benxi City") == 0);
	f = find_fund(&x, 600000);
	CHECK(f && strcmp(f->donor, "Dandong City") == 0);
	f = find_fund(&x, 4400000);
	CHECK(f && strcmp(f->donor, "Liaoning") == 0);
	extraction_free(&x);
}

/* Rule: joint donors after the money; the recipient is the place the
 * money's own clause names (numbers' commas and facility names do not end
 * it); each amount of a list goes to its own place. */
static void test_parties(void)
{
	struct extraction x;
	extract_text("Liaoning-Qinghai Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Support\xE3\x80\x91 In 2012, Qinghai received 7.7 million yuan (from Dalian, "
		     "Anshan and Fushun). Liaoning invested 3 million yuan to build a school of 10,000 square meters "
		     "in Huzhu County. Liaoning invested 2.1 million yuan to build Ledu County Minzu High School. "
		     "Liaoning allocated 1.2 million yuan for Datong County, 1.3 million yuan for Minhe County and "
		     "1.4 million yuan for Huangzhong County. Liaoning invested 900,000 yuan to support the largest "
		     "Huzhu County Ledu High School.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 7700000);
	CHECK(f && strcmp(f->donor, "Dalian City") == 0 && f->nco_donors == 2 &&
	      strcmp(f->co_donors[0], "Anshan City") == 0 && strcmp(f->co_donors[1], "Fushun City") == 0);
	f = find_fund(&x, 3000000);
	CHECK(f && strcmp(f->recipient, "Huzhu County") == 0 && f->nco_donors == 0);
	f = find_fund(&x, 2100000);
	CHECK(f && strcmp(f->recipient, "Ledu County") == 0);
	f = find_fund(&x, 1200000);
	CHECK(f && strcmp(f->recipient, "Datong County") == 0);
	f = find_fund(&x, 1300000);
	CHECK(f && strcmp(f->recipient, "Minhe County") == 0);
	f = find_fund(&x, 1400000);
	CHECK(f && strcmp(f->recipient, "Huangzhong County") == 0);
	f = find_fund(&x, 900000); /* a place, then a school named after another */
	CHECK(f && strcmp(f->recipient, "Huzhu County") == 0);
	extraction_free(&x);
}

static long index_of(const struct extraction *x, const struct fact_fund *f)
{
	return f ? (long)(f - x->funds) : -2;
}

/* Rule: parts point at their whole when the text says so ("of which",
 * "including", "Among them") or when the next sentences' amounts add up to
 * it; a stated total is the pair's own total ("a total of", the overview). */
static void test_parts_and_totals(void)
{
	struct extraction x;
	extract_text("Fujian-Ningxia Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Overview\xE3\x80\x91 In 2013, Fujian allocated 60 million yuan of aid funds to Ningxia.\n\n"
		     "\xE3\x80\x90" "Funds\xE3\x80\x91 In 2013, Fujian provided a total of 24 million yuan to Ningxia, of "
		     "which 10 million yuan went to Xiji County. Another 8 million yuan was used for Haiyuan County. "
		     "The remaining 6 million yuan was given to Tongxin County.\n\n"
		     "\xE3\x80\x90Projects\xE3\x80\x91 In 2013, Fuzhou City donated 3 million yuan, including 1.2 million "
		     "yuan from enterprises and 1.8 million yuan from all circles of society. Fujian issued 5 million "
		     "yuan to Xiji County. Fujian issued 7 million yuan, and Fujian gave 2 million yuan to schools. "
		     "The enterprises of Fujian donated a total of 700,000 yuan.\n\n"
		     "\xE3\x80\x90More\xE3\x80\x91 In 2013, Fujian provided a total of 50 million yuan, of which 20 "
		     "million yuan went to Xiji County. Fujian gave 9 million yuan to Haiyuan County. Fujian's "
		     "enterprises donated 900,000 yuan. Among them, Xiamen enterprises donated 400,000 yuan.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 60000000);
	CHECK(f && f->stated_total && f->whole_index == -1);
	const struct fact_fund *whole = find_fund(&x, 24000000);
	CHECK(whole && whole->stated_total && whole->whole_index == -1);
	const int64_t parts[] = { 10000000, 8000000, 6000000 };
	for (size_t i = 0; i < 3; i++) {
		f = find_fund(&x, parts[i]);
		CHECK(f && f->whole_index == index_of(&x, whole) && !f->stated_total);
	}
	whole = find_fund(&x, 3000000);
	CHECK(whole && !whole->stated_total && strcmp(whole->donor, "Fuzhou City") == 0);
	f = find_fund(&x, 1200000);
	CHECK(f && f->whole_index == index_of(&x, whole) && f->category == FUND_ENTERPRISE);
	f = find_fund(&x, 1800000);
	CHECK(f && f->whole_index == index_of(&x, whole) && f->category == FUND_SOCIAL);
	f = find_fund(&x, 5000000);
	CHECK(f && f->whole_index == -1 && !f->stated_total); /* a county's money is not the pair's total */
	f = find_fund(&x, 7000000);
	CHECK(f && f->whole_index == -1);
	f = find_fund(&x, 700000); /* bodies of the donor, not the donor itself */
	CHECK(f && strcmp(f->donor, "Fujian") == 0 && !f->stated_total);
	f = find_fund(&x, 2000000);
	CHECK(f && f->whole_index == -1);
	f = find_fund(&x, 20000000);
	CHECK(f && f->whole_index == index_of(&x, find_fund(&x, 50000000)));
	f = find_fund(&x, 9000000);
	CHECK(f && f->whole_index == -1); /* 20 + 9 is not 50 */
	f = find_fund(&x, 400000);
	CHECK(f && f->whole_index == index_of(&x, find_fund(&x, 900000)));
	extraction_free(&x);

	/* a table: cells under their row's total, row totals under the grand total */
	extract_text("Fujian-Ningxia Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90" "Funds\xE3\x80\x91 In 2013, Fujian helped Ningxia.\n\n"
		     "Fujian's aid funds for Ningxia in 2013\n\n(Unit: ten thousand Yuan)\n\nTypes\n\nRoads\n\n"
		     "Schools\n\nTotal\n\nXiji County\n\n300\n\n200\n\n500\n\nHaiyuan County\n\n100\n\n"
		     "400\n\n500\n\nTotal\n\n400\n\n600\n\n1000\n",
		     &x);
	const struct fact_fund *grand = find_fund(&x, 10000000);
	CHECK(grand && grand->table_index == 0 && grand->whole_index == -1 && grand->stated_total);
	f = find_fund(&x, 3000000);
	const struct fact_fund *row = f ? &x.funds[f->whole_index >= 0 ? f->whole_index : 0] : NULL;
	CHECK(f && f->whole_index >= 0 && row->amount_yuan == 5000000 && row->whole_index == index_of(&x, grand));
	f = find_fund(&x, 6000000); /* a column total */
	CHECK(f && f->whole_index == index_of(&x, grand) && !f->stated_total);
	extraction_free(&x);
}

static bool part_of(const struct extraction *x, int64_t part, int64_t whole)
{
	const struct fact_fund *p = find_fund(x, part), *w = find_fund(x, whole);
	return p && w && p->whole_index == index_of(x, w);
}

static bool no_whole(const struct extraction *x, int64_t yuan)
{
	const struct fact_fund *f = find_fund(x, yuan);
	return f && f->whole_index == -1;
}

/* Rule: money told after a figure and tied to it only by "It", an
 * enumeration or a place inside its giver is often given besides it: such
 * a list is its parts only when it nearly fills it (or the figure is said
 * to be a sum); social or an enterprise's money is never a part of a
 * government's figure, even one said to be a sum. */
static void test_breakdowns_besides(void)
{
	struct extraction x;
	extract_text("Fujian-Ningxia Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Roads\xE3\x80\x91 In 2012, Quanzhou City invested 20 million yuan in Tongxin "
		     "County to build roads. It donated 3 million yuan to Tongxin County for schools.\n\n"
		     "\xE3\x80\x90" "Firms\xE3\x80\x91 In 2012, Fuzhou City allocated 10 million yuan of aid funds to "
		     "Ningxia. First, Fuzhou City enterprises donated 2 million yuan to Ningxia for wells.\n\n"
		     "\xE3\x80\x90Society\xE3\x80\x91 In 2012, Fujian allocated a total of 60 million yuan of aid "
		     "funds to Ningxia. All circles of society in Fujian donated 8 million yuan to Ningxia.\n\n"
		     "\xE3\x80\x90" "Cities\xE3\x80\x91 In 2012, Fujian Provincial Government allocated 50 million yuan "
		     "of aid funds to Ningxia. Fuzhou City donated 5 million yuan to Ningxia for clinics. Xiamen City "
		     "provided 4 million yuan to Ningxia for schools.\n",
		     &x);
	CHECK(no_whole(&x, 3000000));  /* "It" */
	CHECK(no_whole(&x, 2000000));  /* "First, ..." and an enterprise's money */
	const struct fact_fund *f = find_fund(&x, 8000000);
	CHECK(f && f->category == FUND_SOCIAL && f->whole_index == -1); /* under "a total of" */
	CHECK(no_whole(&x, 5000000) && no_whole(&x, 4000000)); /* places inside its giver */
	extraction_free(&x);

	/* the same ties, when the list nearly fills the figure */
	extract_text("Fujian-Ningxia Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90" "Cities\xE3\x80\x91 In 2012, Fujian Provincial Government allocated 10 million "
		     "yuan of aid funds to Ningxia. Fuzhou City donated 5.5 million yuan to Ningxia for clinics. "
		     "Xiamen City provided 3.8 million yuan to Ningxia for schools.\n\n"
		     "\xE3\x80\x90Roads\xE3\x80\x91 In 2012, Fujian allocated 7 million yuan to Ningxia. It put 4.1 "
		     "million yuan into roads; invested 2.3 million yuan in schools.\n\n"
		     "\xE3\x80\x90Wells\xE3\x80\x91 In 2012, Fujian allocated 9 million yuan to Ningxia. It put 4.2 "
		     "million yuan into wells; invested 2.4 million yuan in clinics.\n",
		     &x);
	CHECK(part_of(&x, 5500000, 10000000) && part_of(&x, 3800000, 10000000)); /* 93% */
	CHECK(part_of(&x, 4100000, 7000000) && part_of(&x, 2300000, 7000000));   /* 91% */
	CHECK(no_whole(&x, 4200000) && no_whole(&x, 2400000));                   /* 73% */
	extraction_free(&x);
}

/* Rule: a figure split over the sentences after it, without "of which":
 * amounts that add up to it; a list tied to it ("a total of", its places'
 * givers after a paragraph's opening figure, "It", "First, ..."); an
 * amount in brackets right after another; amounts summed before a figure
 * said to be their sum. Never money on top ("In addition"), of another
 * time ("In March, ..."), or a list that does not fit. */
static void test_breakdowns(void)
{
	struct extraction x;
	extract_text("Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Roads\xE3\x80\x91 In 2014, Jiangsu issued 12.3 million yuan to Shaanxi for roads. "
		     "5.1 million yuan went to Mizhi County; 7.2 million yuan was used in Zizhou County.\n\n"
		     "\xE3\x80\x90Schools\xE3\x80\x91 In 2014, Jiangsu provided a total of 31 million yuan to Shaanxi. "
		     "It put 4.4 million yuan into schools; invested 6.6 million yuan in clinics. In March, the two "
		     "sides agreed on 5.5 million yuan for Luochuan County.\n\n"
		     "\xE3\x80\x90" "Cities\xE3\x80\x91 In 2014, Jiangsu allocated 20.5 million yuan to Shaanxi. Suzhou "
		     "City gave 11.3 million yuan to Mizhi County. Wuxi City invested 8.2 million yuan in Zizhou "
		     "County. In addition, Nanjing City donated 1.1 million yuan to Luochuan County.\n\n"
		     "\xE3\x80\x90More\xE3\x80\x91 In 2014, Jiangsu issued 9.9 million yuan to Shaanxi. Jiangsu gave "
		     "4.3 million yuan to Mizhi County. Nanjing City arranged 770,000 yuan (330,000 yuan issued) "
		     "for Zizhou County. Based on a budget of 8.8 million yuan, Jiangsu added 4.1 million yuan, so "
		     "the funds amounted to 12.9 million yuan.\n",
		     &x);
	CHECK(part_of(&x, 5100000, 12300000) && part_of(&x, 7200000, 12300000)); /* they add up */
	CHECK(part_of(&x, 4400000, 31000000) && part_of(&x, 6600000, 31000000)); /* "a total of", "It" */
	CHECK(no_whole(&x, 5500000)); /* another time */
	/* its cities, which nearly fill it */
	CHECK(part_of(&x, 11300000, 20500000) && part_of(&x, 8200000, 20500000));
	CHECK(no_whole(&x, 1100000)); /* money on top, though it would fit */
	CHECK(no_whole(&x, 4300000)); /* the giver again, nothing ties it */
	CHECK(part_of(&x, 330000, 770000) && no_whole(&x, 770000));
	CHECK(part_of(&x, 8800000, 12900000) && part_of(&x, 4100000, 12900000));
	const struct fact_fund *f = find_fund(&x, 8800000);
	CHECK(f && f->category == FUND_GOVERNMENT); /* a budget summed into given money */
	extraction_free(&x);

	/* an enumeration after a figure; a paragraph that sums the one before */
	extract_text("Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90Overview\xE3\x80\x91 Over the past ten years, Jiangsu has donated 150 million "
		     "yuan to Shaanxi in three fields. First, build roads. Jiangsu invested 80 million yuan in "
		     "Mizhi County. Secondly, build schools. Jiangsu invested 60 million yuan in Zizhou County.\n\n"
		     "\xE3\x80\x90" "Cities\xE3\x80\x91 In 2014, the cities of Jiangsu put in 3.6 million yuan of aid "
		     "funds for Shaanxi.\n\n"
		     "Suzhou City issued 1.5 million yuan to Mizhi County. Wuxi City issued 2.1 million yuan to "
		     "Zizhou County.\n",
		     &x);
	CHECK(part_of(&x, 80000000, 150000000) && part_of(&x, 60000000, 150000000)); /* 93% of it */
	CHECK(part_of(&x, 1500000, 3600000) && part_of(&x, 2100000, 3600000));
	extraction_free(&x);

	/* a list that does not fit, and a bracket that compares */
	extract_text("Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "\xE3\x80\x90" "Funds\xE3\x80\x91 In 2014, Jiangsu provided a total of 6 million yuan to Shaanxi. "
		     "It gave 4.5 million yuan to Mizhi County and 3.5 million yuan to Zizhou County. Suzhou City "
		     "issued 900,000 yuan (up from 600,000 yuan) for Luochuan County.\n",
		     &x);
	CHECK(part_of(&x, 4500000, 6000000) && no_whole(&x, 3500000)); /* 4.5 + 3.5 is more than 6 */
	CHECK(no_whole(&x, 600000));
	extraction_free(&x);
	test_breakdowns_besides();
}

/* Rule: figures for the whole programme flow from the East to the West,
 * named in words; the two are never provinces, places in text or pairs. */
static void test_programme(void)
{
	size_t east = gazetteer_lookup(gaz, "East"), west = gazetteer_lookup(gaz, "West");
	CHECK(east != GAZ_NONE && strcmp(gazetteer_region(gaz, east)->type, "programme") == 0);
	CHECK(west != GAZ_NONE && gazetteer_province_of(gaz, west) == GAZ_NONE);
	struct extraction x;
	extract_text("East-West Pairing-off Poverty Alleviation in 2013\n\n"
		     "In 2013, the eastern provinces and municipalities provided a total of 500 million yuan of "
		     "financial aid to the western poverty-stricken areas, of which 300 million yuan was invested in "
		     "roads and 200 million yuan in schools; mobilized social forces to donate 60 million yuan. "
		     "Among the eastern provinces, Jiangsu provided 40 million yuan to Shaanxi. East China Fair and "
		     "West Lake Forum were held.\n\n"
		     "Jiangsu-Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "In 2013, Jiangsu, one of the eastern provinces, gave 45 million yuan to Shaanxi. Jiangsu "
		     "donated 15 million yuan to the western poor areas.\n",
		     &x);
	const struct fact_fund *whole = find_fund(&x, 500000000);
	CHECK(whole && strcmp(whole->donor, "East") == 0 && strcmp(whole->recipient, "West") == 0);
	CHECK(whole && whole->year == 2013 && whole->whole_index == -1);
	const struct fact_fund *f = find_fund(&x, 300000000);
	CHECK(f && strcmp(f->donor, "East") == 0 && f->whole_index == index_of(&x, whole));
	f = find_fund(&x, 200000000);
	CHECK(f && f->whole_index == index_of(&x, whole));
	f = find_fund(&x, 60000000);
	CHECK(f && strcmp(f->donor, "East") == 0 && f->category == FUND_SOCIAL);
	f = find_fund(&x, 40000000);
	CHECK(f && strcmp(f->donor, "Jiangsu") == 0 && strcmp(f->recipient, "Shaanxi") == 0);
	f = find_fund(&x, 45000000); /* a province "of the eastern provinces" gives alone */
	CHECK(f && strcmp(f->donor, "Jiangsu") == 0);
	f = find_fund(&x, 15000000);
	CHECK(f && strcmp(f->donor, "Jiangsu") == 0 && strcmp(f->recipient, "West") == 0);
	for (size_t i = 0; i < x.npairs; i++)
		CHECK(strcmp(x.pairs[i].donor, "East") != 0 && strcmp(x.pairs[i].recipient, "West") != 0);
	extraction_free(&x);
}

static void test_misspellings_and_brackets(void)
{
	struct extraction x;
	extract_text("Zhejiang-Sichuan Pairing-off Poverty Alleviation\n\n"
		     "Exchanges\xE3\x80\x91 In 2009, Guanguan City sent a delegation to Zhejiang.\n",
		     &x);
	CHECK(count_anomalies(&x, "misspelling") == 1);
	CHECK(count_anomalies(&x, "missing-bracket") == 1);
	extraction_free(&x);
}

/* ---- a report of the series that is not in the repository ------------- */

/* Reads tests/data/unseen/NAME and extracts it into *x; NULL (a failed check)
 * when the report cannot be read. The caller frees both. */
static struct report *extract_unseen(const char *name, struct extraction *x)
{
	char *path = xasprintf("%s/../tests/data/unseen/%s", PAIROFF_SRC_DATADIR, name);
	struct report *r = NULL;
	CHECK(report_read(path, &r) == ST_OK);
	free(path);
	if (r)
		CHECK(extract_report(r, gaz, x) == ST_OK);
	return r;
}

static void test_unseen_report(void)
{
	struct extraction x = { 0 };
	struct report *r = extract_unseen("fujian-ningxia-2015.txt", &x);
	if (!r)
		return;
	CHECK(has_pair(&x, "Fujian", "Ningxia"));
	CHECK(has_pair(&x, "Fuzhou", "Xiji County"));
	CHECK(has_pair(&x, "Xiamen", "Haiyuan County"));
	CHECK(has_pair(&x, "Quanzhou", "Tongxin County"));
	static const struct {
		int64_t yuan;
		int year, from_year;
		const char *donor;
	} yearly[] = {
		{ 40000000, 2013, 2013, "Fujian" },
		{ 45500000, 2014, 2014, "Fujian" },
		{ 52000000, 2015, 2015, "Fujian" },
		{ 612000000, 2015, 1996, "Fujian" },
		{ 9000000, 2015, 2013, "Fuzhou City" },
		{ 37000000, 2015, 2015, "Fujian" },   /* the table's grand total */
		{ 1400000000, 2015, 2015, "Quanzhou City" },
	};
	for (size_t i = 0; i < sizeof(yearly) / sizeof(yearly[0]); i++) {
		const struct fact_fund *f = find_fund(&x, yearly[i].yuan);
		CHECK(f && f->year == yearly[i].year && f->from_year == yearly[i].from_year &&
		      strcmp(f->donor, yearly[i].donor) == 0);
		if (!f || f->year != yearly[i].year || strcmp(f->donor, yearly[i].donor) != 0)
			fprintf(stderr, "  unseen: %" PRId64 " yuan not found as %d %s\n", yearly[i].yuan,
				yearly[i].year, yearly[i].donor);
	}
	const struct fact_fund *cell = find_fund(&x, 12000000);
	CHECK(cell && cell->table_index == 0 && strcmp(cell->recipient, "Xiji County") == 0);
	CHECK(count_anomalies(&x, "table-total") == 2);
	CHECK(count_anomalies(&x, "growth-rate") == 1);
	CHECK(count_anomalies(&x, "misspelling") == 1);
	CHECK(count_anomalies(&x, "missing-bracket") == 1);
	extraction_free(&x);
	report_free(r);
}

/* Another made-up report, in other words: "was paired with", "established a
 * twinning relationship", "has provided counterpart support to ... since",
 * a rate joined to the figure after it, givers named after the money. */
static void test_unseen_report_2(void)
{
	struct extraction x = { 0 };
	struct report *r = extract_unseen("tianjin-gansu-2014.txt", &x);
	if (!r)
		return;
	CHECK(has_pair(&x, "Tianjin", "Gansu"));
	CHECK(has_pair(&x, "Hedong District", "Min County"));
	CHECK(has_pair(&x, "Xiqing District", "Xihe County"));
	CHECK(has_pair(&x, "Dongli District", "Gangu County"));
	CHECK(has_pair(&x, "Baodi District", "Wushan County (Gansu)"));
	for (size_t i = 0; i < x.npairs; i++)
		if (strcmp(x.pairs[i].donor, "Baodi District") == 0)
			CHECK(x.pairs[i].since == 2012);
	const struct fact_fund *f = find_fund(&x, 95000000);
	CHECK(f && f->year == 2014 && strcmp(f->donor, "Tianjin") == 0);
	f = find_fund(&x, 80000000);
	CHECK(f && f->year == 2013);
	f = find_fund(&x, 2300000000);
	CHECK(f && f->year == 2014 && f->from_year == 2012 && f->approx && f->category == FUND_INVESTMENT);
	f = find_fund(&x, 1200000);
	CHECK(f && strcmp(f->donor, "Hebei District") == 0 && strcmp(f->recipient, "Longnan City") == 0);
	f = find_fund(&x, 12500000);
	CHECK(f && f->category == FUND_SOCIAL);
	CHECK(find_fund(&x, 5600) == NULL);
	CHECK(count_anomalies(&x, "growth-rate") == 0); /* 80 -> 95 is up 18.75% */
	extraction_free(&x);
	report_free(r);
}

/* The extracted row of donor -> recipient on the first line it is on, NULL. */
static const struct fact_pair *find_pair(const struct extraction *x, const char *donor, const char *recipient)
{
	size_t d = gazetteer_lookup(gaz, donor), r = gazetteer_lookup(gaz, recipient);
	for (size_t i = 0; i < x->npairs; i++)
		if (gazetteer_lookup(gaz, x->pairs[i].donor) == d && gazetteer_lookup(gaz, x->pairs[i].recipient) == r)
			return &x->pairs[i];
	return NULL;
}

/* Issue 9: links seen through what one place did for another. */
static void test_links_by_evidence(void)
{
	struct extraction x;
	extract_text("Jiangsu - Shaanxi Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Zhenjiang City built a pump station in Yongshou County. Officials of Jingyang "
		     "County visited Nantong City. Nantong City repaired roads in Anwu Town of Jingyang County "
		     "and in a village of Xuyi County; built a square in Changwu County. It also trained 40 "
		     "teachers for Chunhua County. Wuxi City was twinned with Mizhi County.\n",
		     &x);
	const struct fact_pair *p = find_pair(&x, "Zhenjiang City", "Yongshou County");
	CHECK(p && p->basis == BASIS_EVIDENCE && !p->internal && p->since == 0);
	CHECK(!has_pair(&x, "Jingyang County", "Nantong City")); /* a visit names, it gives nothing */
	CHECK(!has_pair(&x, "Nantong City", "Jingyang County") || find_pair(&x, "Nantong City", "Jingyang County"));
	CHECK(has_pair(&x, "Nantong City", "Changwu County"));    /* after ';' the giver goes on */
	CHECK(has_pair(&x, "Nantong City", "Chunhua County"));    /* "It" is the giver before */
	CHECK(!has_pair(&x, "Xuyi County", "Changwu County"));    /* a place inside a clause gives nothing */
	p = find_pair(&x, "Wuxi City", "Mizhi County");
	CHECK(p && p->basis == BASIS_STATED);
	extraction_free(&x);
}

/* A province acting on counties it lists, a list going on after ';', and
 * the section's donor as an unnamed subject ("we", a headline's verb). */
static void test_links_by_province_and_lists(void)
{
	struct extraction x;
	extract_text("Shanghai - Yunnan Pairing-off Poverty Alleviation\n\n"
		     "From 2013 to 2014, Shanghai began to take responsibility for 40 villages in five counties, "
		     "including Menglian and Lancang of Pu'er City. In 2015, Shanghai repaired roads in Ximeng "
		     "County.\n\n"
		     "Since 2014, we entrusted a school to recruit youths from Malipo County.\n",
		     &x);
	const struct fact_pair *p = find_pair(&x, "Shanghai", "Menglian County");
	CHECK(p && p->basis == BASIS_EVIDENCE && p->since == 2013); /* "began" dates the start */
	p = find_pair(&x, "Shanghai", "Lancang County");
	CHECK(p && p->since == 2013);
	p = find_pair(&x, "Shanghai", "Ximeng County");
	CHECK(p && p->since == 0); /* an act within the pair dates nothing */
	p = find_pair(&x, "Shanghai", "Malipo County");
	CHECK(p && p->since == 2014);
	extraction_free(&x);

	/* a prefecture acted on is a link when the act dates its start */
	extract_text("Shanghai - Yunnan Pairing-off Poverty Alleviation\n\n"
		     "Since May 2014, Shanghai started the support for the villages in Dehong of Yunnan "
		     "Province. In 2015, Shanghai repaired roads in Lincang.\n",
		     &x);
	p = find_pair(&x, "Shanghai", "Dehong Prefecture");
	CHECK(p && p->since == 2014);
	p = find_pair(&x, "Shanghai", "Lincang City");
	CHECK(!p || p->since == 0);
	extraction_free(&x);

	extract_text("Shandong - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Qingdao City built roads in A Village of B Town in Puding County; C Village in "
		     "Ziyun County. The weather in Zhenning County was dry.\n\n"
		     "Shandong Province carried out many projects. First, help the poor. It invested 3 million "
		     "yuan in Pingba County.\n",
		     &x);
	CHECK(has_pair(&x, "Qingdao City", "Puding County"));
	CHECK(has_pair(&x, "Qingdao City", "Ziyun County"));   /* the list goes on after ';' */
	CHECK(!has_pair(&x, "Qingdao City", "Zhenning County")); /* a new sentence, no act */
	CHECK(has_pair(&x, "Shandong", "Pingba County"));      /* "It" over a sentence naming no place */
	extraction_free(&x);

	extract_text("Liaoning - Qinghai Pairing-off Poverty Alleviation\n\n"
		     "Arranged project funds of 2 million yuan for villages of Minhe County. On the other hand, "
		     "we allocated one million yuan to support shops in Guinan County. Located in Ledu County, "
		     "the farm grew.\n",
		     &x);
	CHECK(has_pair(&x, "Liaoning", "Minhe County"));
	CHECK(has_pair(&x, "Liaoning", "Guinan County"));
	CHECK(!has_pair(&x, "Liaoning", "Ledu County"));
	extraction_free(&x);
}

/* Givers set to work in a list, bodies of a place, enterprises; plans and
 * a clause with a giver of its own after ';' link nothing. */
static void test_links_by_bodies_and_plans(void)
{
	struct extraction x;
	extract_text("Zhejiang - Sichuan Pairing-off Poverty Alleviation\n\n"
		     "In 2015, the province organized Huzhou and Shaoxing City to train nurses in Cangxi County. "
		     "The transport bureau of Wenzhou City successively repaired bridges in Xichong County. "
		     "Jiaxing City planned to build a clinic in Qingchuan County.\n",
		     &x);
	CHECK(has_pair(&x, "Huzhou City", "Cangxi County"));
	CHECK(has_pair(&x, "Shaoxing City", "Cangxi County"));
	CHECK(has_pair(&x, "Wenzhou City", "Xichong County"));
	CHECK(!has_pair(&x, "Jiaxing City", "Qingchuan County"));
	extraction_free(&x);

	extract_text("Liaoning - Qinghai Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Dalian City donated 100,000 yuan to Ledu County; a clinic in Guinan County, set up "
		     "with funds from Anshan City, opened. Liaoning Electric Power Co., Ltd built a farm in Minhe "
		     "County.\n",
		     &x);
	CHECK(has_pair(&x, "Dalian City", "Ledu County"));
	CHECK(!has_pair(&x, "Dalian City", "Guinan County")); /* another giver's clause */
	CHECK(has_pair(&x, "Liaoning Electric Power Corporation", "Minhe County"));
	extraction_free(&x);
}

/* "Among them, ..." goes on with the last giver's list; "..., they ..."
 * takes the last giver up again; an exchange mechanism between givers and
 * one county links them. */
static void test_links_by_reference(void)
{
	struct extraction x;
	extract_text("Guangdong - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Shenzhen City carried out nine projects. Among them, a grape park in Changshun "
		     "County grew fast.\n\n"
		     "Fujian - Ningxia Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Xiamen City chose villages. Through joint efforts, they continued to help the "
		     "farms in Xiji County. A mechanism for exchange between Haicang District and Huli District "
		     "and Haiyuan County was kept.\n",
		     &x);
	CHECK(has_pair(&x, "Shenzhen City", "Changshun County"));
	CHECK(has_pair(&x, "Xiamen City", "Xiji County"));
	CHECK(has_pair(&x, "Haicang District", "Haiyuan County"));
	CHECK(has_pair(&x, "Huli District", "Haiyuan County"));
	extraction_free(&x);

	/* planned money and a locator of the giver link nothing */
	extract_text("Zhejiang - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Ningbo City planned to invest 3 million yuan in a park in Leishan County. A toy "
		     "maker, which is located in Beilun District, donated 4 million yuan to Leishan County.\n",
		     &x);
	CHECK(!has_pair(&x, "Ningbo City", "Leishan County"));
	CHECK(!has_pair(&x, "Beilun District", "Leishan County"));
	extraction_free(&x);

	/* buying for a place gives, buying from it is trade; a district named
	 * after its city acts itself */
	extract_text("Shandong - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Qingdao City bought tea from Puding County. Meanwhile, it purchased tools for a "
		     "farm in Ziyun County. Qingdao Huangdao District Red Cross gave books to a school in "
		     "Pingba County.\n",
		     &x);
	CHECK(!has_pair(&x, "Qingdao City", "Puding County"));
	CHECK(has_pair(&x, "Qingdao City", "Ziyun County"));
	CHECK(has_pair(&x, "Huangdao District", "Pingba County"));
	extraction_free(&x);

	/* an enterprise the gazetteer does not know gives under its own name */
	extract_text("Zhejiang - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Hengda Toys (Ningbo) Co., Ltd, which is located in Ningbo, donated 1 million yuan "
		     "to a school in Leishan County. Lanhe Seed Company planned to build a farm in Leishan "
		     "County. Sunfish.com raised funds for a school in Leishan County.\n",
		     &x);
	bool toys = false, seed = false, web = false;
	for (size_t i = 0; i < x.npairs; i++) {
		toys = toys || strcmp(x.pairs[i].donor, "Hengda Toys (Ningbo) Co., Ltd") == 0;
		seed = seed || strcmp(x.pairs[i].donor, "Lanhe Seed Company") == 0;
		web = web || strcmp(x.pairs[i].donor, "Sunfish.com") == 0;
	}
	CHECK(toys && web && !seed);
	extraction_free(&x);

	/* helped by a firm; a firm acting on a town of a county, after ", and" */
	extract_text("Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "In 2015, under the guidance and help of Donghe Melon Seed Company, the melon output of "
		     "Wulong County rose. The province trained teachers, and Taishan Stone Co., Ltd donated "
		     "books to a school in Baima Town.\n",
		     &x);
	bool melon = false, stone = false;
	for (size_t i = 0; i < x.npairs; i++) {
		melon = melon || (strcmp(x.pairs[i].donor, "Donghe Melon Seed Company") == 0 &&
				  strcmp(x.pairs[i].recipient, "Wulong County") == 0);
		stone = stone || (strcmp(x.pairs[i].donor, "Taishan Stone Co., Ltd") == 0 &&
				  strcmp(x.pairs[i].recipient, "Wulong County") == 0);
	}
	CHECK(melon && stone);
	extraction_free(&x);

	/* an unnamed body's act ends the named giver's clause; the body is the
	 * section donor's */
	extract_text("Ningbo - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Cixi City's support for farms in Leishan County, relevant bureaus' support for "
		     "tea in Majiang County and the like were praised.\n",
		     &x);
	CHECK(has_pair(&x, "Cixi City", "Leishan County"));
	CHECK(!has_pair(&x, "Cixi City", "Majiang County"));
	CHECK(has_pair(&x, "Ningbo City", "Majiang County"));
	extraction_free(&x);
}

/* A pairing between two western places is a pairing within the West. */
static void test_links_internal(void)
{
	struct extraction x;
	extract_text("Beijing - Inner Mongolia Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Inner Mongolia organized Ordos City to provide counterpart support for Xing'an "
		     "League.\n",
		     &x);
	const struct fact_pair *p = find_pair(&x, "Ordos City", "Xing'an League");
	CHECK(p && p->internal && p->basis == BASIS_STATED);
	p = find_pair(&x, "Beijing", "Inner Mongolia");
	CHECK(p && !p->internal);
	extraction_free(&x);
}

/* Only a statement of a start dates a pairing; a restatement does not. */
static void test_link_dates(void)
{
	struct extraction x;
	extract_text("Liaoning - Guizhou Pairing-off Poverty Alleviation\n\n"
		     "In 2013, on the basis of the counterpart support for Liupanshui City provided by Dalian "
		     "City, the office coordinated to add Zhuhai City for the pairing-off, namely Zhuhai City "
		     "and Anshun City. In June 2011, Dalian City decided to establish assistance partnerships "
		     "between Jinzhou City and Xishui County. Since 1998, Dalian City has provided "
		     "counterpart support for Zunyi City. Anshan City was designated to provide counterpart "
		     "support for Panxian County.\n",
		     &x);
	const struct fact_pair *p = find_pair(&x, "Dalian City", "Liupanshui City");
	CHECK(p && p->since == 0);
	p = find_pair(&x, "Jinzhou City", "Xishui County");
	CHECK(p && p->since == 2011);
	p = find_pair(&x, "Dalian City", "Zunyi City");
	CHECK(p && p->since == 1998);
	p = find_pair(&x, "Anshan City", "Panxian County");
	CHECK(p && p->since == 0);
	extraction_free(&x);
}

/* A name two places share goes to the one the section's pair holds. */
static void test_namesakes_by_context(void)
{
	struct extraction x;
	extract_text("Tianjin - Gansu Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Hebei District donated 500,000 yuan to Wushan County.\n\n"
		     "Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Yantai City donated 600,000 yuan to Wushan County.\n",
		     &x);
	CHECK(has_pair(&x, "Hebei District", "Wushan County (Gansu)"));
	CHECK(has_pair(&x, "Yantai City", "Wushan County"));
	CHECK(!has_pair(&x, "Yantai City", "Wushan County (Gansu)"));
	CHECK(count_anomalies(&x, "ambiguous-place") == 0);
	extraction_free(&x);
	/* the place named beside it tells; with nothing to tell, an anomaly */
	extract_text("Shandong - Chongqing Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Yantai City donated 600,000 yuan to Wushan County of Tianshui City.\n\n"
		     "Guangdong - Guangxi Pairing-off Poverty Alleviation\n\n"
		     "In 2015, Wushan County received 30 doctors.\n",
		     &x);
	CHECK(has_pair(&x, "Yantai City", "Wushan County (Gansu)"));
	CHECK(count_anomalies(&x, "ambiguous-place") == 1);
	extraction_free(&x);
}

/* The recipient of an amount is the place its own clause names: not one
 * an earlier verb took ("... to A and donated X to B"), and a list of small
 * places unknown to the gazetteer does not end the clause at its comma. */
static void test_fund_recipients(void)
{
	struct extraction x;
	extract_text("Beijing - Inner Mongolia Pairing-off Poverty Alleviation\n\n"
		     "In 2014, Shunyi District donated three buses to Inner Mongolia and donated 400,000 yuan "
		     "to Aohan Banner. Haidian District invested 250,000 yuan to dig wells in Hongqigou, "
		     "Dabanzhen of Balin Left Banner.\n",
		     &x);
	const struct fact_fund *f = find_fund(&x, 400000);
	CHECK(f && strcmp(f->recipient, "Aohan Banner") == 0);
	f = find_fund(&x, 250000);
	CHECK(f && strcmp(f->recipient, "Balin Left Banner") == 0);
	CHECK(has_pair(&x, "Shunyi District", "Aohan Banner"));
	extraction_free(&x);
}

/* A made-up report of the series with a re-assignment sentence: the old
 * pair ends, the new one starts, the former recipient never gives. */
static void test_unseen_reassignment(void)
{
	struct extraction x = { 0 };
	struct report *r = extract_unseen("jiangsu-qinghai-2016.txt", &x);
	if (!r)
		return;
	bool ended = false, started = false;
	for (size_t i = 0; i < x.npairs; i++) {
		const struct fact_pair *p = &x.pairs[i];
		CHECK(strcmp(p->donor, "Shaanxi") != 0 && strcmp(p->donor, "Qinghai") != 0);
		if (strcmp(p->donor, "Jiangsu") == 0 && strcmp(p->recipient, "Shaanxi") == 0)
			ended |= p->until == 2016 && p->since == 0;
		if (strcmp(p->donor, "Jiangsu") == 0 && strcmp(p->recipient, "Qinghai") == 0)
			started |= p->since == 2016 && p->until == 0;
	}
	CHECK(ended && started);
	const struct fact_pair *p = find_pair(&x, "Suzhou City", "Xining City");
	CHECK(p && p->since == 0);                 /* restated "on the basis of" */
	p = find_pair(&x, "Taicang City", "Mizhi County");
	CHECK(p && p->since == 2014 && p->basis == BASIS_STATED);
	p = find_pair(&x, "Wuxi City", "Huangyuan County");
	CHECK(p && p->basis == BASIS_EVIDENCE && p->line_no == 5);
	CHECK(has_pair(&x, "Nanjing City", "Ledu County"));
	CHECK(has_pair(&x, "Nanjing City", "Huangzhong County"));
	CHECK(!has_pair(&x, "Xuyi County", "Ledu County"));
	CHECK(!has_pair(&x, "Huangyuan County", "Zhenjiang City"));
	CHECK(!has_pair(&x, "Zhenjiang City", "Huangyuan County"));
	extraction_free(&x);
	report_free(r);
}

int main(void)
{
	char *path = xasprintf("%s/regions", PAIROFF_SRC_DATADIR);
	if (gazetteer_load(path, &gaz) != ST_OK) {
		fprintf(stderr, "cannot load %s: %s\n", path, status_detail(ST_CONFIG));
		return 1;
	}
	free(path);
	test_gazetteer_contents();
	test_gazetteer_match();
	test_gazetteer_errors();
	test_gazetteer_dir();
	test_gazetteer_dir_errors();
	test_gazetteer_namesake_rank();
	test_money_forms();
	test_kinds();
	test_cumulative();
	test_years_and_spans();
	test_pairs();
	test_givers();
	test_heading_inside_a_province();
	test_parties();
	test_parts_and_totals();
	test_breakdowns();
	test_programme();
	test_misspellings_and_brackets();
	test_unseen_report();
	test_unseen_report_2();
	test_links_by_evidence();
	test_links_by_province_and_lists();
	test_links_by_bodies_and_plans();
	test_links_by_reference();
	test_links_internal();
	test_link_dates();
	test_namesakes_by_context();
	test_unseen_reassignment();
	test_fund_recipients();
	gazetteer_free(gaz);
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
