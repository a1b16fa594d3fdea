#include "config.h"

/* The tile map's queries (the browser's map, M): the provincial-level
 * regions with their tiles (the gazetteer's abbr_zh, code and tile) and
 * the aid each gave or received in a year, by the pairs' own yearly totals
 * (pair_total, the one rule of src/flows.c: aid only, never investment),
 * with the shade of its tile; and one region's partners with each pair's
 * aid that year. The view draws these figures and shades as they are. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairoff/query.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The year's pair totals (?1; 0 for every year). A joint donation of givers
 * from several provinces counts for its recipient only, as in the
 * provinces pane. */
#define MAP_TOTALS \
	"pt AS (SELECT donor_provinces, recipient_id, aid_yuan FROM pair_total" \
	"  WHERE ?1 = 0 OR year = ?1)," \
	" gave AS (SELECT CAST(donor_provinces AS INTEGER) AS id, sum(aid_yuan) AS n FROM pt" \
	"  WHERE instr(donor_provinces, ',') = 0 GROUP BY 1)," \
	" recv AS (SELECT recipient_id AS id, sum(aid_yuan) AS n FROM pt GROUP BY 1)"

static const char map_sql[] =
	"WITH " MAP_TOTALS
	" SELECT g.name, g.short_zh, g.abbr_zh, g.code, g.side, g.tile_row, g.tile_col,"
	"        nullif(gave.n, 0), nullif(recv.n, 0)"
	" FROM region g LEFT JOIN gave ON gave.id = g.id LEFT JOIN recv ON recv.id = g.id"
	" WHERE g.tile_row IS NOT NULL AND g.tile_col IS NOT NULL"
	" ORDER BY g.tile_row, g.tile_col";

enum { M_NAME, M_ZH, M_ABBR, M_CODE, M_SIDE, M_ROW, M_COL, M_GAVE, M_RECV, M_NRAW };

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* The shade of aid among all the tiles' nonzero figures (sorted, n of
 * them): 1 to 4 by quarter, 4 the top quarter; 0 for none. */
static int shade_of(long long aid, const long long *sorted, size_t n)
{
	if (aid <= 0 || n == 0)
		return 0;
	size_t below = 0;
	while (below < n && sorted[below] < aid)
		below++;
	return 1 + (int)(below * 4 / n);
}

