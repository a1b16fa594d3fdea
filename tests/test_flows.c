/* Unit tests of the money rules (src/flows.c): restatements linked into one
 * flow, and the one rule for a pair's figure in a year. The facts are made
 * up (invented figures between places of the gazetteer), one rule a test. */

#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "pairoff/flows.h"
#include "pairoff/gazetteer.h"
#include "pairoff/idmap.h"
#include "pairoff/util.h"

static struct gazetteer *gaz;

static size_t place(const char *name)
{
	size_t idx = gazetteer_lookup(gaz, name);
	if (idx == GAZ_NONE) {
		fprintf(stderr, "test_flows: '%s' is not in the gazetteer\n", name);
		exit(99);
	}
	return idx;
}

/* A statement of one year, in report 1, section 0, at line: donor gives
 * amount to recipient. */
static struct flow_fact fact(int64_t id, const char *donor, const char *recipient, int year,
			     enum fund_category c, int64_t amount, int line)
{
	size_t d = place(donor), r = place(recipient);
	size_t prov = gazetteer_province_of(gaz, r);
	struct flow_fact f = {
		.id = id, .donor = d, .recipient = r, .donor_unit = gazetteer_unit_of(gaz, d),
		.recipient_unit = prov != GAZ_NONE ? prov : r, .year = year, .from_year = year,
		.category = c, .amount_yuan = amount, .report_id = 1, .line_no = line, .flow_id = id,
	};
	f.pair_level = f.donor == f.donor_unit && f.recipient == f.recipient_unit;
	return f;
}

/* Links f[0..n) into flows, the disagreements dropped. */
static void link(struct flow_fact *f, size_t n)
{
	struct flow_disagreement *dis;
	size_t ndis;
	flows_link(f, n, gaz, &dis, &ndis);
	free(dis);
}

static struct year_figure figure(struct flow_fact *f, size_t n)
{
	link(f, n);
	return flows_pair_year(f, n, NULL);
}

/* The same money in an overview and in its section is counted once. */
static void test_restatement_once(void)
{
	struct flow_fact f[] = {
		fact(1, "Jiangsu", "Shaanxi", 2014, FUND_GOVERNMENT, 40000000, 5),
		fact(2, "Jiangsu", "Shaanxi", 2014, FUND_GOVERNMENT, 40000000, 30),
	};
	f[1].section = 2;
	struct year_figure yf = figure(f, 2);
	CHECK(f[1].flow_id == 1, "the section's statement joins the overview's flow");
	CHECK(yf.aid_yuan == 40000000, "aid %lld, want 40 million once", (long long)yf.aid_yuan);
	CHECK(yf.facts == 2, "both statements went in: %zu", yf.facts);
}

/* Two equal amounts in one paragraph are two sums of money. */
static void test_one_paragraph_two_sums(void)
{
	struct flow_fact f[] = {
		fact(1, "Beijing", "Inner Mongolia", 2014, FUND_GOVERNMENT, 3000000, 9),
		fact(2, "Beijing", "Inner Mongolia", 2014, FUND_GOVERNMENT, 3000000, 9),
	};
	struct year_figure yf = figure(f, 2);
	CHECK(f[1].flow_id == 2, "not linked");
	CHECK(yf.aid_yuan == 6000000, "aid %lld, want 6 million", (long long)yf.aid_yuan);
}

/* Near figures for the pair itself, in different sections, are one flow
 * stated two ways; the larger is its figure and the difference is reported. */
static void test_disagreeing_figures(void)
{
	struct flow_fact f[] = {
		fact(1, "Shanghai", "Yunnan", 2014, FUND_GOVERNMENT, 300000000, 3),
		fact(2, "Shanghai", "Yunnan", 2014, FUND_GOVERNMENT, 303000000, 40),
		fact(3, "Shanghai", "Yunnan", 2014, FUND_GOVERNMENT, 9000000, 41),
		fact(4, "Shanghai", "Yunnan", 2014, FUND_GOVERNMENT, 9100000, 42),
	};
	f[1].section = f[2].section = f[3].section = 1;
	struct flow_disagreement *dis;
	size_t ndis;
	flows_link(f, 4, gaz, &dis, &ndis);
	CHECK(f[1].flow_id == 1, "300 and 303 million: one flow");
	CHECK(f[3].flow_id == 4, "9 and 9.1 million in one section: two sums");
	CHECK(ndis == 1 && dis[0].first == 0 && dis[0].later == 1, "one disagreement, %zu", ndis);
	free(dis);
	struct year_figure yf = flows_pair_year(f, 4, NULL);
	CHECK(yf.aid_yuan == 303000000 + 9000000 + 9100000, "aid %lld", (long long)yf.aid_yuan);
}

