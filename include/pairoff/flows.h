#ifndef PAIROFF_FLOWS_H
#define PAIROFF_FLOWS_H

/* Money flows: the rules that turn money statements into figures a reader can
 * quote. Pure logic, below the store and the query layer, which both call it
 * (the store at import, the query layer for any pair a pane shows), so a
 * figure is computed by one rule wherever it appears.
 *
 * - One flow, many statements: the same money stated again (an overview and
 *   its section, a report and the next) is one flow; flows_link() finds it.
 * - The one rule for a year's figure: flows_year_figure(). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"

/* One money statement as the rules see it. Region fields are gazetteer
 * indexes. */
struct flow_fact {
	int64_t id;                /* the statement's id (the store's fund.id), > 0 */
	size_t donor, recipient;
	const size_t *co_donors;   /* not owned; other givers of a joint donation */
	size_t nco_donors;
	size_t donor_unit;         /* the donor at the level the programme pairs it */
	size_t recipient_unit;     /* the recipient's provincial-level region */
	int year, from_year;       /* as in struct fact_fund */
	enum fund_category category;
	int64_t amount_yuan;
	bool approx;
	bool stated_total;         /* given as the pair's total for the period */
	bool pair_level;           /* donor and recipient are the pair's own two sides
	                            * (set by the caller for the pair it asks about) */
	int64_t whole_id;          /* the statement this is a part of, 0 when none */
	int64_t report_id;
	int section;               /* the report's section it is in (index) */
	int topic_line;            /* the line of the 【topic】 it stands under in its
	                            * section (a paragraph without one goes on under
	                            * the last), 0 for none, one that sums up the
	                            * others (an overview) or a table */
	bool in_table;             /* a table's cell, not a sentence */
	int line_no;
	int64_t flow_id;           /* set by flows_link: the id of the statement
	                            * standing for this one's flow (its own when first) */
};

/* Two statements of one flow whose figures differ (kept both, reported). */
struct flow_disagreement {
	size_t first, later;       /* indexes into the facts given to flows_link */
};

/* Links facts[0..n) into flows: statements that restate one another, directly
 * or through a third, are one flow, whose id is its first statement's.
 * Two statements restate one another when they are in different paragraphs
 * (or reports), have the same kind of money, period and donor unit, the
 * same joint givers, donors and recipients equal or one inside the other,
 * neither is the other's whole nor are they parts of one whole, and
 *  - their amounts are equal, and their places equal or the two in
 *    different sections (a section lists its own places' money once), or
 *  - their amounts are within 2%, both name the pair itself (donor unit to
 *    recipient province) and they are in different sections, or one is a
 *    table's and the other a sentence's, or one is the pair's stated total:
 *    an overview's "255 million" and the section's "257 million" for one
 *    year's aid.
 * Within one section, two parts of two wholes are never one flow, nor two
 * statements under two topics (each tells its own work: the same sum under
 * each is two sums), unless one is the pair's stated total.
 * Each statement whose figure differs from its flow's first is appended to
 * *dis (*ndis of them, caller frees). g gives the places' nesting. */
void flows_link(struct flow_fact *facts, size_t n, const struct gazetteer *g,
		struct flow_disagreement **dis, size_t *ndis);
/* The topic a statement at line_no stands under (struct flow_fact's
 * topic_line): the last of topics[0..n) (the lines of its report's 【topic】
 * paragraphs in order, negated for one that sums up the others:
 * report_topic_sums_up) at or before it and after section_line, its
 * section's first line; 0 when none or one that sums up. */
int flows_topic_line(const int *topics, size_t n, int section_line, int line_no);

/* The key flows_link links within: two statements of one flow have the
 * same kind of money, year, first year, donor unit and recipient unit, in
 * that order of comparison (the import reads its statements back sorted
 * so, a key at a time: src/store-money.c). */
int flows_key_cmp(const struct flow_fact *a, const struct flow_fact *b);

/* A pair's money in one year, by the one rule. */
struct year_figure {
	int64_t aid_yuan;          /* aid, wholes only, no investment/planned/other */
	int64_t investment_yuan;   /* signed agreements, contracts, trade */
	size_t facts;              /* statements that went into the two figures */
};

/* The one rule for a year's figure. facts[0..n) are the statements naming the
 * pair (its places or places under them) for one year (PERIOD_YEAR; any
 * other is ignored). Aid: when the pair states its own totals for the year
 * (pair_level and stated_total), those totals, the largest of each category,
 * added, and nothing on top of them (a report's own total holds what it
 * lists under it); else the sum of the distinct flows (each flow once, at
 * its largest figure; a part whose whole is counted is left out).
 * Investment likewise, beside the aid, never in it. counted (when not NULL,
 * n flags) marks the statements that went in. */
struct year_figure flows_year_figure(const struct flow_fact *facts, size_t n, bool *counted);

/* A pair's year figure when its donor side may hold several units (a
 * province with a city that pairs alone): the rule applied per donor unit
 * and added. Joint statements (nco_donors > 0) are left out: a joint
 * donation is a pair of its own. pair_level must be set by the caller. */
struct year_figure flows_pair_year(const struct flow_fact *facts, size_t n, bool *counted);

/* A flow's figure when its statements disagree: the largest. */
int64_t flows_flow_amount(const struct flow_fact *facts, size_t n, int64_t flow_id);

#endif