enum status query_map(struct store *s, int year, struct qtable *out)
{
	static const char *const raw_headers[] = { "name", "name_zh", "abbr_zh", "code", "side",
		"tile_row", "tile_col", "gave_yuan", "received_yuan" };
	static const char *const headers[] = { "name", "name_zh", "abbr_zh", "code", "side",
		"tile_row", "tile_col", "gave_yuan", "received_yuan", "aid_yuan", "role", "shade" };
	qtable_init(out, 12, headers);
	sqlite3_stmt *stmt = store_prepare(s, map_sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_int(stmt, 1, year);
	struct qtable raw;
	qtable_init(&raw, M_NRAW, raw_headers);
	enum status st = query_fill_table(s, stmt, &raw, NULL, NULL);
	long long *aid = xcalloc(raw.nrows ? raw.nrows : 1, sizeof(*aid));
	long long *sorted = xcalloc(raw.nrows ? raw.nrows : 1, sizeof(*sorted));
	size_t nz = 0;
	for (size_t i = 0; st == ST_OK && i < raw.nrows; i++) {
		aid[i] = qtable_int(&raw, i, M_GAVE) + qtable_int(&raw, i, M_RECV);
		if (aid[i] > 0)
			sorted[nz++] = aid[i];
	}
	qsort(sorted, nz, sizeof(*sorted), cmp_ll);
	for (size_t i = 0; st == ST_OK && i < raw.nrows; i++) {
		char total[32] = "", shade[16];
		if (aid[i] > 0)
			snprintf(total, sizeof(total), "%lld", aid[i]);
		snprintf(shade, sizeof(shade), "%d", shade_of(aid[i], sorted, nz));
		/* a region that both gave and received is named by the larger */
		const char *role = !aid[i] ? NULL
			: qtable_int(&raw, i, M_GAVE) >= qtable_int(&raw, i, M_RECV) ? "gave" : "received";
		const char *cells[12];
		for (size_t c = 0; c < M_NRAW; c++)
			cells[c] = qtable_get(&raw, i, c);
		cells[9] = aid[i] > 0 ? total : NULL;
		cells[10] = role;
		cells[11] = shade;
		qtable_add_row(out, cells);
	}
	free(aid);
	free(sorted);
	qtable_free(&raw);
	return st;
}

/* The province pairs: stated links between provinces (link_basis), and the
 * pairs the money shows (single givers), each with its side of ?2. */
static const char map_partners_sql[] =
	"WITH me AS (SELECT id FROM region WHERE name = ?2 COLLATE NOCASE LIMIT 1),"
	" pp AS (SELECT coalesce(dr.province_id, dr.id) AS d, coalesce(rr.province_id, rr.id) AS r"
	"  FROM link l JOIN region dr ON dr.id = l.donor_id JOIN region rr ON rr.id = l.recipient_id"
	"  WHERE l.basis = 'stated'"
	"  UNION SELECT CAST(donor_provinces AS INTEGER), recipient_id FROM pair_total"
	"  WHERE instr(donor_provinces, ',') = 0),"
	" mine AS (SELECT r AS other, 'recipient' AS role FROM pp, me WHERE d = me.id AND r <> me.id"
	"  UNION SELECT d, 'donor' FROM pp, me WHERE r = me.id AND d <> me.id),"
	" amt AS (SELECT CAST(donor_provinces AS INTEGER) AS d, recipient_id AS r, sum(aid_yuan) AS n"
	"  FROM pair_total WHERE instr(donor_provinces, ',') = 0 AND (?1 = 0 OR year = ?1) GROUP BY 1, 2)"
	" SELECT o.name, o.short_zh, o.abbr_zh, o.code, m.role,"
	"  nullif((SELECT n FROM amt, me WHERE (m.role = 'recipient' AND amt.d = me.id AND amt.r = o.id)"
	"   OR (m.role = 'donor' AND amt.d = o.id AND amt.r = me.id)), 0) AS aid"
	" FROM mine m JOIN region o ON o.id = m.other"
	" ORDER BY aid IS NULL, aid DESC, o.name";

enum status query_map_partners(struct store *s, const char *province, int year, struct qtable *out)
{
	static const char *const headers[] = { "name", "name_zh", "abbr_zh", "code", "role", "aid_yuan" };
	qtable_init(out, 6, headers);
	sqlite3_stmt *stmt = store_prepare(s, map_partners_sql);
	if (!stmt)
		return ST_STORE;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, province, -1, SQLITE_TRANSIENT);
	return query_fill_table(s, stmt, out, NULL, NULL);
}

enum status query_map_years(struct store *s, struct qtable *out)
{
	static const char *const headers[] = { "year" };
	qtable_init(out, 1, headers);
	sqlite3_stmt *stmt = store_prepare(s, "SELECT DISTINCT year FROM pair_total WHERE aid_yuan > 0 ORDER BY year");
	if (!stmt)
		return ST_STORE;
	return query_fill_table(s, stmt, out, NULL, NULL);
}

const char *query_map_tile_name(const char *abbr_zh, const char *code, bool utf8)
{
	if (utf8 && abbr_zh && *abbr_zh)
		return abbr_zh;
	return code && *code ? code : "??";
}

const char *query_map_shade_glyph(int shade, bool utf8)
{
	static const char *const blocks[] = { "  ", "\u2591\u2591", "\u2592\u2592", "\u2593\u2593",
					      "\u2588\u2588" };
	static const char *const ascii[] = { "  ", "..", "::", "++", "##" };
	if (shade < 0 || shade > 4)
		shade = 0;
	return utf8 ? blocks[shade] : ascii[shade];
}
