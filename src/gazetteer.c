#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pairoff/gazetteer.h"
#include "pairoff/ini.h"
#include "pairoff/paths.h"
#include "pairoff/regfile.h"
#include "pairoff/util.h"

/* One spelling of a region, folded (lower case, apostrophes dropped, runs of
 * blanks as one space) so that lookups and text matching compare bytes. */
struct gaz_key {
	char *folded;          /* owned */
	size_t len;
	size_t region;
	size_t alias;          /* alias index, (size_t)-1 for the canonical name */
	int rank;              /* the region's size rank (type_rank) */
};

struct gazetteer {
	struct region *regions;   /* owned */
	size_t nregions, cap_regions;
	struct gaz_key *keys;     /* owned, sorted by folded */
	size_t nkeys, cap_keys;
	size_t bucket[257];       /* keys[bucket[c]..bucket[c+1]) start with byte c */
	size_t max_key_len;       /* longest folded key */
};

static const char *const region_types[] = {
	"province", "municipality", "autonomous region", "SAR", "prefecture",
	"league", "city", "district", "county", "banner", "town",
	"ethnic group", "enterprise", "programme",
};
static const char *const region_sides[] = { "east", "central", "west" };
static const char *const region_keys[] = {
	"name", "type", "side", "parent", "aliases", "misspellings", "pairs_alone",
	"name_zh", "short_zh", "pinyin", "abbr_zh", "code", "tile",
};

/* ---- folding ---------------------------------------------------------- */

/* Length of an apostrophe at s (' ’ ‘ `), 0 when there is none. */
static size_t apostrophe_len(const unsigned char *s)
{
	if (s[0] == '\'' || s[0] == '`')
		return 1;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x99 || s[2] == 0x98))
		return 3;
	return 0;
}

/* Folds s[0..n) into out (at least n+1 bytes), stopping after max_out
 * folded bytes; src_end, when non-NULL, receives for each folded byte the
 * source offset just past it. */
static size_t fold(const char *s, size_t n, char *out, size_t *src_end, size_t max_out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < n && u[i] && o < max_out;) {
		size_t a = apostrophe_len(u + i);
		if (a) {
			i += a;
			continue;
		}
		unsigned char c = u[i++];
		if (c == ' ' || c == '\t') {
			if (o == 0 || out[o - 1] == ' ')
				continue;
			c = ' ';
		}
		/* ASCII only, whatever the locale: the text is UTF-8, whose
		 * bytes past 127 no single-byte case mapping may change */
		out[o] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		if (src_end)
			src_end[o] = i;
		o++;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o;
}

static char *fold_dup(const char *s, size_t *len)
{
	char *out = xmalloc(strlen(s) + 1);
	*len = fold(s, strlen(s), out, NULL, SIZE_MAX);
	return out;
}

/* ---- building --------------------------------------------------------- */

/* How large a place of this type is, 0 the largest: where one spelling
 * names several places and nothing else decides, the larger is meant
 * ("Jining" alone is the city, not the district of that name). The ranks
 * follow region_types; an ethnic group, an enterprise or a side of the
 * programme comes after every place. */
static int type_rank(const char *type)
{
	static const int rank[ARRAY_LEN(region_types)] = {
		0, 0, 0, 0,          /* province, municipality, autonomous region, SAR */
		1, 1, 1,             /* prefecture, league, city */
		2, 2, 2,             /* district, county, banner */
		3,                   /* town */
		4, 4, 4,             /* ethnic group, enterprise, programme */
	};
	for (size_t i = 0; i < ARRAY_LEN(region_types); i++)
		if (strcmp(type, region_types[i]) == 0)
			return rank[i];
	return 4;
}

static void add_key(struct gazetteer *g, const char *spelling, size_t region, size_t alias, int rank)
{
	struct gaz_key *k = ARRAY_PUSH(g->keys, g->nkeys, g->cap_keys);
	k->folded = fold_dup(spelling, &k->len);
	k->region = region;
	k->alias = alias;
	k->rank = rank;
}

