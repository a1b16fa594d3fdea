#ifndef PAIROFF_EXTRACT_H
#define PAIROFF_EXTRACT_H

/* Fact extraction: from a parsed report and the gazetteer to pairings, money
 * facts and anomalies, each with the line and the quoted span it came from.
 * General rules only: nothing here may know a particular report. */

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/gazetteer.h"
#include "pairoff/report.h"
#include "pairoff/status.h"

/* What a money fact is, in two levels: its kind (aid, investment, planned,
 * other), which decides whether it may enter a year's aid, and its category
 * within the kind, kept for the reader. fund_kind_of() is the one mapping. */
enum fund_category {
	/* aid: money given */
	FUND_GOVERNMENT,       /* government aid funds allocated (also when "donated"
	                        * by a government body, department or district) */
	FUND_SOCIAL,           /* social donations in cash or kind */
	FUND_ENTERPRISE,       /* an enterprise's donation */
	FUND_LOAN_SUBSIDY,     /* loan interest subsidies */
	/* investment: not aid, shown apart */
	FUND_INVESTMENT,       /* signed agreements, contracts, investment projects,
	                        * acquisitions, funds introduced or attracted */
	FUND_TRADE,            /* trade and purchases ("worth ... of goods") */
	/* planned: budgeted or arranged, not yet given */
	FUND_PLANNED,
	/* other: neither aid nor investment */
	FUND_LABOUR_INCOME,    /* income of transferred labour */
	FUND_LOAN,             /* loans (to be repaid) */
	FUND_OWN_FUNDS,        /* the recipient's own or matching money */
	FUND_PROJECT_COST,     /* a project's total cost that includes others' money */
	FUND_OTHER,
};
#define FUND_NCATEGORIES (FUND_OTHER + 1)
const char *fund_category_name(enum fund_category c);
/* FUND_NCATEGORIES when name is not a category. */
enum fund_category fund_category_parse(const char *name);

enum fund_kind { KIND_AID, KIND_INVESTMENT, KIND_PLANNED, KIND_OTHER };
#define FUND_NKINDS (KIND_OTHER + 1)
enum fund_kind fund_kind_of(enum fund_category c);
const char *fund_kind_name(enum fund_kind k);

/* The time a figure covers: one year; a span with both ends stated; or
 * cumulative up to a year with the start unstated ("as of the end of 2011",
 * "accumulatively", "so far"). Only PERIOD_YEAR figures enter a year's aid. */
enum fund_period { PERIOD_YEAR, PERIOD_SPAN, PERIOD_CUMULATIVE };
const char *fund_period_name(enum fund_period p);

/* Why a link donor -> recipient is known: a sentence states the pairing
 * ("twinned", "provide counterpart support for"), or the text shows it by
 * what the one did for the other (aid given, cadres sent, projects built). */
enum pair_basis { BASIS_STATED, BASIS_EVIDENCE };
const char *pair_basis_name(enum pair_basis b);
/* BASIS_STATED + 1 ... : returns -1 when name is no basis. */
int pair_basis_parse(const char *name);

/* One link as one sentence states or shows it: a link stated by several
 * sentences is several facts, each with its source. */
struct fact_pair {
	char *donor;           /* in the pool; canonical gazetteer name */
	char *recipient;       /* in the pool; canonical gazetteer name */
	char *level;           /* in the pool; "province", "prefecture", "county", ... (recipient's level) */
	int since, until;      /* years a statement dates it by, 0 when none does */
	int line_no;           /* 1-based line in the report */
	char *quote;           /* in the pool; the sentence that states it */
	enum pair_basis basis;
	bool internal;         /* both sides in the West: a pairing within it
	                        * (a region's own cities), not east-west */
};

struct fact_fund {
	char *donor;           /* in the pool; canonical gazetteer name (the first giver
	                        * named when several give jointly) */
	char **co_donors;      /* owned, may be NULL; the other givers of a joint
	                        * donation ("from Dalian, Ningbo, Qingdao and
	                        * Shenzhen"), canonical names, each owned */
	size_t nco_donors;
	char *recipient;       /* in the pool; canonical gazetteer name, "" when no
	                        * recipient could be told */
	int year;              /* year, or last year of a span / cumulative figure */
	int from_year;         /* first year of a span; == year for one year; 0
	                        * for a cumulative figure whose start the text
	                        * does not state ("so far", "as of 2012") */
	int64_t amount_yuan;
	enum fund_category category; /* its kind is fund_kind_of(category) */
	bool approx;           /* "more than", "nearly", "about" */
	bool stated_total;     /* the text gives it as the pair's total for its
	                        * period ("a total of", "throughout the year", the
	                        * section's overview), donor and recipient being
	                        * the section's own pair */
	long whole_index;      /* index (in extraction.funds) of the whole this is
	                        * a part of ("of which", "including", a table cell
	                        * under its total), -1 when none */
	int line_no;
	char *quote;           /* in the pool; the quoted span ("160 million Yuan") or sentence */
	char *sentence;        /* in the pool; the whole sentence it came from */
	long table_index;      /* index into report.tables, -1 when from prose */
};

