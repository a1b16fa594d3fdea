#include "config.h"

#include <string.h>

#include "pairoff/extract.h"

/* The names the facts are stored and shown by (categories, kinds, periods,
 * indicators, bases), and the kind each category counts as. */

static const struct {
	const char *name;
	enum fund_kind kind;
} categories[FUND_NCATEGORIES] = {
	[FUND_GOVERNMENT] = { "government", KIND_AID },
	[FUND_SOCIAL] = { "social", KIND_AID },
	[FUND_ENTERPRISE] = { "enterprise", KIND_AID },
	[FUND_LOAN_SUBSIDY] = { "loan-subsidy", KIND_AID },
	[FUND_INVESTMENT] = { "investment", KIND_INVESTMENT },
	[FUND_TRADE] = { "trade", KIND_INVESTMENT },
	[FUND_PLANNED] = { "planned", KIND_PLANNED },
	[FUND_LABOUR_INCOME] = { "labour-income", KIND_OTHER },
	[FUND_LOAN] = { "loan", KIND_OTHER },
	[FUND_OWN_FUNDS] = { "own-funds", KIND_OTHER },
	[FUND_PROJECT_COST] = { "project-cost", KIND_OTHER },
	[FUND_OTHER] = { "other", KIND_OTHER },
};

static const char *const kind_names[FUND_NKINDS] = {
	[KIND_AID] = "aid", [KIND_INVESTMENT] = "investment", [KIND_PLANNED] = "planned",
	[KIND_OTHER] = "other",
};

static const char *const period_names[] = {
	[PERIOD_YEAR] = "year", [PERIOD_SPAN] = "span", [PERIOD_CUMULATIVE] = "cumulative",
};

static const char *const indicator_names[IND_NKINDS] = {
	[IND_CADRES] = "cadres", [IND_TRAINED] = "trained", [IND_LABOUR] = "labour",
	[IND_STUDENTS] = "students", [IND_PROJECTS] = "projects", [IND_VILLAGES] = "villages",
	[IND_SCHOOLS] = "schools", [IND_HEALTH] = "health", [IND_HOUSEHOLDS] = "households",
	[IND_PEOPLE] = "people", [IND_VISITS] = "visits", [IND_ENTERPRISES] = "enterprises",
	[IND_ROADS] = "roads", [IND_LAND] = "land", [IND_OTHER] = "other",
};

const char *indicator_kind_name(enum indicator_kind k)
{
	return (unsigned)k < IND_NKINDS ? indicator_names[k] : "other";
}

enum indicator_kind indicator_kind_parse(const char *name)
{
	for (size_t k = 0; name && k < IND_NKINDS; k++)
		if (strcmp(indicator_names[k], name) == 0)
			return (enum indicator_kind)k;
	return IND_NKINDS;
}

const char *fund_category_name(enum fund_category c)
{
	return (unsigned)c < FUND_NCATEGORIES ? categories[c].name : "other";
}

enum fund_category fund_category_parse(const char *name)
{
	for (size_t c = 0; name && c < FUND_NCATEGORIES; c++)
		if (strcmp(categories[c].name, name) == 0)
			return (enum fund_category)c;
	return FUND_NCATEGORIES;
}

enum fund_kind fund_kind_of(enum fund_category c)
{
	return (unsigned)c < FUND_NCATEGORIES ? categories[c].kind : KIND_OTHER;
}

const char *fund_kind_name(enum fund_kind k)
{
	return (unsigned)k < FUND_NKINDS ? kind_names[k] : "other";
}

const char *fund_period_name(enum fund_period p)
{
	return (unsigned)p <= PERIOD_CUMULATIVE ? period_names[p] : "year";
}

static const char *const basis_names[] = { [BASIS_STATED] = "stated", [BASIS_EVIDENCE] = "evidence" };

const char *pair_basis_name(enum pair_basis b)
{
	return b == BASIS_EVIDENCE ? basis_names[BASIS_EVIDENCE] : basis_names[BASIS_STATED];
}

int pair_basis_parse(const char *name)
{
	for (int b = BASIS_STATED; name && b <= BASIS_EVIDENCE; b++)
		if (strcmp(basis_names[b], name) == 0)
			return b;
	return -1;
}

enum fund_period fact_fund_period(const struct fact_fund *f)
{
	if (f->from_year == f->year)
		return PERIOD_YEAR;
	return f->from_year == 0 ? PERIOD_CUMULATIVE : PERIOD_SPAN;
}