/* Equal spellings: the larger place first, then the reading order (file
 * by file in name order, sections in file order). Lookups and matches take
 * the first key that fits, so a tie goes to the larger place whatever file
 * each place is in. */
static int key_cmp(const void *a, const void *b)
{
	const struct gaz_key *x = a, *y = b;
	int c = strcmp(x->folded, y->folded);
	if (c)
		return c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->region < y->region ? -1 : x->region > y->region;
}

static void index_keys(struct gazetteer *g)
{
	qsort(g->keys, g->nkeys, sizeof(*g->keys), key_cmp);
	size_t k = 0;
	for (int c = 0; c < 256; c++) {
		g->bucket[c] = k;
		while (k < g->nkeys && (unsigned char)g->keys[k].folded[0] == c)
			k++;
	}
	g->bucket[256] = g->nkeys;
	for (size_t i = 0; i < g->nkeys; i++)
		if (g->keys[i].len > g->max_key_len)
			g->max_key_len = g->keys[i].len;
}

/* Splits a '|' list into the region's aliases. */
static void add_aliases(struct region *r, const char *list, bool misspelling)
{
	if (!list || !*list)
		return;
	char *copy = xstrdup(list);
	for (char *save = NULL, *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		str_trim(tok);
		if (!*tok)
			continue;
		r->aliases = xreallocarray(r->aliases, r->naliases + 1, sizeof(*r->aliases));
		r->alias_is_misspelling = xreallocarray(r->alias_is_misspelling, r->naliases + 1,
							sizeof(*r->alias_is_misspelling));
		r->aliases[r->naliases] = xstrdup(tok);
		r->alias_is_misspelling[r->naliases++] = misspelling;
	}
	free(copy);
}

/* ---- loading ---------------------------------------------------------- */