/* PERIOD_YEAR when from_year == year, PERIOD_CUMULATIVE when from_year == 0,
 * else PERIOD_SPAN. */
enum fund_period fact_fund_period(const struct fact_fund *f);

/* What a non-money count counts: one fixed vocabulary (indicator_kind_name
 * gives the names the store, the CLI and the gold file use). */
enum indicator_kind {
	IND_CADRES,      /* officials, cadres, technicians, doctors, teachers or
	                  * volunteers sent or exchanged */
	IND_TRAINED,     /* people or person-times trained, training courses */
	IND_LABOUR,      /* workers transferred, employed, organised for labour export */
	IND_STUDENTS,    /* poor students subsidised or aided */
	IND_PROJECTS,    /* aid projects carried out (signed investment is money) */
	IND_VILLAGES,
	IND_SCHOOLS,
	IND_HEALTH,      /* hospitals, clinics, health centres */
	IND_HOUSEHOLDS,
	IND_PEOPLE,      /* people benefited or lifted out of poverty */
	IND_VISITS,      /* exchange visits, delegations */
	IND_ENTERPRISES, /* enterprises brought to invest or cooperate */
	IND_ROADS,       /* km */
	IND_LAND,        /* mu, hectares, square metres */
	IND_OTHER,
};
#define IND_NKINDS (IND_OTHER + 1)
const char *indicator_kind_name(enum indicator_kind k);
/* IND_NKINDS when name is not a kind. */
enum indicator_kind indicator_kind_parse(const char *name);

/* A quantified non-money statement: "sent 44 cadres", "trained 1,602
 * people". Parties and time by the same rules as money. */
struct fact_indicator {
	char *donor;           /* in the pool; canonical gazetteer name */
	char *recipient;       /* in the pool; canonical name, "" when none could be told */
	int year, from_year;   /* as in struct fact_fund (from_year 0: cumulative) */
	double value;          /* the count, in its unit; a length or an area may
	                        * have decimals ("3.5 km"), a count of things never */
	enum indicator_kind kind;
	char *unit;            /* in the pool; the counted noun as written ("person-times") */
	bool approx;           /* "more than", "nearly", "about" */
	int line_no;
	char *quote;           /* in the pool; the number and what it counts (its
	                        * sentence is not kept: nothing reads it, and a
	                        * large report's indicators held it at half its size) */
};

struct fact_anomaly {
	char *kind;            /* owned; "misspelling", "wrong-province", "missing-bracket",
	                        * "table-total", "growth-rate", ... */
	char *message;         /* owned; one line a person can read */
	int line_no;
	char *quote;           /* owned, may be NULL */
};

struct xpool;

/* The facts' strings (donor, recipient, level, unit, quote, sentence) live
 * in the extraction's pool, freed together by extraction_free; facts may
 * share them, so they are never written through nor freed one by one.
 * Anomalies and co-donors own their strings. */
struct extraction {
	struct xpool *pool;            /* owned, NULL until the first fact */
	struct fact_pair *pairs;       /* owned */
	size_t npairs, cap_pairs;
	struct fact_fund *funds;       /* owned */
	size_t nfunds, cap_funds;
	struct fact_anomaly *anomalies; /* owned */
	size_t nanomalies, cap_anomalies;
	struct fact_indicator *indicators; /* owned */
	size_t nindicators, cap_indicators;
};

/* Appends the facts of r to out (which starts zeroed). */
enum status extract_report(const struct report *r, const struct gazetteer *g,
			   struct extraction *out);
/* The same, ending early with ST_INTERRUPTED (out then holds part of the
 * facts) once *stop is true: an import interrupted while a report of
 * millions of words is being read stops within a paragraph. stop may be NULL. */
enum status extract_report_until(const struct report *r, const struct gazetteer *g,
				 struct extraction *out, atomic_bool *stop);
void extraction_free(struct extraction *x);

#endif
