#ifndef PAIROFF_EXTRACT_H
#define PAIROFF_EXTRACT_H

/* Fact extraction: from a parsed report and the gazetteer to pairings, money
 * facts and anomalies, each with the line and the quoted span it came from.
 * General rules only: nothing here may know a particular report. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/gazetteer.h"
#include "pairoff/report.h"
#include "pairoff/status.h"

enum fund_category {
	FUND_GOVERNMENT,       /* government aid funds actually allocated */
	FUND_PLANNED,          /* planned / budgeted, not yet spent */
	FUND_SOCIAL,           /* social donations */
	FUND_ENTERPRISE,       /* enterprise investment, economic cooperation */
	FUND_LOAN_SUBSIDY,     /* loan interest subsidies, microfinance */
	FUND_OTHER,
};
const char *fund_category_name(enum fund_category c);

struct fact_pair {
	char *donor;           /* owned; canonical gazetteer name */
	char *recipient;       /* owned; canonical gazetteer name */
	char *level;           /* owned; "province", "prefecture", "county", ... (recipient's level) */
	int since, until;      /* years, 0 when not stated */
	int line_no;           /* 1-based line in the report */
	char *quote;           /* owned; the sentence that states it */
};

struct fact_fund {
	char *donor;           /* owned; canonical gazetteer name */
	char *recipient;       /* owned; canonical gazetteer name, "" when no
	                        * recipient could be told */
	int year;              /* year, or last year of a span */
	int from_year;         /* first year of a cumulative span; == year for one
	                        * year; 0 for a cumulative figure whose start the
	                        * text does not state ("so far", "as of 2012") */
	int64_t amount_yuan;
	enum fund_category category;
	bool approx;           /* "more than", "nearly", "about" */
	int line_no;
	char *quote;           /* owned; the quoted span ("160 million Yuan") or sentence */
	char *sentence;        /* owned; the whole sentence it came from */
	long table_index;      /* index into report.tables, -1 when from prose */
};

struct fact_anomaly {
	char *kind;            /* owned; "misspelling", "wrong-province", "missing-bracket",
	                        * "table-total", "growth-rate", ... */
	char *message;         /* owned; one line a person can read */
	int line_no;
	char *quote;           /* owned, may be NULL */
};

struct extraction {
	struct fact_pair *pairs;       /* owned */
	size_t npairs, cap_pairs;
	struct fact_fund *funds;       /* owned */
	size_t nfunds, cap_funds;
	struct fact_anomaly *anomalies; /* owned */
	size_t nanomalies, cap_anomalies;
};

/* Appends the facts of r to out (which starts zeroed). */
enum status extract_report(const struct report *r, const struct gazetteer *g,
			   struct extraction *out);
void extraction_free(struct extraction *x);

#endif