static bool in_list(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

/* One [section] as read: its id, its file and line, and the values of the
 * known keys with their lines, pointing into the INI entries. */
struct ini_section {
	const char *id;
	const char *path;      /* the file it is in (a struct gaz_files path) */
	size_t file;           /* that file's place in the reading order */
	int line;
	const char *val[ARRAY_LEN(region_keys)];
	int val_line[ARRAY_LEN(region_keys)];
};

enum {
	KEY_NAME, KEY_TYPE, KEY_SIDE, KEY_PARENT, KEY_ALIASES, KEY_MISSPELLINGS, KEY_PAIRS_ALONE,
	KEY_NAME_ZH, KEY_SHORT_ZH, KEY_PINYIN, KEY_ABBR_ZH, KEY_CODE, KEY_TILE,
};

/* The files of a gazetteer, read: the sections point into them, so they
 * live until the regions are built. */
struct gaz_files {
	char **paths;          /* owned, each owned; in reading order */
	struct ini **inis;     /* owned, each owned; NULL past the ones read */
	size_t n;
	struct ini_section *secs;  /* owned; every file's sections, in order */
	size_t nsecs, cap_secs;
};

/* An optional text value, owned; NULL when absent or empty. */
static char *optional(const char *v)
{
	return v && *v ? xstrdup(v) : NULL;
}

static int key_index(const char *key)
{
	for (size_t k = 0; k < ARRAY_LEN(region_keys); k++)
		if (strcmp(key, region_keys[k]) == 0)
			return (int)k;
	return -1;
}

/* One pass over file f's entries in file order, appending its sections; a
 * key given twice keeps its last value. */
static enum status collect_sections(struct gaz_files *fs, size_t f)
{
	size_t nentries, first = fs->nsecs;
	const struct ini_entry *e = ini_entries(fs->inis[f], &nentries);
	const char *path = fs->paths[f];
	for (size_t i = 0; i < nentries; i++, e++) {
		if (!e->key) {
			if (!*e->section)
				return status_set(ST_CONFIG, "%s:%d: syntax error", path, e->line);
			struct ini_section *sec = ARRAY_PUSH(fs->secs, fs->nsecs, fs->cap_secs);
			*sec = (struct ini_section){ .id = e->section, .path = path, .file = f, .line = e->line };
			continue;
		}
		int k = key_index(e->key);
		if (fs->nsecs == first || k < 0)
			return status_set(ST_CONFIG, "%s:%d: unknown key '%s'", path, e->line, e->key);
		fs->secs[fs->nsecs - 1].val[k] = e->value;
		fs->secs[fs->nsecs - 1].val_line[k] = e->line;
	}
	return ST_OK;
}

/* The tile map's keys: code two capital letters, tile "row,col" (0..15
 * each); r's fields stay unset (-1) without them. */
static enum status load_tile(struct region *r, const struct ini_section *sec)
{
	const char *code = sec->val[KEY_CODE], *tile = sec->val[KEY_TILE];
	r->tile_row = r->tile_col = -1;
	if (code && !(strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z'))
		return status_set(ST_CONFIG, "%s:%d: code is two capital letters, not '%s'", sec->path,
				  sec->val_line[KEY_CODE], code);
	int row, col, used = 0;
	if (tile && (sscanf(tile, "%d,%d%n", &row, &col, &used) != 2 || tile[used] || row < 0 ||
		     row > 15 || col < 0 || col > 15))
		return status_set(ST_CONFIG, "%s:%d: tile is 'row,col' (0-15 each), not '%s'", sec->path,
				  sec->val_line[KEY_TILE], tile);
	if (tile) {
		r->tile_row = row;
		r->tile_col = col;
	}
	r->abbr_zh = optional(sec->val[KEY_ABBR_ZH]);
	r->code = optional(code);
	return ST_OK;
}

static enum status load_section(struct gazetteer *g, const struct ini_section *sec)
{
	const char *name = sec->val[KEY_NAME], *type = sec->val[KEY_TYPE], *side = sec->val[KEY_SIDE];
	const char *path = sec->path;
	if (!name || !*name)
		return status_set(ST_CONFIG, "%s:%d: section [%s] has no name", path, sec->line, sec->id);
	if (!type || !in_list(type, region_types, ARRAY_LEN(region_types)))
		return status_set(ST_CONFIG, "%s:%d: unknown type '%s'", path,
				  type ? sec->val_line[KEY_TYPE] : sec->line, type ? type : "");
	if (side && *side && !in_list(side, region_sides, ARRAY_LEN(region_sides)))
		return status_set(ST_CONFIG, "%s:%d: unknown side '%s'", path,
				  sec->val_line[KEY_SIDE], side);
	const char *alone = sec->val[KEY_PAIRS_ALONE];
	if (alone && strcmp(alone, "yes") != 0 && strcmp(alone, "no") != 0)
		return status_set(ST_CONFIG, "%s:%d: pairs_alone is 'yes' or 'no', not '%s'", path,
				  sec->val_line[KEY_PAIRS_ALONE], alone);
	struct region *r = ARRAY_PUSH(g->regions, g->nregions, g->cap_regions);
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->type = xstrdup(type);
	r->side = side && *side ? xstrdup(side) : NULL;
	r->parent = GAZ_NONE;
	r->pairs_alone = alone && strcmp(alone, "yes") == 0;
	r->name_zh = optional(sec->val[KEY_NAME_ZH]);
	r->short_zh = optional(sec->val[KEY_SHORT_ZH]);
	r->pinyin = optional(sec->val[KEY_PINYIN]);
	add_aliases(r, sec->val[KEY_ALIASES], false);
	add_aliases(r, sec->val[KEY_MISSPELLINGS], true);
	return load_tile(r, sec);
}

static int id_cmp(const void *a, const void *b)
{
	const struct ini_section *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

/* True when a was read before b. */
static bool read_before(const struct ini_section *a, const struct ini_section *b)
{
	return a->file < b->file || (a->file == b->file && a->line < b->line);
}

/* A section given twice, in one file or in two, would be two regions under
 * one id: the later one is the error, and the message names both places. */
static enum status check_unique_ids(const struct ini_section **sorted, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(sorted[i - 1]->id, sorted[i]->id) == 0) {
			const struct ini_section *a = sorted[i - 1], *b = sorted[i];
			const struct ini_section *first = read_before(a, b) ? a : b, *later = first == a ? b : a;
			return status_set(ST_CONFIG, "%s:%d: section [%s] given twice (first at %s:%d)",
					  later->path, later->line, later->id, first->path, first->line);
		}
	return ST_OK;
}

/* Parents name other sections, in any file: resolved once every section is
 * known, through the ids sorted. */
static enum status resolve_parents(struct gazetteer *g, const struct ini_section *secs,
				   const struct ini_section **sorted, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *parent = secs[i].val[KEY_PARENT];
		if (!parent || !*parent)
			continue;
		struct ini_section probe = { .id = parent };
		const struct ini_section *pp = &probe;
		const struct ini_section **hit = bsearch(&pp, sorted, n, sizeof(*sorted), id_cmp);
		if (!hit || *hit == &secs[i])
			return status_set(ST_CONFIG, "%s:%d: unknown parent '%s'", secs[i].path,
					  secs[i].val_line[KEY_PARENT], parent);
		g->regions[i].parent = (size_t)(*hit - secs);
	}
	return ST_OK;
}

static void build_keys(struct gazetteer *g)
{
	for (size_t i = 0; i < g->nregions; i++) {
		const struct region *r = &g->regions[i];
		int rank = type_rank(r->type);
		add_key(g, r->name, i, (size_t)-1, rank);
		for (size_t a = 0; a < r->naliases; a++)
			add_key(g, r->aliases[a], i, a, rank);
	}
	index_keys(g);
}

/* The regions of every section of every file, in reading order. */
static enum status load_sections(struct gazetteer *g, const struct gaz_files *fs)
{
	size_t n = fs->nsecs;
	const struct ini_section **sorted = xcalloc(n + 1, sizeof(*sorted));
	for (size_t i = 0; i < n; i++)
		sorted[i] = &fs->secs[i];
	qsort(sorted, n, sizeof(*sorted), id_cmp);
	enum status st = check_unique_ids(sorted, n);
	for (size_t i = 0; i < n && st == ST_OK; i++)
		st = load_section(g, &fs->secs[i]);
	if (st == ST_OK)
		st = resolve_parents(g, fs->secs, sorted, n);
	free(sorted);
	return st;
}

static enum status read_ini(const char *path, struct ini **ini)
{
	const char *why;
	FILE *f = regfile_open_read(path, REGFILE_MAX_INI_BYTES, &why);
	if (!f)
		return status_set(errno ? ST_IO : ST_CONFIG, "%s: %s", path, why);
	int error_line;
	enum status st = ini_read(f, path, ini, &error_line);
	fclose(f);
	return st;
}

/* The files path means: its *.ini files in name order when it is a
 * directory, else path itself (whatever it is: read_ini says why it
 * cannot be read). */
static enum status list_files(const char *path, struct gaz_files *fs)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fs->paths = xcalloc(1, sizeof(*fs->paths));
		fs->paths[fs->n++] = xstrdup(path);
	} else if (!(fs->paths = paths_dir_files(path, ".ini", &fs->n))) {
		return status_set(ST_IO, "%s: %s", path, strerror(errno));
	} else if (fs->n == 0) {
		return status_set(ST_CONFIG, "%s: no gazetteer files (*.ini) in this directory", path);
	}
	fs->inis = xcalloc(fs->n, sizeof(*fs->inis));
	return ST_OK;
}

