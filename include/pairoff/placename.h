#ifndef PAIROFF_PLACENAME_H
#define PAIROFF_PLACENAME_H

/* The names a reader types for a place beside its English ones: its name in
 * Chinese characters with or without the administrative suffix (云南省 or
 * 云南; 文山壮族苗族自治州, 文山州 or 文山), and pinyin written any way
 * ("Wen Shan", "xi'an", "XIAN"). Pure functions over strings: the importer
 * derives the forms once (the store's region_name table) and the query
 * layer compares spellings with placename_compact. */

#include <stdbool.h>
#include <stddef.h>

#include "pairoff/settings.h"   /* enum names_mode */

/* At most this many forms of one Chinese name. */
#define PLACENAME_MAX_FORMS 3

/* The look-up forms of a Chinese name, each once: the name itself; its short
 * form, short_zh when given (may be NULL or ""), else the name with its
 * administrative suffix (省 市 县 区 旗 盟 镇 乡 地区 新区 ...) dropped when
 * two characters or more remain; and for an autonomous prefecture, county
 * or banner the short form with the plain suffix (文山州, 孟连县). Into
 * out[0..PLACENAME_MAX_FORMS), owned by the caller; their count (0 when
 * name_zh is NULL or empty). */
size_t placename_zh_forms(const char *name_zh, const char *short_zh, char **out);

/* s folded for comparing spellings however they are spaced: ASCII lower
 * case, with blanks, hyphens, dots and apostrophes (' ` ’ ‘) dropped
 * ("Xi'an", "xi an" and "XIAN" all give "xian"). Owned. */
char *placename_compact(const char *s);

/* A place's name as mode asks: en, zh, or "en zh" (Yunnan 云南), in buf
 * when both; en alone when zh is NULL or empty or utf8 is false (the output
 * shows no Chinese). The one rule of the browser and the command line. */
const char *placename_shown(enum names_mode mode, bool utf8, const char *en, const char *zh,
			    char *buf, size_t size);

#endif
