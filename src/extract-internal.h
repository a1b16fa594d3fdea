#ifndef PAIROFF_EXTRACT_INTERNAL_H
#define PAIROFF_EXTRACT_INTERNAL_H

/* Shared between the extractor's files (src/extract*.c); not a public API.
 *
 * The extractor reads a report paragraph by paragraph. Each paragraph is cut
 * into sentences; in each sentence the gazetteer names (places) and the money
 * amounts are located by byte offset. The rules then work on those offsets:
 * who acts (the nearest donor-side place before an amount), on whom, in which
 * year, and whether a sentence states a pairing. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairoff/extract.h"

/* A place named in a sentence. */
struct xplace {
	size_t region;
	size_t start, end;     /* byte offsets in the sentence */
	bool misspelled;
};

/* A money amount found in a sentence. */
struct xmoney {
	size_t start, end;     /* span quoted: from the approximation word to "yuan" */
	size_t num_start;      /* where the number begins */
	int64_t yuan;
	bool approx;
};

/* A year mentioned in a sentence ("In 2009", "as of the end of 2011"). */
struct xyear {
	size_t start, end;
	int year;
	bool comparison;       /* "three times that of 2011": names the year compared with */
};

struct xsentence {
	char *text;            /* owned; one sentence of a paragraph */
	size_t len;
	struct xplace *places; /* owned */
	size_t nplaces, cap_places;
	struct xmoney *money;  /* owned */
	size_t nmoney, cap_money;
	struct xyear *years;   /* owned */
	size_t nyears, cap_years;
};

/* A map from strings to indexes (extract-index.c). */
struct xmap {
	char **keys;           /* owned; cap slots, each owned or NULL */
	size_t *vals;          /* owned */
	size_t cap, n;
};
#define XMAP_NONE ((size_t)-1)
size_t xmap_get(const struct xmap *m, const char *key); /* XMAP_NONE when absent */
void xmap_put(struct xmap *m, const char *key, size_t value);
void xmap_free(struct xmap *m);

/* An amount of the paragraph being read, as the rules on breakdowns see it
 * (extract-breakdowns.c). */
struct xpara_fund {
	long fund;             /* index in out->funds */
	size_t donor, recipient; /* the fund's, as gazetteer indexes (GAZ_NONE) */
	unsigned sentence;     /* its sentence's number in the paragraph, from 1;
	                        * 0 when carried from the paragraph before */
	bool total_cue;        /* its own words say it is a sum ("a total of") */
	bool addition;         /* its sentence puts it on top ("also", "in addition") */
	bool pronoun;          /* its sentence opens with "It": the giver before */
	bool in_item;          /* in an item of an enumeration ("First, ...") */
	unsigned time_no;      /* sentences of the paragraph up to its own that open
	                        * with a time ("In March, ..."): its event's number */
	bool carried;          /* the last amount of the paragraph before */
	bool split;            /* a whole whose parts are linked already */
};

/* Where the extractor stands while reading a report. */
struct xctx {
	const struct report *r;
	const struct gazetteer *g;
	struct extraction *out;
	size_t sec_donor, sec_recipient;     /* the section's pair, GAZ_NONE if none */
	size_t donor, recipient;             /* pair in force: section or topic override */
	int line_no;                         /* paragraph being read */
	int para_year;                       /* "In 2009, ..." context of the paragraph */
	int last_year;                       /* last year stated in the section */
	int since_year;                      /* "since 1996": paragraph, or topic block */
	int span_from, span_to;              /* "from 2009 to 2010" in the paragraph */
	int max_year;                        /* latest year stated so far in the report */
	const char *topic;                   /* topic in force, may be NULL */
	bool in_overview;                    /* the section's overview: its first paragraph
	                                      * or an "Overview" topic */
	bool topic_block;                    /* the paragraph continues a topic's paragraph */
	size_t para_donor;                   /* giver named by the sentence before, GAZ_NONE */
	size_t next_donor;                   /* giver named by the sentence being read */
	size_t *ordered;                     /* owned; pairs made from lists paired in order */
	size_t nordered, cap_ordered;
	bool pairing_in_order;               /* the pairs being added come from such lists */
	long open_whole;                     /* a whole whose parts the next sentence may
	                                      * complete ("a total of X, of which Y."), -1 */
	int64_t open_sum;                    /* the parts of open_whole so far */
#define MAX_OPEN_PARTS 32
	long open_parts[MAX_OPEN_PARTS];     /* parts of open_whole after its sentence, to link
	                                      * once they add up to it */
	size_t nopen_parts;
	long last_fund;                      /* the paragraph's last fund, -1 */
	struct xpara_fund *para_funds;       /* owned; the paragraph's amounts */
	size_t npara_funds, cap_para_funds;
	unsigned para_sentence;              /* sentences of the paragraph read so far */
	unsigned para_times;                 /* of them, those that open with a time */
	bool para_items;                     /* an enumeration ("First, ...") has begun */
	bool para_pronoun;                   /* the last sentence was about "It" */
	bool para_semicolon;                 /* the last sentence ended in ';' */
	size_t east_all, west_all;           /* the programme's sides as wholes, GAZ_NONE if
	                                      * the gazetteer has none */
	size_t link_actor;                   /* the local giver the last sentence acted through
	                                      * ("It built ..."), GAZ_NONE */
	int link_line;                       /* the paragraph of link_actor */
	bool link_list;                      /* the last sentence ended in ';' after its giver
	                                      * acted: a list of places goes on */
	struct xmap last_link;               /* "donor\x1frecipient" -> its last fact of the report */
	struct xmap first_partner;           /* donor -> its first stated pairing's fact */
	struct xmap heading_partner;         /* donor -> the pairing its section heading states */
	bool in_heading;                     /* the pair being added is a section heading's */
	size_t first_pair;                   /* out->npairs when the report began */
	size_t first_fund;
	size_t first_indicator;              /* out->nindicators when the report began */
};