/* The files are parsed on two threads, each taking the next file not yet
 * taken: iniparser's parse is most of the gazetteer's load (a thousand
 * places, 55 of 66 million instructions), and the import waits for it
 * before anything else can start; taken so, rather than every other file
 * each, the two threads end within a file of each other. Each file's
 * outcome is kept (its detail copied: a failure's detail belongs to the
 * thread that set it), and the files are then taken in order, so the
 * error reported is the first file's, as when they were read one by one:
 * every file before a failing one was taken before it, and is read. */
struct file_queue {
	struct gaz_files *fs;
	atomic_size_t next;    /* the next file to take */
	atomic_bool failed;    /* a file could not be read: take no more */
	enum status *st;       /* per file */
	char **detail;         /* per file, owned; a failure's detail */
};

static void *read_queue(void *arg)
{
	struct file_queue *q = arg;
	for (;;) {
		size_t f = atomic_fetch_add(&q->next, 1);
		if (f >= q->fs->n || atomic_load(&q->failed))
			return NULL;
		q->st[f] = read_ini(q->fs->paths[f], &q->fs->inis[f]);
		if (q->st[f] != ST_OK) {
			q->detail[f] = xstrdup(status_detail(q->st[f]));
			atomic_store(&q->failed, true);   /* a later file's outcome no longer matters */
		}
	}
}