/* In one section, a paragraph's near figure restates the pair's stated
 * total (its overview's); two parts of two wholes, equal and of one place,
 * are two sums. */
static void test_section_restatements(void)
{
	struct flow_fact f[] = {
		fact(1, "Shanghai", "Yunnan", 2014, FUND_SOCIAL, 41000000, 3),
		fact(2, "Shanghai", "Yunnan", 2014, FUND_SOCIAL, 40400000, 9),
		fact(3, "Shanghai", "Wenshan Prefecture", 2014, FUND_GOVERNMENT, 2000000, 11),
		fact(4, "Shanghai", "Wenshan Prefecture", 2014, FUND_GOVERNMENT, 700000, 11),
		fact(5, "Shanghai", "Wenshan Prefecture", 2014, FUND_GOVERNMENT, 3000000, 13),
		fact(6, "Shanghai", "Wenshan Prefecture", 2014, FUND_GOVERNMENT, 700000, 13),
	};
	f[0].stated_total = true;
	f[3].whole_id = 3;
	f[5].whole_id = 5;
	link(f, 6);
	CHECK(f[1].flow_id == 1, "40.4 million restates the stated 41 million");
	CHECK(f[5].flow_id == 6, "700,000 of one whole and 700,000 of another: two sums");
}

/* In one section, the same sum under two topics is two sums (each topic
 * tells its own work); under one topic (its paragraphs carry the topic's
 * line), a topic and one that sums up (0), two sections, or as a part, one. */
static void test_topics(void)
{
	struct flow_fact f[] = {
		fact(1, "Xiamen City", "Haiyuan County", 2014, FUND_GOVERNMENT, 300000, 4),
		fact(2, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 300000, 8),
		fact(3, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 300000, 12),
		fact(4, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 500000, 14),
		fact(5, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 500000, 20),
		fact(6, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 700000, 22),
		fact(7, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 700000, 26),
	};
	f[0].topic_line = 4;
	f[1].topic_line = 8;
	f[2].topic_line = 12;
	f[3].topic_line = 12;   /* a second paragraph under the topic of line 12 */
	f[4].topic_line = 12;
	f[5].topic_line = 22;
	f[6].topic_line = 0;    /* a topic that sums up, or none */
	link(f, 7);
	CHECK(f[1].flow_id == 2 && f[2].flow_id == 3, "two topics' sums are two: %lld %lld",
	      (long long)f[1].flow_id, (long long)f[2].flow_id);
	CHECK(f[4].flow_id == 4, "one topic's two paragraphs: one sum (%lld)", (long long)f[4].flow_id);
	CHECK(f[6].flow_id == 6, "the summing-up paragraph restates a topic's: %lld", (long long)f[6].flow_id);
}

/* The exceptions: the pair's stated total, a part, another section. */
static void test_topics_exceptions(void)
{
	struct flow_fact f[] = {
		fact(1, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 500000, 14),
		fact(2, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 500000, 20),
		fact(3, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 9000000, 22),
		fact(4, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 800000, 22),
		fact(5, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 800000, 30),
		fact(6, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 600000, 34),
		fact(7, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 600000, 60),
	};
	f[0].topic_line = 12;
	f[1].topic_line = 16;
	f[1].stated_total = true;
	f[2].topic_line = f[3].topic_line = 22;
	f[3].whole_id = 3;      /* a funds topic's breakdown ... */
	f[4].topic_line = 28;   /* ... told again under the work it paid for */
	f[5].topic_line = 34;
	f[6].topic_line = 58;
	f[6].section = 1;       /* another section's topic */
	link(f, 7);
	CHECK(f[1].flow_id == 1, "the pair's stated total restates a topic's: %lld", (long long)f[1].flow_id);
	CHECK(f[4].flow_id == 4, "a part told again under another topic: %lld", (long long)f[4].flow_id);
	CHECK(f[6].flow_id == 6, "another section's topic restates: %lld", (long long)f[6].flow_id);
}

/* Two sums of two topics stay two when a third statement (another
 * report's) restates both: it joins the first only. */
static void test_topics_third(void)
{
	struct flow_fact f[] = {
		fact(1, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 300000, 8),
		fact(2, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 300000, 12),
		fact(3, "Xiamen City", "Haiyuan County", 2014, FUND_SOCIAL, 300000, 3),
	};
	f[0].topic_line = 8;
	f[1].topic_line = 12;
	f[2].report_id = 2;
	link(f, 3);
	CHECK(f[1].flow_id == 2, "the second topic's sum stays its own: %lld", (long long)f[1].flow_id);
	CHECK(f[2].flow_id == 1, "the other report's joins the first: %lld", (long long)f[2].flow_id);
}