/* The files in layers, each using only those listed before it:
 *   extract-index.c, extract-names.c   maps of strings; the facts' names
 *   extract-context.c                  places' names, facts recorded so far
 *   extract-text.c                     sentences, places, years, words, clauses
 *   extract-years.c, extract-money.c,
 *   extract-kind.c, extract-parts.c,
 *   extract-breakdowns.c               an amount's year, value, kind, parts
 *   extract-funds.c, -pairs.c, -links.c,
 *   -indicators.c, -tables.c,
 *   -anomalies.c                       the rules, side by side
 *   extract.c                          the driver: a report, paragraph by paragraph
 * Among the rules, extract-indicators.c asks extract-funds.c who gives and
 * receives (xparties_for) and extract-tables.c enters a table's section
 * through extract-pairs.c (xpairs_section); no rule asks back. */

/* extract-pool.c: the facts' strings, in out's pool (see struct
 * extraction): copies that live until extraction_free, shared by equal
 * facts, never written through. */
char *xpool_strndup(struct extraction *x, const char *s, size_t n);
char *xpool_strdup(struct extraction *x, const char *s); /* NULL: "" */
void xpool_free(struct xpool *p);

/* extract-context.c: places' names and the facts recorded so far. */
const char *xname(const struct xctx *c, size_t region);
/* The deepest place holding all of regs[0..n), GAZ_NONE if none. */
size_t xcommon_ancestor(const struct xctx *c, const size_t *regs, size_t n);
/* Records an anomaly at the paragraph being read (once per line, kind and
 * message). */