static enum status read_files(const char *path, struct gaz_files *fs)
{
	enum status st = list_files(path, fs);
	if (st != ST_OK)
		return st;
	struct file_queue q = { .fs = fs, .st = xcalloc(fs->n, sizeof(*q.st)),
				.detail = xcalloc(fs->n, sizeof(*q.detail)) };
	atomic_init(&q.next, 0);
	atomic_init(&q.failed, false);
	for (size_t f = 0; f < fs->n; f++)
		q.st[f] = ST_NOT_FOUND;   /* not read: a file after a failure */
	pthread_t other;
	bool threaded = fs->n > 1 && pthread_create(&other, NULL, read_queue, &q) == 0;
	read_queue(&q);
	if (threaded)
		pthread_join(other, NULL);
	for (size_t f = 0; f < fs->n && st == ST_OK; f++) {
		if (q.st[f] != ST_OK)
			st = status_set(q.st[f], "%s", q.detail[f] ? q.detail[f] : fs->paths[f]);
		else
			st = collect_sections(fs, f);
	}
	for (size_t f = 0; f < fs->n; f++)
		free(q.detail[f]);
	free(q.detail);
	free(q.st);
	return st;
}

static void gaz_files_free(struct gaz_files *fs)
{
	for (size_t f = 0; fs->inis && f < fs->n; f++)
		ini_free(fs->inis[f]);
	free(fs->inis);
	paths_free_list(fs->paths, fs->n);
	free(fs->secs);
}

enum status gazetteer_load(const char *path, struct gazetteer **out)
{
	struct gaz_files fs = { 0 };
	struct gazetteer *g = xcalloc(1, sizeof(*g));
	enum status st = read_files(path, &fs);
	if (st == ST_OK)
		st = load_sections(g, &fs);
	if (st == ST_OK)
		build_keys(g);
	gaz_files_free(&fs);
	if (st != ST_OK) {
		gazetteer_free(g);
		return st;
	}
	*out = g;
	return ST_OK;
}

void gazetteer_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nregions; i++) {
		struct region *r = &g->regions[i];
		free(r->name);
		free(r->type);
		free(r->side);
		free(r->name_zh);
		free(r->short_zh);
		free(r->pinyin);
		free(r->abbr_zh);
		free(r->code);
		for (size_t a = 0; a < r->naliases; a++)
			free(r->aliases[a]);
		free(r->aliases);
		free(r->alias_is_misspelling);
	}
	for (size_t k = 0; k < g->nkeys; k++)
		free(g->keys[k].folded);
	free(g->keys);
	free(g->regions);
	free(g);
}

/* ---- queries ---------------------------------------------------------- */

