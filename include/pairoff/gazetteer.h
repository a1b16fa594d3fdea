#ifndef PAIROFF_GAZETTEER_H
#define PAIROFF_GAZETTEER_H

/* The curated gazetteer of place names (data/regions/, one INI file per
 * provincial-level region, each read through src/ini.c): every
 * provincial-level division with its type and side in the programme, the
 * prefectures, cities, counties, districts, banners, towns and ethnic groups
 * the reports name, with parent and aliases (including the misspellings the
 * reports use), and donor enterprises. Facts about places only: who is
 * paired with whom comes from the reports. */

#include <stdbool.h>
#include <stddef.h>

#include "pairoff/status.h"

#define GAZ_NONE ((size_t)-1)

struct region {
	char *name;            /* owned; canonical display name ("Pu'er City") */
	char *type;            /* owned; province, municipality, autonomous region,
	                        * SAR, prefecture, league, city, district, county,
	                        * banner, town, ethnic group, enterprise,
	                        * programme (East, West: a whole side of the
	                        * programme; not a province, not a place in text) */
	char *side;            /* owned, may be NULL; east, central or west (provinces) */
	size_t parent;         /* index of the parent region, GAZ_NONE at the top */
	bool pairs_alone;      /* a city the programme pairs on its own, beside its
	                        * province (Dalian, Ningbo, ...): totals are kept
	                        * for it apart from its province's */
	char **aliases;        /* owned; other spellings, misspellings marked separately */
	size_t naliases;
	bool *alias_is_misspelling; /* owned; naliases flags: the alias is a typo to report */
	/* For look-ups and display only, never matched in the reports' text: */
	char *name_zh;         /* owned, may be NULL; official name in simplified
	                        * Chinese, suffix included ("文山壮族苗族自治州") */
	char *short_zh;        /* owned, may be NULL; the name without its suffix
	                        * where dropping the suffix does not give it ("文山") */
	char *pinyin;          /* owned, may be NULL; toneless pinyin of the short
	                        * name where the English is not pinyin ("xizang") */
	/* For the tile map (provincial level), never matched in text either: */
	char *abbr_zh;         /* owned, may be NULL; one-character abbreviation ("沪") */
	char *code;            /* owned, may be NULL; two-letter Latin code ("SH") */
	int tile_row, tile_col; /* the tile's place on the map's grid, -1 for none */
};

struct gazetteer;

/* Loads path: an INI file, or a directory whose *.ini files (hidden ones
 * aside) are read in name order as one gazetteer, so that a section's
 * parent may be in another file; the regions are numbered in that order.
 * Errors: ST_IO (missing/unreadable), ST_CONFIG (syntax error, unknown key,
 * type or side, unknown parent, a section id given twice, in one file or in
 * two, or a directory without *.ini files), each with file and line. */
enum status gazetteer_load(const char *path, struct gazetteer **out);
void gazetteer_free(struct gazetteer *g);

size_t gazetteer_count(const struct gazetteer *g);
const struct region *gazetteer_region(const struct gazetteer *g, size_t idx);

/* Where one spelling names several regions, the lookups and matches below
 * take the larger place (a province, then a prefecture or city, then a
 * county, district or banner, then a town, then the rest), and among places
 * of one size the first in reading order: so which file a place is in
 * decides nothing but a tie of equals. */

/* Exact lookup of a name or alias, case-insensitive, apostrophe variants
 * (' ’ none) folded; a region's own name beats another's alias. Returns the
 * region index or GAZ_NONE. */
size_t gazetteer_lookup(const struct gazetteer *g, const char *name);

/* Longest name or alias that starts exactly at text and ends at a word
 * boundary. On a match returns the region index and sets *match_len (bytes)
 * and, when non-NULL, *alias (the alias index matched, or (size_t)-1 for the
 * canonical name). Returns GAZ_NONE when nothing matches. */
size_t gazetteer_match(const struct gazetteer *g, const char *text,
		       size_t *match_len, size_t *alias);

/* Like gazetteer_match, but when several regions share the matched spelling
 * ("Jining": a Shandong city and an Inner Mongolia district), prefers one
 * lying within a region of prefer[0..nprefer) (GAZ_NONE entries ignored). */
size_t gazetteer_match_near(const struct gazetteer *g, const char *text, size_t *match_len,
			    size_t *alias, const size_t *prefer, size_t nprefer);

/* The regions that a name or alias spelled exactly text[0, len) (folded)
 * may mean, each once, into out (at most max), the larger places first;
 * their count. Two or more:
 * namesakes ("Wushan": a county of Chongqing and one of Gansu). */
size_t gazetteer_namesakes(const struct gazetteer *g, const char *text, size_t len, size_t *out, size_t max);

/* True when idx is ancestor or lies within it (following parents). */
bool gazetteer_within(const struct gazetteer *g, size_t idx, size_t ancestor);

/* The provincial-level ancestor of idx (idx itself for a province), or GAZ_NONE. */
size_t gazetteer_province_of(const struct gazetteer *g, size_t idx);

/* The level at which the programme pairs idx: the nearest of idx and its
 * ancestors that pairs alone (a city such as Ningbo), else its province;
 * idx itself when it has neither. */
size_t gazetteer_unit_of(const struct gazetteer *g, size_t idx);

#endif