/* The line of the topic a statement stands under. */
static void test_topic_line(void)
{
	int topics[] = { 3, -10, 14, 30 };
	CHECK(flows_topic_line(topics, 4, 0, 3) == 3, "the topic's own paragraph");
	CHECK(flows_topic_line(topics, 4, 0, 5) == 3, "a paragraph under the topic of line 3");
	CHECK(flows_topic_line(topics, 4, 0, 12) == 0, "under a topic that sums up: none");
	CHECK(flows_topic_line(topics, 4, 20, 25) == 0, "a topic of the section before: none");
	CHECK(flows_topic_line(topics, 4, 20, 31) == 30, "its section's own topic");
	CHECK(flows_topic_line(topics, 4, 0, 2) == 0, "before any topic: none");
	CHECK(flows_topic_line(topics, 0, 0, 2) == 0, "no topics at all");
}

/* A part is not added to its whole. */
static void test_parts_not_added(void)
{
	struct flow_fact f[] = {
		fact(1, "Fujian", "Ningxia", 2014, FUND_GOVERNMENT, 50000000, 7),
		fact(2, "Fujian", "Ningxia", 2014, FUND_GOVERNMENT, 30000000, 7),
		fact(3, "Fujian", "Ningxia", 2014, FUND_LOAN_SUBSIDY, 20000000, 7),
	};
	f[1].whole_id = f[2].whole_id = 1;
	struct year_figure yf = figure(f, 3);
	CHECK(yf.aid_yuan == 50000000, "aid %lld, want the whole only", (long long)yf.aid_yuan);
}

/* The pair's own stated totals are its figure; the places' figures under
 * them are not added on top, nor are other categories' figures. */
static void test_stated_total(void)
{
	struct flow_fact f[] = {
		fact(1, "Tianjin", "Gansu", 2014, FUND_GOVERNMENT, 80000000, 3),
		fact(2, "Xiqing District", "Xihe County", 2014, FUND_GOVERNMENT, 2000000, 9),
		fact(3, "Tianjin", "Gansu", 2014, FUND_SOCIAL, 4000000, 3),
		fact(4, "Tianjin", "Gansu", 2014, FUND_LOAN_SUBSIDY, 1000000, 11),
	};
	f[0].stated_total = f[2].stated_total = true;
	struct year_figure yf = figure(f, 4);
	CHECK(yf.aid_yuan == 84000000, "aid %lld, want 80 + 4 million", (long long)yf.aid_yuan);
	f[0].stated_total = f[2].stated_total = false;
	yf = flows_pair_year(f, 4, NULL);
	CHECK(yf.aid_yuan == 87000000, "without a stated total every flow adds: %lld",
	      (long long)yf.aid_yuan);
	f[1].stated_total = true; /* a district's "total" is not the pair's */
	f[1].pair_level = false;
	yf = flows_pair_year(f, 4, NULL);
	CHECK(yf.aid_yuan == 87000000, "a place's total is one flow among others: %lld",
	      (long long)yf.aid_yuan);
}

/* Investment is beside aid, never in it; planned, span and cumulative money
 * are in neither. */
static void test_kinds_and_periods(void)
{
	struct flow_fact f[] = {
		fact(1, "Guangdong", "Guangxi", 2014, FUND_GOVERNMENT, 60000000, 3),
		fact(2, "Guangdong", "Guangxi", 2014, FUND_INVESTMENT, 9000000000, 4),
		fact(3, "Guangdong", "Guangxi", 2014, FUND_PLANNED, 70000000, 5),
		fact(4, "Guangdong", "Guangxi", 2014, FUND_GOVERNMENT, 900000000, 6),
		fact(5, "Guangdong", "Guangxi", 2014, FUND_GOVERNMENT, 500000000, 7),
		fact(6, "Guangdong", "Guangxi", 2014, FUND_LOAN, 8000000, 8),
	};
	f[3].from_year = 0;    /* cumulative to 2014 */
	f[4].from_year = 2010; /* 2010-2014 */
	struct year_figure yf = figure(f, 6);
	CHECK(yf.aid_yuan == 60000000, "aid %lld", (long long)yf.aid_yuan);
	CHECK(yf.investment_yuan == 9000000000, "investment %lld", (long long)yf.investment_yuan);
}