/* The first key of [lo, hi) whose first n bytes are not below f's (the
 * keys are sorted): lookups search a bucket of a hundred keys in seven
 * steps instead of comparing them all. */
static size_t lower_bound(const struct gazetteer *g, size_t lo, size_t hi, const char *f, size_t n)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(g->keys[mid].folded, f, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first key of [lo, hi) whose first n bytes are above f's. */
static size_t upper_bound(const struct gazetteer *g, size_t lo, size_t hi, const char *f, size_t n)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(g->keys[mid].folded, f, n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The keys equal to f, [*from, return value). */
static size_t equal_range(const struct gazetteer *g, const char *f, size_t len, size_t *from)
{
	unsigned char c = (unsigned char)f[0];
	size_t lo = g->bucket[c], hi = g->bucket[c + 1];
	*from = lower_bound(g, lo, hi, f, len + 1);
	size_t to = *from;
	while (to < hi && strcmp(g->keys[to].folded, f) == 0)
		to++;
	return to;
}

size_t gazetteer_count(const struct gazetteer *g)
{
	return g ? g->nregions : 0;
}

const struct region *gazetteer_region(const struct gazetteer *g, size_t idx)
{
	return g && idx < g->nregions ? &g->regions[idx] : NULL;
}

size_t gazetteer_lookup(const struct gazetteer *g, const char *name)
{
	if (!g || !name)
		return GAZ_NONE;
	size_t len;
	char *f = fold_dup(name, &len);
	size_t found = GAZ_NONE;
	bool canonical = false; /* a place's own name beats another's alias ("Wushan County") */
	if (len > 0) {
		size_t from, to = equal_range(g, f, len, &from);
		for (size_t k = from; k < to && !canonical; k++)
			if (found == GAZ_NONE || g->keys[k].alias == (size_t)-1) {
				found = g->keys[k].region;
				canonical = g->keys[k].alias == (size_t)-1;
			}
	}
	free(f);
	return found;
}

size_t gazetteer_namesakes(const struct gazetteer *g, const char *text, size_t len, size_t *out, size_t max)
{
	if (!g || !text || len == 0)
		return 0;
	char *copy = xstrndup(text, len);
	size_t flen, n = 0;
	char *f = fold_dup(copy, &flen);
	size_t from = 0, to = flen ? equal_range(g, f, flen, &from) : 0;
	for (size_t k = from; k < to; k++) {
		bool seen = false;
		for (size_t i = 0; i < n; i++)
			seen |= out[i] == g->keys[k].region;
		if (!seen && n < max)
			out[n++] = g->keys[k].region;
	}
	free(f);
	free(copy);
	return n;
}

static bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static bool within(const struct gazetteer *g, size_t idx, size_t ancestor)
{
	for (size_t i = idx; i != GAZ_NONE; i = g->regions[i].parent)
		if (i == ancestor)
			return true;
	return false;
}

static bool preferred(const struct gazetteer *g, size_t idx, const size_t *prefer, size_t nprefer)
{
	for (size_t p = 0; p < nprefer; p++)
		if (prefer[p] != GAZ_NONE && within(g, idx, prefer[p]))
			return true;
	return false;
}

/* The length of the longest of the keys [lo, hi) but [gap_from, gap_to). */
static size_t longest_key(const struct gazetteer *g, size_t lo, size_t hi, size_t gap_from, size_t gap_to)
{
	size_t longest = 0;
	for (size_t k = lo; k < hi; k++) {
		if (k == gap_from)
			k = gap_to;
		if (k < hi && g->keys[k].len > longest)
			longest = g->keys[k].len;
	}
	return longest;
}

/* A match ends at a word boundary: a name never stops inside a word. */
static bool ends_at_boundary(const char *text, size_t end)
{
	unsigned char next = (unsigned char)text[end];
	if (next == '\'' || next == 0xE2) /* "Shanghai's": the possessive is a boundary */
		return true;
	return !is_word_byte(next);
}

size_t gazetteer_match_near(const struct gazetteer *g, const char *text, size_t *match_len,
			    size_t *alias, const size_t *prefer, size_t nprefer)
{
	enum { WINDOW = 96 };
	char folded[WINDOW * 2 + 1];
	size_t src_end[WINDOW * 2 + 1];
	if (!g || !text || !is_word_byte((unsigned char)text[0]))
		return GAZ_NONE;
	size_t n = strnlen(text, WINDOW);
	/* The text's first two folded bytes choose the keys that can match. */
	size_t flen = fold(text, n, folded, src_end, 2);
	if (flen == 0)
		return GAZ_NONE;
	unsigned char c = (unsigned char)folded[0];
	size_t best = GAZ_NONE, best_len = 0, best_alias = (size_t)-1, best_flen = 0;
	bool best_pref = false;
	/* Only keys of one byte (first in the bucket) or starting with the
	 * text's first two bytes can match: the keys between are skipped, and
	 * the rest still taken in their order, which breaks ties. */
	size_t lo = g->bucket[c], hi = g->bucket[c + 1], gap_from = hi, gap_to = hi;
	if (flen >= 2) {
		gap_from = lo;
		while (gap_from < hi && g->keys[gap_from].len == 1)
			gap_from++;
		gap_to = lower_bound(g, gap_from, hi, folded, 2);
		hi = upper_bound(g, gap_to, hi, folded, 2);
	}
	/* Folding more than one byte past the longest of those keys cannot
	 * change a match, and this runs at every capitalised word of every
	 * report: most words fold a few bytes, not the longest key's. */
	flen = fold(text, n, folded, src_end, longest_key(g, lo, hi, gap_from, gap_to) + 1);
	for (size_t k = lo; k < hi; k++) {
		if (k == gap_from)
			k = gap_to;
		if (k >= hi)
			break;
		const struct gaz_key *key = &g->keys[k];
		if (key->len == 0 || key->len > flen || memcmp(key->folded, folded, key->len) != 0)
			continue;   /* (an empty key, from a name of blanks, matches nothing) */
		size_t end = src_end[key->len - 1];
		if (!ends_at_boundary(text, end))
			continue;
		bool pref = preferred(g, key->region, prefer, nprefer);
		if (key->len > best_flen || (key->len == best_flen && pref && !best_pref)) {
			best = key->region;
			best_len = end;
			best_alias = key->alias;
			best_flen = key->len;
			best_pref = pref;
		}
	}
	if (best != GAZ_NONE) {
		if (match_len)
			*match_len = best_len;
		if (alias)
			*alias = best_alias;
	}
	return best;
}

size_t gazetteer_match(const struct gazetteer *g, const char *text, size_t *match_len, size_t *alias)
{
	return gazetteer_match_near(g, text, match_len, alias, NULL, 0);
}

size_t gazetteer_province_of(const struct gazetteer *g, size_t idx)
{
	if (!g || idx >= g->nregions)
		return GAZ_NONE;
	size_t i = idx;
	while (g->regions[i].parent != GAZ_NONE)
		i = g->regions[i].parent;
	static const char *const top[] = { "province", "municipality", "autonomous region", "SAR" };
	return in_list(g->regions[i].type, top, ARRAY_LEN(top)) ? i : GAZ_NONE;
}

bool gazetteer_within(const struct gazetteer *g, size_t idx, size_t ancestor)
{
	if (!g || idx >= g->nregions || ancestor >= g->nregions)
		return false;
	return within(g, idx, ancestor);
}

size_t gazetteer_unit_of(const struct gazetteer *g, size_t idx)
{
	if (!g || idx >= g->nregions)
		return GAZ_NONE;
	for (size_t i = idx; i != GAZ_NONE; i = g->regions[i].parent)
		if (g->regions[i].pairs_alone)
			return i;
	size_t prov = gazetteer_province_of(g, idx);
	return prov != GAZ_NONE ? prov : idx;
}
