#ifndef PAIROFF_INDICATORS_H
#define PAIROFF_INDICATORS_H

/* Indicator identity: the same count stated again (a report's overview and
 * its section, an article repeating its own text, the next year's report)
 * is one fact with several sources, as one money flow is (src/flows.c).
 * Pure logic, called by the store at import and testable alone. */

#include <stddef.h>
#include <stdint.h>

#include "pairoff/gazetteer.h"

/* One indicator statement as the rule sees it: kept small, since the
 * store holds one per statement of an import until the end. Region fields
 * are gazetteer indexes. */
struct indicator_fact {
	int64_t id;                /* the statement's id (the store's indicator.id), > 0 */
	double value;              /* as in struct fact_indicator */
	int64_t flow_id;           /* set by indicators_link: the id of the statement
	                            * standing for this one's fact (its own when first) */
	uint32_t donor, recipient;
	uint32_t donor_unit;       /* the donor at the level the programme pairs it */
	uint32_t recipient_unit;   /* the recipient's provincial-level region */
	uint32_t report_id;
	int32_t line_no;
	int16_t year, from_year;   /* as in struct fact_indicator */
	uint16_t section;          /* the report's section it is in (index) */
	uint8_t kind;              /* enum indicator_kind */
};

/* Links facts[0..n) (in import order): two statements are one fact when
 * they have the same kind, value, year and span, donor unit and recipient
 * province, their donors and their recipients are equal or one inside the
 * other, they are on different lines (a paragraph that counts the same
 * number twice counts two things), and their places are equal or they are
 * in different sections or reports (a section lists its own places' counts
 * once). Each joins the flow of the first earlier statement it restates. */
void indicators_link(struct indicator_fact *facts, size_t n, const struct gazetteer *g);

#endif