void xanomaly(struct xctx *c, const char *kind, const char *quote, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void xadd_pair(struct xctx *c, size_t donor, size_t recipient, int since, int until, const char *quote);
/* An evidence link from a giver the gazetteer does not know, by the name the
 * text gives it (an enterprise: "Yiren Arts and Crafts Co., Ltd"). */
void xadd_link_named(struct xctx *c, const char *donor, size_t recipient, int since, const char *quote);
void xadd_link(struct xctx *c, size_t donor, size_t recipient, int since, int until, const char *quote,
	       enum pair_basis basis);
/* xadd_link of a link shown by money given, quote being that fund's
 * sentence, in the pool already: shared, not copied (a large report gives
 * tens of thousands). */
void xadd_link_shared(struct xctx *c, size_t donor, size_t recipient, const char *quote);
void xadd_fund(struct xctx *c, const struct fact_fund *f);
/* The donor's partner in this report (its section heading's, else its first
 * stated pairing's), GAZ_NONE if none yet. */
size_t xpair_partner(const struct xctx *c, size_t donor);
bool xis_pair_donor(const struct xctx *c, size_t region);

/* extract-text.c: sentences, places, years, words. */
size_t xsplit_sentences(const char *text, struct xsentence **out);
void xsentence_free(struct xsentence *s, size_t n);
void xscan_places(const struct xctx *c, struct xsentence *s);
/* A name several places share goes to the one the sentence places it in,
 * else the one the section's pair holds; an "ambiguous-place" anomaly when
 * nothing tells them apart. */
void xresolve_namesakes(struct xctx *c, struct xsentence *s);
void xscan_years(struct xsentence *s);
bool xword_at(const char *text, size_t pos, const char *word);
bool xcontains_word(const char *text, size_t from, size_t to, const char *word);
/* Whether xcontains_word is true for any of words[0..n), in one pass over
 * the text (for a long list searched in a whole sentence). */
bool xcontains_any_word(const char *text, size_t from, size_t to, const char *const *words, size_t n);
const char *xfind_ci(const char *hay, size_t from, size_t to, const char *needle);
/* The clause around pos runs from after the previous ',', ';', '(' or ':'
 * (not floor-ward of floor) to before the next; commas inside numbers
 * ("10,000") do not count. */
size_t xclause_start(const char *t, size_t pos, size_t floor);
size_t xclause_end(const char *t, size_t pos, size_t len);
bool xis_donor_side(const struct xctx *c, size_t region);
bool xis_recipient_side(const struct xctx *c, size_t region);
bool xis_placeish(const struct xctx *c, size_t region);
/* The programme-type region of a side ("east", "west"), GAZ_NONE if none. */
size_t xprogramme_side(const struct gazetteer *g, const char *side);
/* Where the last words naming the programme's East as a whole, as who
 * acts, end in t[from, to); 0 when none. */
size_t xeast_named(const char *t, size_t from, size_t to);
/* Whether t[from, to) names the programme's West as a whole. */
bool xwest_named(const char *t, size_t from, size_t to);
/* The word that ends just before pos (skipping blanks and quotes); its
 * length, 0 when punctuation or the start comes first. */
size_t xword_before(const char *t, size_t pos, size_t *wstart);
/* Whether w[0..n) is one of list[0..count), ignoring case. */
bool xword_in(const char *w, size_t n, const char *const *list, size_t count);
/* The place before pi when the two are joined ("A and B", "A, B"), else
 * (size_t)-1. */
size_t xjoined_before(const struct xsentence *s, size_t pi);
/* The word governing place pi (its own, or that of a list it ends), past
 * articles; its length, *ws its start. */
size_t xgoverning_word(const struct xsentence *s, size_t pi, size_t *ws);
bool xopens_clause(const struct xsentence *s, size_t pi); /* the place is its clause's subject */

/* extract-years.c: the year (and span) an amount belongs to. */
int xyear_for(const struct xctx *c, const struct xsentence *s, size_t pos, int *from_year);
void xyears_after_sentence(struct xctx *c, const struct xsentence *s);
/* The year a "since" clause of the sentence states, 0. */
int xsince_clause_year(const struct xsentence *s);

/* extract-money.c: amounts of money in a sentence. */
void xscan_money(struct xctx *c, struct xsentence *s);
/* Digits (with thousands commas and decimals) times a scale word
 * ("million", "ten thousand"; NULL for none), rounded; false on overflow. */
bool xparse_amount(const char *num, size_t num_len, const char *scale, int64_t *value);
/* Where an approximation word before a number starts ("more than 5,000"),
 * num_start when none; *approx says whether there was one. */
size_t xapprox_start(const char *t, size_t num_start, bool *approx);

/* extract-kind.c: the category (and so the kind) of an amount given by donor. */
enum fund_category xfund_category(const struct xctx *c, const struct xsentence *s, const struct xmoney *m,
				  size_t donor);

/* extract-parts.c: part-of links in prose; fund_of[i] is the fund made
 * from the sentence's i-th amount, -1 when none. */
void xparts_sentence(struct xctx *c, const struct xsentence *s, const long *fund_of);

/* extract-breakdowns.c: a figure split over the sentences after it, read
 * once its paragraph is. xbreakdowns_begin starts a paragraph (continues:
 * it goes on with its topic, so the last amount before may be its whole);
 * xbreakdowns_note takes a sentence's amounts (fund_of as above);
 * xbreakdowns_paragraph links the parts. */
void xbreakdowns_begin(struct xctx *c, bool continues);
void xbreakdowns_note(struct xctx *c, const struct xsentence *s, const long *fund_of);
void xbreakdowns_paragraph(struct xctx *c);

/* extract-funds.c: fund facts from prose. */
void xfunds_sentence(struct xctx *c, const struct xsentence *s);
/* The giver and receiver of what t[start, end) states, by the rules for
 * money (the giver of the clause, the place the clause names, the pair in
 * force by default); either may be GAZ_NONE. */
void xparties_for(struct xctx *c, const struct xsentence *s, size_t start, size_t end, size_t *donor,
		  size_t *recipient);

/* extract-indicators.c: counts of what the programme did, from prose. */
void xindicators_sentence(struct xctx *c, const struct xsentence *s);

/* extract-pairs.c: pairings stated by sections and sentences. */
void xpairs_section(struct xctx *c, size_t sec);
void xpairs_sentence(struct xctx *c, const struct xsentence *s);
void xpairs_overview(struct xctx *c, const struct xsentence *s);

/* extract-links.c: links seen through what one place did for another. */
void xlinks_sentence(struct xctx *c, const struct xsentence *s);
void xlinks_funds(struct xctx *c);

/* extract-tables.c: fund facts from tables, totals checked. */
void xfunds_tables(struct xctx *c);

/* extract-anomalies.c: what the importer corrected or could not reconcile. */
void xanomalies_paragraph(struct xctx *c, const struct report_paragraph *p);
void xanomalies_sentence(struct xctx *c, const struct xsentence *s);

#endif