/* A city that pairs alone is its own pair; a joint donation is left to its
 * own pair. */
static void test_units_and_joint(void)
{
	size_t co = place("Qingdao City");
	struct flow_fact f[] = {
		fact(1, "Zhejiang", "Sichuan", 2014, FUND_GOVERNMENT, 10000000, 3),
		fact(2, "Ningbo City", "Sichuan", 2014, FUND_GOVERNMENT, 10000000, 20),
		fact(3, "Ningbo City", "Sichuan", 2014, FUND_GOVERNMENT, 5000000, 21),
	};
	f[1].section = f[2].section = 1;
	f[2].co_donors = &co;
	f[2].nco_donors = 1;
	CHECK(f[1].donor_unit == place("Ningbo City"), "Ningbo pairs alone");
	struct year_figure yf = figure(f, 3);
	CHECK(f[1].flow_id == 2, "Ningbo's money is not Zhejiang's restated");
	CHECK(yf.aid_yuan == 20000000, "aid %lld, the joint gift left out", (long long)yf.aid_yuan);
}

/* Sums never overflow: they stop at the largest figure. */
static void test_no_overflow(void)
{
	struct flow_fact f[] = {
		fact(1, "Jiangsu", "Shaanxi", 2014, FUND_GOVERNMENT, INT64_MAX - 5, 3),
		fact(2, "Jiangsu", "Shaanxi", 2014, FUND_SOCIAL, INT64_MAX - 5, 3),
	};
	struct year_figure yf = figure(f, 2);
	CHECK(yf.aid_yuan == INT64_MAX, "capped: %lld", (long long)yf.aid_yuan);
}

/* A busy year (hundreds of statements, as a pair of a large corpus has):
 * the rule finds flows and wholes by id, and gives the same figure as for
 * a few. Flows 1..200 give 1,000 each; 201..300 are parts of 1..100;
 * 301..400 restate 101..200. */
static void test_busy_year(void)
{
	enum { N = 400 };
	struct flow_fact *f = xcalloc(N, sizeof(*f));
	bool counted[N];
	for (int i = 0; i < N; i++) {
		f[i] = fact(i + 1, "Fujian", "Ningxia", 2014, FUND_GOVERNMENT, 1000, i + 1);
		if (i >= 200 && i < 300)
			f[i].whole_id = i - 199;
		if (i >= 300)
			f[i].flow_id = i - 199;
	}
	struct year_figure yf = flows_pair_year(f, N, counted);
	CHECK(yf.aid_yuan == 200000, "aid %lld, want 200 flows of 1,000", (long long)yf.aid_yuan);
	CHECK(yf.facts == 300, "%zu statements counted, want 200 flows and 100 restatements", yf.facts);
	CHECK(counted[0] && !counted[250] && counted[350], "counted: a flow, not a part, a restatement");
	free(f);
}

/* The id map the rules use: the first put stays, ids must be positive,
 * and every one of many keys (colliding in a small table) is found. */
static void test_idmap(void)
{
	struct idmap m;
	idmap_init(&m, 1000);
	CHECK(!idmap_put(&m, 0, 1) && !idmap_put(&m, -5, 1), "non-positive keys refused");
	for (int64_t k = 1; k <= 1000; k++)
		CHECK(idmap_put(&m, k * 1024, (size_t)k), "put %lld", (long long)k);
	CHECK(!idmap_put(&m, 1024, 99), "a second put of a key refused");
	size_t found = 0;
	for (int64_t k = 1; k <= 1000; k++)
		found += idmap_get(&m, k * 1024, 0) == (size_t)k;
	CHECK(found == 1000, "%zu of 1000 keys found", found);
	CHECK(idmap_get(&m, 7, 42) == 42 && idmap_get(&m, 0, 42) == 42, "missing keys give missing");
	idmap_free(&m);
}

int main(void)
{
	char *path = xasprintf("%s/regions", PAIROFF_SRC_DATADIR);
	if (gazetteer_load(path, &gaz) != ST_OK) {
		fprintf(stderr, "test_flows: cannot load %s\n", path);
		return 99;
	}
	free(path);
	test_restatement_once();
	test_section_restatements();
	test_one_paragraph_two_sums();
	test_topics();
	test_topics_exceptions();
	test_topics_third();
	test_topic_line();
	test_disagreeing_figures();
	test_parts_not_added();
	test_stated_total();
	test_kinds_and_periods();
	test_units_and_joint();
	test_no_overflow();
	test_busy_year();
	test_idmap();
	gazetteer_free(gaz);
	return CHECK_EXIT();
}
