#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#if defined(HAVE_MALLOC_TRIM) || defined(HAVE_MALLOPT)
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pairoff/extract.h"
#include "pairoff/gazetteer.h"
#include "pairoff/import.h"
#include "pairoff/money.h"
#include "pairoff/paths.h"
#include "pairoff/placename.h"
#include "pairoff/report.h"
#include "pairoff/util.h"
#include "store-internal.h"

/* The import: reads report files, extracts their facts and writes them into
 * a new store, built in a temporary file and renamed into place (see
 * include/pairoff/import.h). Opening and reading a store is src/store.c. */

static const char schema_sql[] =
#include "schema.inc"
	;

/* --- interrupts during import ----------------------------------------------- */

/* The signal that arrived during an import, 0 if none. The import checks it
 * between reports and from SQLite's progress handler, removes its temporary
 * file, and then raises the signal again under the previous disposition. */
static volatile sig_atomic_t import_signal;
/* Set with it, for the extraction of a report read in parts, which runs on
 * this thread and stops within a paragraph, and for the reading threads
 * (a lock-free atomic, safe to set in a handler and to read on another
 * thread). */
static atomic_bool import_stop;

static void on_import_signal(int sig)
{
	import_signal = sig;
	atomic_store(&import_stop, true);
}

static const int import_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(import_signals) / sizeof(import_signals[0]))

/* Before the reading threads start, which read the flags. */
static void signals_reset(void)
{
	import_signal = 0;
	atomic_store(&import_stop, false);
}

static void signals_catch(struct sigaction *saved)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_import_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++) {
		sigaction(import_signals[i], &sa, &saved[i]);
		/* A signal the caller ignores (nohup, a background job) stays ignored. */
		if (saved[i].sa_handler == SIG_IGN)
			sigaction(import_signals[i], &saved[i], NULL);
	}
}

/* A signal that came once the new store was in place (failed false) is not
 * raised again: the import is complete and is reported so. */
static void signals_restore(const struct sigaction *saved, bool failed)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(import_signals[i], &saved[i], NULL);
	if (import_signal && failed)
		raise(import_signal);
}

static int progress_check(void *unused)
{
	(void)unused;
	return import_signal != 0;
}

/* --- the importer: prepared statements -------------------------------------- */

enum ins {
	INS_REGION, INS_ALIAS, INS_REGION_NAME, INS_REPORT, INS_REPORT_TEXT, INS_SECTION, INS_PARAGRAPH, INS_FTS,
	INS_TABLE, INS_CELL, INS_PAIR, INS_FUND, INS_FUND_SENTENCE, INS_FUND_DONOR, INS_ANOMALY,
	INS_INDICATOR, INS_SECTION_END, INS_COUNT,
};

static const char *const ins_sql[INS_COUNT] = {
	[INS_REGION] = "INSERT INTO region(id, name, type, side, parent_id, province_id, unit_id,"
		" name_zh, short_zh, pinyin, abbr_zh, code, tile_row, tile_col)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INS_ALIAS] = "INSERT OR IGNORE INTO region_alias(alias, region_id, misspelling)"
		" VALUES (?, ?, ?)",
	[INS_REGION_NAME] = "INSERT OR IGNORE INTO region_name(name, region_id) VALUES (?, ?)",
	[INS_REPORT] = "INSERT INTO report(id, file, title, year, line_count)"
		" VALUES (?, ?, ?, ?, ?)",
	[INS_REPORT_TEXT] = "INSERT INTO report_text(report_id, seq, text) VALUES (?, ?, ?)",
	[INS_SECTION] = "INSERT INTO section(report_id, seq, title, line, end_line, source,"
		" source_line) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[INS_PARAGRAPH] = "INSERT INTO paragraph(report_id, section_id, line, topic, text)"
		" VALUES (?, ?, ?, ?, ?)",
	[INS_FTS] = "INSERT INTO paragraph_fts(rowid, text, topic) VALUES (?, ?, ?)",
	[INS_TABLE] = "INSERT INTO fund_table(report_id, section_id, seq, line, end_line, title,"
		" unit, unit_yuan, corner, note, nrows, ncols)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INS_CELL] = "INSERT INTO fund_cell(table_id, row, col, row_label, col_label, text,"
		" value, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[INS_PAIR] = "INSERT INTO pairing(donor_id, recipient_id, level, since, until,"
		" report_id, line, quote, basis, internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[INS_FUND] = "INSERT INTO fund(id, donor_id, donors, unit_id, joint, recipient_id, year,"
		" from_year, period, amount_yuan, kind, category, approx, stated_total, whole_id,"
		" flow_id, report_id, line, quote, table_id)"
		" VALUES (?1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?1, ?, ?, ?, ?)",
	[INS_FUND_SENTENCE] = "INSERT INTO fund_sentence(fund_id, sentence) VALUES (?, ?)",
	[INS_FUND_DONOR] = "INSERT OR IGNORE INTO fund_donor(fund_id, region_id) VALUES (?, ?)",
	[INS_ANOMALY] = "INSERT INTO anomaly(kind, message, report_id, line, quote)"
		" VALUES (?, ?, ?, ?, ?)",
	[INS_INDICATOR] = "INSERT INTO indicator(id, donor_id, recipient_id, year, from_year, period,"
		" kind, value, unit, approx, flow_id, report_id, line, quote)"
		" VALUES (?1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?1, ?, ?, ?)",
	/* a section that a later part of a report read in parts continues */
	[INS_SECTION_END] = "UPDATE section SET end_line = ?, source = coalesce(?, source),"
		" source_line = coalesce(?, source_line) WHERE id = ?",
};

/* A canonical region name and its gazetteer index, sorted by name. */
struct name_index {
	const char *name;      /* owned by the gazetteer */
	size_t idx;
};

struct extractor;

struct importer {
	sqlite3 *db;
	const char *tmp_path;  /* the database being built */
	const struct gazetteer *gaz;
	struct name_index *names; /* owned; one per region, sorted by name */
	sqlite3_stmt *ins[INS_COUNT]; /* owned; finalized by importer_finalize */
	struct import_summary *sum;
	struct money_log *money;  /* owned; the money statements, for flows and totals */
	int64_t last_report_id;   /* report ids are given here, so its rows can name
	                           * a report whose own row comes last */
	int64_t last_fund_id;     /* fund ids are given here, so parts can name wholes */
	struct indicator_log *indicators; /* owned; the indicators, for linking restatements */
	int64_t last_indicator_id;
	struct extractor *ex;     /* reading and extracting the reports, on its thread */
	struct link_log *links;   /* owned; the pairing sentences, for the link table */
	/* Where the rows of a report read in parts go on (0 for a report read
	 * whole): the seq of its sections[0] and of its first table, and the
	 * section row its sections[0] continues when r->continues. */
	int section_base, table_base;
	int64_t continued_section;
};

static enum status sql_fail(struct importer *im, const char *what)
{
	int rc = sqlite3_errcode(im->db);
	if (rc == SQLITE_INTERRUPT || import_signal)
		return status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	if (rc == SQLITE_NOMEM)
		return status_set(ST_NOMEM, "out of memory; the store was not changed");
	if (rc == SQLITE_FULL || (rc & 0xFF) == SQLITE_IOERR)
		return status_set(ST_IO, "%s: %s", im->tmp_path, sqlite3_errmsg(im->db));
	return status_set(ST_STORE, "%s: %s: %s", im->tmp_path, what, sqlite3_errmsg(im->db));
}

static enum status exec_sql(struct importer *im, const char *sql)
{
	if (sqlite3_exec(im->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(im, "building the store");
	return ST_OK;
}

/* Binds the arguments of one INSERT by a type string and runs it:
 *   t  const char *  text, NULL for SQL NULL
 *   i  int           integer
 *   o  int           integer, 0 for SQL NULL (years, optional lines)
 *   g  int           integer, negative for SQL NULL (a tile's row or column)
 *   l  int64_t       integer
 *   k  int64_t       row id, 0 for SQL NULL
 *   d  double        real
 * Text is bound SQLITE_STATIC: it lives until the statement is reset here. */
static enum status ins_run(struct importer *im, enum ins which, const char *types, ...)
{
	if (!im->ins[which] && sqlite3_prepare_v3(im->db, ins_sql[which], -1,
						  SQLITE_PREPARE_PERSISTENT, &im->ins[which],
						  NULL) != SQLITE_OK)
		return sql_fail(im, "preparing the import");
	sqlite3_stmt *stmt = im->ins[which];
	if ((size_t)sqlite3_bind_parameter_count(stmt) != strlen(types))
		return status_set(ST_STORE, "internal error: %zu values for: %s", strlen(types),
				  ins_sql[which]);
	va_list ap;
	va_start(ap, types);
	for (int i = 1; *types; types++, i++) {
		const char *text;
		int n;
		int64_t l;
		switch (*types) {
		case 't':
			text = va_arg(ap, const char *);
			sqlite3_bind_text(stmt, i, text, -1, SQLITE_STATIC);
			break;
		case 'i':
		case 'o':
		case 'g':
			n = va_arg(ap, int);
			if ((*types == 'o' && n == 0) || (*types == 'g' && n < 0))
				sqlite3_bind_null(stmt, i);
			else
				sqlite3_bind_int(stmt, i, n);
			break;
		case 'l':
		case 'k':
			l = va_arg(ap, int64_t);
			if (*types == 'k' && l == 0)
				sqlite3_bind_null(stmt, i);
			else
				sqlite3_bind_int64(stmt, i, l);
			break;
		case 'd':
			sqlite3_bind_double(stmt, i, va_arg(ap, double));
			break;
		}
	}
	va_end(ap);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc == SQLITE_DONE ? ST_OK : sql_fail(im, ins_sql[which]);
}

static int64_t last_id(struct importer *im)
{
	return sqlite3_last_insert_rowid(im->db);
}

static enum status importer_prepare(struct importer *im)
{
	for (int i = 0; i < INS_COUNT; i++)
		if (i != INS_SECTION_END && /* a report read in parts only: ins_run prepares it */
		    sqlite3_prepare_v3(im->db, ins_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &im->ins[i], NULL) != SQLITE_OK)
			return sql_fail(im, "preparing the import");
	return ST_OK;
}

static void importer_finalize(struct importer *im)
{
	for (int i = 0; i < INS_COUNT; i++) {
		sqlite3_finalize(im->ins[i]);
		im->ins[i] = NULL;
	}
}

/* --- the importer: gazetteer, reports, facts ---------------------------------- */

/* Region ids are gazetteer index + 1, so facts map names to ids without a query. */
static int64_t region_id(size_t idx)
{
	return idx == GAZ_NONE ? 0 : (int64_t)idx + 1;
}

static int cmp_name_index(const void *a, const void *b)
{
	return strcmp(((const struct name_index *)a)->name, ((const struct name_index *)b)->name);
}

static void names_build(struct importer *im)
{
	size_t n = gazetteer_count(im->gaz);
	im->names = xcalloc(n ? n : 1, sizeof(*im->names));
	for (size_t i = 0; i < n; i++)
		im->names[i] = (struct name_index){ gazetteer_region(im->gaz, i)->name, i };
	if (n > 1)
		qsort(im->names, n, sizeof(*im->names), cmp_name_index);
}

/* The region a fact names. The extractor gives canonical names, which must
 * win over aliases: "Wushan County" is one county's name and another one's
 * alias. Any other spelling goes through the gazetteer's lookup. */
static size_t region_of(const struct importer *im, const char *name)
{
	if (!name || !*name)
		return GAZ_NONE;
	struct name_index key = { name, 0 };
	const struct name_index *hit = bsearch(&key, im->names, gazetteer_count(im->gaz),
					       sizeof(*im->names), cmp_name_index);
	return hit ? hit->idx : gazetteer_lookup(im->gaz, name);
}

/* The region's names in Chinese in each form (src/placename.c), n of
 * them, into forms; its short name for display, the shortest form (文山
 * of 文山壮族苗族自治州), in *short_out (borrowed from forms; NULL for none). */
static size_t zh_forms(const struct region *r, char **forms, const char **short_out)
{
	size_t n = placename_zh_forms(r->name_zh, r->short_zh, forms);
	*short_out = NULL;
	for (size_t k = 0; k < n; k++)
		if (!*short_out || strlen(forms[k]) < strlen(*short_out))
			*short_out = forms[k];
	return n;
}

/* The names a reader may type for the region beside its English ones:
 * its Chinese name in each form and its pinyin; frees forms. */
static enum status insert_region_names(struct importer *im, const struct region *r, int64_t id,
				       char **forms, size_t n)
{
	if (r->pinyin)
		forms[n++] = xstrdup(r->pinyin);
	enum status st = ST_OK;
	for (size_t k = 0; k < n; k++) {
		if (st == ST_OK)
			st = ins_run(im, INS_REGION_NAME, "tl", forms[k], id);
		free(forms[k]);
	}
	return st;
}

static enum status insert_regions(struct importer *im)
{
	const struct gazetteer *g = im->gaz;
	enum status st = ST_OK;
	for (size_t i = 0; i < gazetteer_count(g) && st == ST_OK; i++) {
		const struct region *r = gazetteer_region(g, i);
		char *forms[PLACENAME_MAX_FORMS + 1];
		const char *short_zh;
		size_t nforms = zh_forms(r, forms, &short_zh);
		st = ins_run(im, INS_REGION, "ltttkkktttttgg", region_id(i), r->name, r->type, r->side,
			     region_id(r->parent), region_id(gazetteer_province_of(g, i)),
			     region_id(gazetteer_unit_of(g, i)), r->name_zh, short_zh, r->pinyin, r->abbr_zh,
			     r->code, r->tile_row, r->tile_col);
		for (size_t a = 0; a < r->naliases && st == ST_OK; a++)
			st = ins_run(im, INS_ALIAS, "tli", r->aliases[a], region_id(i),
				     r->alias_is_misspelling && r->alias_is_misspelling[a] ? 1 : 0);
		if (st == ST_OK)
			st = insert_region_names(im, r, region_id(i), forms, nforms);
		else
			for (size_t k = 0; k < nforms; k++)
				free(forms[k]);
	}
	return st;
}

static enum status insert_sections(struct importer *im, const struct report *r,
				   int64_t report_id, int64_t *section_ids)
{
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *sec = &r->sections[i];
		if (i == 0 && r->continues && im->continued_section) {
			section_ids[0] = im->continued_section;
			enum status st = ins_run(im, INS_SECTION_END, "itol", sec->end_line,
						 sec->source, sec->source_line, section_ids[0]);
			if (st != ST_OK)
				return st;
			continue;
		}
		enum status st = ins_run(im, INS_SECTION, "litiito", report_id,
					 im->section_base + (int)i, sec->title, sec->line_no,
					 sec->end_line, sec->source, sec->source_line);
		if (st != ST_OK)
			return st;
		section_ids[i] = last_id(im);
	}
	return ST_OK;
}

/* The section row of a paragraph or table; a reader that leaves one outside
 * every section (it should not) gets the first. */
static int64_t section_of(const struct report *r, const int64_t *section_ids, size_t idx)
{
	return section_ids[idx < r->nsections ? idx : 0];
}

/* A large report's paragraphs were let go once extracted: their text is
 * read back from the report's (report_paragraph_text). */
static enum status insert_paragraphs(struct importer *im, const struct report *r,
				     int64_t report_id, const int64_t *section_ids)
{
	char *buf = NULL;
	size_t cap = 0;
	enum status st = ST_OK;
	for (size_t i = 0; i < r->nparagraphs && st == ST_OK; i++) {
		const struct report_paragraph *p = &r->paragraphs[i];
		const char *text = report_paragraph_text(r, i, false, &buf, &cap);
		if (!text) {
			st = status_set(ST_IO, "%s: cannot read the report's text back from a "
					"temporary file", r->path);
			break;
		}
		st = ins_run(im, INS_PARAGRAPH, "llitt", report_id,
			     section_of(r, section_ids, p->section), p->line_no, p->topic, text);
		if (st == ST_OK)
			st = ins_run(im, INS_FTS, "ltt", last_id(im), text, p->topic);
	}
	free(buf);
	return st;
}

static enum status insert_cells(struct importer *im, const struct report_table *t,
				int64_t table_id)
{
	for (size_t row = 0; row < t->nrows; row++) {
		for (size_t col = 0; col < t->ncols; col++) {
			size_t k = row * t->ncols + col;
			enum status st = ins_run(im, INS_CELL, "liitttdi", table_id, (int)row,
						 (int)col, t->row_labels[row], t->col_labels[col],
						 t->cells[k], t->values[k], t->cell_lines[k]);
			if (st != ST_OK)
				return st;
		}
	}
	return ST_OK;
}

static enum status insert_tables(struct importer *im, const struct report *r,
				 int64_t report_id, const int64_t *section_ids,
				 int64_t *table_ids)
{
	for (size_t i = 0; i < r->ntables; i++) {
		const struct report_table *t = &r->tables[i];
		enum status st = ins_run(im, INS_TABLE, "lliiittkttii", report_id,
					 section_of(r, section_ids, t->section),
					 im->table_base + (int)i, t->line_no,
					 t->end_line, t->title, t->unit, t->unit_yuan, t->corner,
					 t->note, (int)t->nrows, (int)t->ncols);
		if (st != ST_OK)
			return st;
		table_ids[i] = last_id(im);
		if ((st = insert_cells(im, t, table_ids[i])) != ST_OK)
			return st;
	}
	return ST_OK;
}

/* A fact naming a place the gazetteer does not know, or lacking a side, is
 * not stored: it is listed as an anomaly instead, so the gazetteer or the
 * rules can be completed. */
static enum status skip_fact(struct importer *im, int64_t report_id, const char *what,
			     size_t donor, const char *donor_name, const char *recipient_name,
			     int line_no, const char *quote)
{
	const char *side = donor == GAZ_NONE ? "donor" : "recipient";
	const char *name = donor == GAZ_NONE ? donor_name : recipient_name;
	char *msg = name && *name ?
		xasprintf("%s names '%s' as its %s, which is not in the gazetteer; skipped",
			  what, name, side) :
		xasprintf("%s has no %s; skipped", what, side);
	enum status st = ins_run(im, INS_ANOMALY, "ttlot",
				 name && *name ? "unknown-region" : "no-region", msg,
				 report_id, line_no, quote);
	free(msg);
	im->sum->anomalies += st == ST_OK;
	return st;
}

/* An amount beyond any plausible one (money_plausible) is a misreading or a
 * typo: listed as an anomaly, never summed (issue 15, item 5). */
static enum status skip_implausible(struct importer *im, int64_t report_id, int64_t amount,
				    int line_no, const char *quote)
{
	char *msg = xasprintf("a money fact of %" PRId64 " yuan, beyond any plausible amount; "
			      "skipped", amount);
	enum status st = ins_run(im, INS_ANOMALY, "ttlot", "implausible-amount", msg,
				 report_id, line_no, quote);
	free(msg);
	im->sum->anomalies += st == ST_OK;
	return st;
}

static enum status insert_pairs(struct importer *im, const struct extraction *x,
				int64_t report_id)
{
	for (size_t i = 0; i < x->npairs; i++) {
		const struct fact_pair *p = &x->pairs[i];
		size_t donor = region_of(im, p->donor);
		size_t recipient = region_of(im, p->recipient);
		enum status st;
		if (donor == GAZ_NONE || recipient == GAZ_NONE)
			st = skip_fact(im, report_id, "a pairing", donor, p->donor,
				       p->recipient, p->line_no, p->quote);
		else if ((st = ins_run(im, INS_PAIR, "lltoolitti", region_id(donor),
				       region_id(recipient), p->level ? p->level : "",
				       p->since, p->until, report_id, p->line_no,
				       p->quote, pair_basis_name(p->basis), (int)p->internal)) == ST_OK) {
			im->sum->pairs++;
			link_log_add(im->links, &(struct link_entry){
				.id = last_id(im), .donor = region_id(donor),
				.recipient = region_id(recipient), .since = p->since,
				.until = p->until, .line_no = p->line_no,
				.stated = p->basis == BASIS_STATED, .internal = p->internal });
		}
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

/* The co-donors of f known to the gazetteer, into regs (at most max). */
static size_t co_donor_regions(const struct importer *im, const struct fact_fund *f, size_t *regs,
			       size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nco_donors && n < max; i++) {
		size_t reg = region_of(im, f->co_donors[i]);
		if (reg != GAZ_NONE)
			regs[n++] = reg;
	}
	return n;
}

/* The section holding a line: the last that starts at or before it, found
 * by halving (sections are in line order; a report may hold 100,000). */
static int section_at(const struct report *r, int line_no)
{
	size_t lo = 0, hi = r->nsections; /* the answer is in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->sections[mid].line_no <= line_no)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo;
}

/* "Dalian City + Ningbo City": every giver of a joint donation, or NULL. */
static char *donor_names(const struct importer *im, size_t donor, const size_t *co, size_t nco)
{
	if (nco == 0)
		return NULL;
	struct strbuf sb = { 0 };
	strbuf_puts(&sb, gazetteer_region(im->gaz, donor)->name);
	for (size_t i = 0; i < nco; i++)
		strbuf_printf(&sb, " + %s", gazetteer_region(im->gaz, co[i])->name);
	return strbuf_steal(&sb);
}

static enum status insert_fund(struct importer *im, const struct report *r, int64_t id,
			       const struct fact_fund *f, size_t donor, size_t recipient,
			       int64_t whole_id, int64_t report_id, int64_t table_id)
{
	size_t co[8], nco = co_donor_regions(im, f, co, 8);
	struct money_entry e = { id, f, donor, recipient, co, nco, whole_id, report_id,
				 im->section_base + section_at(r, f->line_no) };
	bool joint;
	size_t unit = money_donor_unit(im->money, &e, &joint);
	char *names = donor_names(im, donor, co, nco);
	enum fund_period period = fact_fund_period(f);
	enum status st = ins_run(im, INS_FUND, "lltlllootlttiiklitk", id, region_id(donor), names,
				 region_id(unit), (int64_t)joint, region_id(recipient), f->year,
				 f->from_year, fund_period_name(period), f->amount_yuan,
				 fund_kind_name(fund_kind_of(f->category)),
				 fund_category_name(f->category), f->approx ? 1 : 0,
				 f->stated_total ? 1 : 0, whole_id, report_id, f->line_no, f->quote,
				 table_id);
	free(names);
	if (st == ST_OK && f->sentence && *f->sentence)
		st = ins_run(im, INS_FUND_SENTENCE, "lt", id, f->sentence);
	if (st == ST_OK && nco)
		st = ins_run(im, INS_FUND_DONOR, "ll", id, region_id(donor));
	for (size_t i = 0; i < nco && st == ST_OK; i++)
		st = ins_run(im, INS_FUND_DONOR, "ll", id, region_id(co[i]));
	if (st == ST_OK)
		money_log_add(im->money, &e);
	return st;
}

/* Ids are given before any row is written, so a part can name a whole that
 * the extractor listed after it. */
static int64_t *fund_ids(struct importer *im, const struct extraction *x)
{
	int64_t *ids = xcalloc(x->nfunds + 1, sizeof(*ids)); /* 0: not stored */
	for (size_t i = 0; i < x->nfunds; i++)
		if (region_of(im, x->funds[i].donor) != GAZ_NONE &&
		    region_of(im, x->funds[i].recipient) != GAZ_NONE &&
		    money_plausible(x->funds[i].amount_yuan))
			ids[i] = ++im->last_fund_id;
	return ids;
}

static enum status insert_funds(struct importer *im, const struct report *r,
				const struct extraction *x, int64_t report_id,
				const int64_t *table_ids)
{
	int64_t *ids = fund_ids(im, x);
	enum status st = ST_OK;
	for (size_t i = 0; i < x->nfunds && st == ST_OK; i++) {
		const struct fact_fund *f = &x->funds[i];
		size_t donor = region_of(im, f->donor);
		size_t recipient = region_of(im, f->recipient);
		int64_t table_id = f->table_index >= 0 && (size_t)f->table_index < r->ntables ?
			table_ids[f->table_index] : 0;
		int64_t whole_id = f->whole_index >= 0 && (size_t)f->whole_index < x->nfunds &&
			(size_t)f->whole_index != i ? ids[f->whole_index] : 0;
		if (!money_plausible(f->amount_yuan)) {
			st = skip_implausible(im, report_id, f->amount_yuan, f->line_no, f->quote);
		} else if (!ids[i]) {
			st = skip_fact(im, report_id, "a money fact", donor, f->donor,
				       f->recipient, f->line_no, f->quote);
		} else if ((st = insert_fund(im, r, ids[i], f, donor, recipient, whole_id,
					     report_id, table_id)) == ST_OK) {
			im->sum->funds++;
		}
	}
	free(ids);
	return st;
}

static enum status insert_anomalies(struct importer *im, const struct extraction *x,
				    int64_t report_id)
{
	for (size_t i = 0; i < x->nanomalies; i++) {
		const struct fact_anomaly *a = &x->anomalies[i];
		enum status st = ins_run(im, INS_ANOMALY, "ttlot", a->kind ? a->kind : "other",
					 a->message ? a->message : "", report_id, a->line_no,
					 a->quote);
		if (st != ST_OK)
			return st;
		im->sum->anomalies++;
	}
	return ST_OK;
}

static enum status insert_indicators(struct importer *im, const struct extraction *x, int64_t report_id)
{
	enum status st = ST_OK;
	for (size_t i = 0; i < x->nindicators && st == ST_OK; i++) {
		const struct fact_indicator *f = &x->indicators[i];
		size_t donor = region_of(im, f->donor), recipient = region_of(im, f->recipient);
		if (donor == GAZ_NONE || recipient == GAZ_NONE)
			continue; /* a count the report gives no pair for: nothing to show it under */
		int64_t id = ++im->last_indicator_id;
		enum fund_period period = f->from_year == f->year ? PERIOD_YEAR :
			f->from_year ? PERIOD_SPAN : PERIOD_CUMULATIVE;
		st = ins_run(im, INS_INDICATOR, "llloottdtilit", id, region_id(donor),
			     region_id(recipient), f->year, f->from_year, fund_period_name(period),
			     indicator_kind_name(f->kind), f->value, f->unit, f->approx ? 1 : 0,
			     report_id, f->line_no, f->quote);
		im->sum->indicators += st == ST_OK;
	}
	return st;
}

/* Frees the facts of one kind once stored (their strings stay in the
 * pool): a large report's facts go while the import's logs grow. */
static void drop_pairs(struct extraction *x)
{
	free(x->pairs);
	x->pairs = NULL;
	x->npairs = x->cap_pairs = 0;
}

static void drop_indicators(struct extraction *x)
{
	free(x->indicators);
	x->indicators = NULL;
	x->nindicators = x->cap_indicators = 0;
}

/* The pairs, then the indicators (their ids are counted apart, and they
 * file no anomaly, so the order leaves every row as it was), then the
 * funds; with drop, each kind is freed once stored. */
static enum status insert_facts(struct importer *im, const struct report *r,
				struct extraction *x, int64_t report_id,
				const int64_t *table_ids, bool drop)
{
	enum status st = insert_pairs(im, x, report_id);
	if (drop)
		drop_pairs(x);
	if (st == ST_OK)
		st = insert_indicators(im, x, report_id);
	if (drop)
		drop_indicators(x);
	if (st == ST_OK)
		st = insert_funds(im, r, x, report_id, table_ids);
	if (st == ST_OK)
		st = insert_anomalies(im, x, report_id);
	return st;
}

/* The row ids of one report's rows, which its facts refer to. */
struct report_ids {
	int64_t report_id;
	int64_t *section_ids;  /* owned; one per section */
	int64_t *table_ids;    /* owned; one per table */
};

static void report_ids_free(struct report_ids *ids)
{
	free(ids->section_ids);
	free(ids->table_ids);
	memset(ids, 0, sizeof(*ids));
}

/* What sanitizing the report's text removed, one anomaly per kind and line
 * (issue 15, item 3): stripping is never silent. */
static enum status insert_stripped(struct importer *im, const struct inert_notes *notes,
				   int64_t report_id)
{
	enum status st = ST_OK;
	for (size_t i = 0; i < notes->n && st == ST_OK; i++) {
		const struct inert_note *n = &notes->items[i];
		char *msg = xasprintf("removed %s from the text (%zu time%s, %zu byte%s)",
				      n->what, n->count, n->count == 1 ? "" : "s", n->bytes,
				      n->bytes == 1 ? "" : "s");
		st = ins_run(im, INS_ANOMALY, "ttlot", "control-sequence", msg, report_id,
			     n->line_no, NULL);
		free(msg);
		im->sum->anomalies += st == ST_OK;
	}
	if (st == ST_OK && notes->dropped) {
		char *msg = xasprintf("removed controls or invalid bytes on %zu more lines",
				      notes->dropped);
		st = ins_run(im, INS_ANOMALY, "ttlot", "control-sequence", msg, report_id, 0, NULL);
		free(msg);
		im->sum->anomalies += st == ST_OK;
	}
	return st;
}

/* Gives a report its id, which its rows name before its own row is
 * written, and opens it in the import's logs. */
static int64_t report_begin(struct importer *im, const struct report *r)
{
	int64_t report_id = ++im->last_report_id;
	money_log_report(im->money, report_id, r->file_name);
	link_log_report(im->links, r->file_name, r->year);
	im->sum->reports++;
	return report_id;
}

/* Stores the rows of a report's sections, paragraphs and tables (of a
 * report read in parts, those of one part) into ids->report_id. */
static enum status insert_parts(struct importer *im, const struct report *r, struct report_ids *ids)
{
	ids->section_ids = xcalloc(r->nsections + 1, sizeof(int64_t));
	ids->table_ids = xcalloc(r->ntables + 1, sizeof(int64_t));
	enum status st = insert_sections(im, r, ids->report_id, ids->section_ids);
	if (st == ST_OK)
		st = insert_paragraphs(im, r, ids->report_id, ids->section_ids);
	if (st == ST_OK)
		st = insert_tables(im, r, ids->report_id, ids->section_ids, ids->table_ids);
	struct import_summary *sum = im->sum;
	sum->sections += r->nsections - (r->continues && im->continued_section);
	sum->paragraphs += r->nparagraphs;
	sum->tables += r->ntables;
	return st;
}

/* Stores the rows of the report's parts: sections, paragraphs and tables
 * (its own row, with the text, comes last: insert_report_row). */
static enum status insert_report(struct importer *im, const struct report *r,
				 struct report_ids *ids)
{
	ids->report_id = report_begin(im, r);
	enum status st = insert_parts(im, r, ids);
	if (st == ST_OK)
		st = insert_stripped(im, &r->stripped, ids->report_id);
	return st;
}

/* A report this large waits for its own row with its text in a temporary
 * file rather than in memory, and gives its paragraphs and facts back as
 * soon as they are stored, before that row is written; the memory of
 * smaller ones is freed on the reading thread, off the importer's. */
#define REPORT_FREE_EARLY_BYTES ((size_t)1 << 20)

/* A report larger than this is read, extracted and stored in parts of at
 * most this size (src/report.c: report_stream_next), each freed before the
 * next is read, so that the memory of an import does not grow with the
 * size of one report (issue 15, item 8: one of 187 MB needed 1.16 GB).
 * The reports of the series are 5-200 kB: none is read in parts, and
 * their facts are those of a whole read. A rule that joins facts across
 * a report (a total and its parts, a pairing's start dating its other
 * statements, an overview's giver given its partner, a table's figures
 * after the prose) joins them within a part only: such a report gets an
 * anomaly saying so (note_parts). */
#define REPORT_PART_BYTES ((size_t)2 << 20)

/* The pieces of the report's text, cut at line ends (data/schema.sql):
 * SQLite copies a value whole to write it, so a report's text is written a
 * piece at a time, read back from its temporary file when it was spilled. */
#define REPORT_TEXT_PIECE ((size_t)256 << 10)

/* How much of the n bytes at buf (more text follows them) make a piece:
 * up to the last line end, or else up to the last character's start. */
static size_t piece_length(const char *buf, size_t n)
{
	for (size_t k = n; k > 0; k--)
		if (buf[k - 1] == '\n')
			return k;
	/* one long line: cut before the last character that starts in buf */
	size_t c = n - 1;
	while (c > 0 && ((unsigned char)buf[c] & 0xC0) == 0x80)
		c--;
	return c > 0 ? c : n;
}

/* Writes r's text as pieces *seq, *seq + 1, ... (at least one), leaving
 * *seq at the next: a report read in parts writes each part's text after
 * the part before's. */
static enum status insert_report_text(struct importer *im, const struct report *r,
				      int64_t report_id, int *seq)
{
	/* a small report's buffer comes from the heap, not a mapping of its own */
	size_t room = r->text_len < REPORT_TEXT_PIECE ? r->text_len : REPORT_TEXT_PIECE;
	char *buf = xmalloc(room + 1);
	enum status st = ST_OK;
	size_t off = 0;
	for (int first = *seq; st == ST_OK && (off < r->text_len || *seq == first); ++*seq) {
		size_t got = report_text_piece(r, off, buf, room);
		if (got == (size_t)-1) {
			st = status_set(ST_IO, "%s: cannot read the report's text back from a "
					"temporary file", r->path);
			break;
		}
		if (off + got < r->text_len)
			got = piece_length(buf, got);
		buf[got] = '\0';
		st = ins_run(im, INS_REPORT_TEXT, "lit", report_id, *seq, buf);
		off += got;
	}
	free(buf);
	return st;
}

/* The report's own row and its text, once its paragraphs and facts are
 * stored (and, for a large report, freed). */
static enum status insert_report_row(struct importer *im, struct report *r,
				     int64_t report_id)
{
	enum status st = ins_run(im, INS_REPORT, "lttoi", report_id, r->file_name,
				 r->title ? r->title : "", r->year, r->line_count);
	int seq = 0;
	return st == ST_OK ? insert_report_text(im, r, report_id, &seq) : st;
}

static enum status read_input(const char *path, struct report **r)
{
	*r = NULL;
	/* the atomic flag: this runs on the reading threads, and the handler
	 * sets import_signal on the importer's */
	if (atomic_load(&import_stop))
		return status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	return report_read(path, r);
}

/* --- the list of input files ----------------------------------------------------- */

struct input {
	char *path;            /* owned */
	const char *name;      /* base name, inside path */
	dev_t dev;
	ino_t ino;
	off_t size;            /* when listed: what its job will hold in memory */
};

struct input_list {
	struct input *items;   /* owned */
	size_t n, cap;
};

static void inputs_free(struct input_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].path);
	free(l->items);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Adds a file. The store keys reports by file name, so one file named twice
 * (a directory and a file in it) is kept once, and two different files with
 * the same name are an error rather than one silently replacing the other. */
static enum status inputs_add(struct input_list *l, char *path, const struct stat *sb)
{
	const char *name = base_name(path);
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].name, name) != 0)
			continue;
		bool same = l->items[i].dev == sb->st_dev && l->items[i].ino == sb->st_ino;
		enum status st = same ? ST_OK : status_set(ST_USAGE,
			"%s: another input has the same file name (%s)", path, l->items[i].path);
		free(path);
		return st;
	}
	struct input *in = ARRAY_PUSH(l->items, l->n, l->cap);
	in->path = path;
	in->name = base_name(path);
	in->dev = sb->st_dev;
	in->ino = sb->st_ino;
	in->size = sb->st_size;
	return ST_OK;
}

/* A directory means its *.txt files (not hidden ones), sorted by name. One
 * without any is refused: replacing a store with an empty one loses data. */
static enum status inputs_add_dir(struct input_list *l, const char *dir)
{
	size_t n;
	char **paths = paths_dir_files(dir, ".txt", &n);
	if (!paths)
		return status_set(ST_IO, "%s: %s", dir, strerror(errno));
	enum status st = n ? ST_OK : status_set(ST_DATA, "%s: no reports (*.txt) in this directory", dir);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (st == ST_OK && stat(paths[i], &sb) != 0)
			st = status_set(ST_IO, "%s: %s", paths[i], strerror(errno));
		if (st == ST_OK)
			st = inputs_add(l, paths[i], &sb);   /* takes the path */
		else
			free(paths[i]);
	}
	free(paths);
	return st;
}

/* Checks every input before anything is written. */
static enum status inputs_collect(struct input_list *l, const char *const *paths, size_t npaths)
{
	for (size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0)
			return status_set(ST_IO, "%s: %s", paths[i], strerror(errno));
		enum status st = S_ISDIR(sb.st_mode) ? inputs_add_dir(l, paths[i]) :
			inputs_add(l, xstrdup(paths[i]), &sb);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

/* --- the temporary file and the rename ---------------------------------------------- */

/* Creates db_path.PID.XXXXXX.tmp next to the store (the pid tells a later
 * import whether it was left by a killed one), readable as a new file would
 * be (mkstemp makes it 0600), or as the store it replaces is. */
static enum status temp_create(const char *db_path, char **tmp_path, int *fd)
{
	*tmp_path = xasprintf("%s.%ld.XXXXXX.tmp", db_path, (long)getpid());
	*fd = mkstemps(*tmp_path, 4);
	if (*fd < 0) {
		char *dir = paths_dir_of(db_path);
		enum status st = status_set(ST_IO, "%s: cannot create the store there: %s", dir,
					    strerror(errno));
		free(dir);
		free(*tmp_path);
		*tmp_path = NULL;
		return st;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(*fd, 0666 & ~mask);
	store_keep_mode(db_path, *fd);
	return ST_OK;
}

/* Makes the new store durable, renames it over the old one and makes the
 * rename durable, in that order, so a crash leaves one store or the other. */
static enum status temp_commit(const char *tmp_path, int fd, const char *db_path)
{
	if (fsync(fd) != 0)
		return status_set(ST_IO, "%s: %s", tmp_path, strerror(errno));
	/* the last moment an interrupt leaves the old store; after the rename
	 * the import is done, and reported as done */
	if (import_signal)
		return status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	if (rename(tmp_path, db_path) != 0)
		return status_set(ST_IO, "%s: cannot replace the store: %s", db_path,
				  strerror(errno));
	char *dir = paths_dir_of(db_path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return ST_OK;
}

/* --- import_run ----------------------------------------------------------------------- */

/* A large report's facts are arrays that double as they grow. Over 1 MiB
 * each is made a mapping of its own, grown in place and given back when
 * freed; glibc would otherwise, once a few such blocks were freed, grow
 * them within the heap, copying each and keeping the old copies' pages (a
 * 12 MB report: a sixth more at its peak). Imports of small reports only
 * keep glibc's way, whose reused heap pages cost fewer page faults. */
static void heap_for_large_reports(const struct input_list *in)
{
#ifdef HAVE_MALLOPT
	for (size_t i = 0; i < in->n; i++)
		if ((size_t)in->items[i].size >= REPORT_FREE_EARLY_BYTES) {
			mallopt(M_MMAP_THRESHOLD, 1 << 20);
			return;
		}
#else
	(void)in;
#endif
}

static long elapsed_ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Fast bulk load: the file is private until the rename and is deleted on any
 * failure, so neither a journal nor syncing during the build buys anything;
 * durability comes from the fsync before the rename. */
static const char bulk_pragmas[] =
	"PRAGMA journal_mode = OFF;"
	"PRAGMA synchronous = OFF;"
	"PRAGMA locking_mode = EXCLUSIVE;"
	"PRAGMA temp_store = MEMORY;"
	"PRAGMA cache_size = -8192;";

/* --- the importer: reading and extraction on a second thread ------------------ */

/* Gives the heap's free pages back to the system: glibc keeps them
 * otherwise, and a large report's paragraphs, freed in many small pieces,
 * would not make room for the money log growing after them. */
static void release_memory(void)
{
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}


/* Reading a report and extracting its facts are more than half of an
 * import and SQLite the rest, so EXTRACT_THREADS threads read and extract
 * the next reports while this one stores report i, in order. The threads
 * never touch SQLite; they take no new report after one they cannot read
 * (its status message is then the one shown). At most EXTRACT_DEPTH reports
 * are in memory, and past the first of them only while their files add up
 * to EXTRACT_AHEAD_BYTES, so memory stays flat however many reports an
 * import holds; small reports go ahead while a large one is extracted.
 * One thread starts at once, the others when this one first waits for a
 * report: until then it has work of its own (the schema, the regions), and
 * a third busy thread on two processors would slow the first report's
 * extraction, which the whole import waits for. Without a thread
 * (pthread_create failed) each report is read and extracted when it is
 * taken. */
enum { EXTRACT_THREADS = 2, EXTRACT_DEPTH = 8 };
#define EXTRACT_AHEAD_BYTES ((off_t)4 << 20)

struct extract_job {
	struct report *report;         /* owned; NULL if it could not be read, or when
	                                * in_parts */
	const char *in_parts;          /* the path of a report to be read in parts,
	                                * by the importer (store_in_parts); else NULL */
	struct extraction facts;       /* owned */
	enum status st;                /* of reading it */
	char *detail;                  /* owned; status_detail(st) on the thread that
	                                * read it (details are per thread), or NULL */
};

struct extractor {
	const struct gazetteer *gaz;   /* NULL until loaded (extractor_set_gazetteer):
	                                * the first reports are read meanwhile */
	const struct input *inputs;
	size_t ninputs;
	pthread_t threads[EXTRACT_THREADS];
	size_t nthreads;               /* started; 0: the importer extracts itself */
	bool all_started;              /* no more threads to start (main thread only) */
	pthread_mutex_t lock;
	pthread_cond_t changed;        /* a job done or released, or quit set */
	struct extract_job jobs[EXTRACT_DEPTH]; /* job k in jobs[k % EXTRACT_DEPTH] */
	size_t done[EXTRACT_DEPTH];    /* per slot, k + 1 once job k is done in it */
	size_t read[EXTRACT_DEPTH];    /* per slot, k + 1 once job k's report is read
	                                * (its facts may still be under way) */
	size_t next, released;         /* the next job to take; jobs freed by the importer */
	bool quit, failed;
	atomic_bool cancel;            /* set by the importer: end the job under way */
};

static void extract_job_free(struct extract_job *job)
{
	extraction_free(&job->facts);
	report_free(job->report);
	free(job->detail);
	memset(job, 0, sizeof(*job));
}

/* Job k's report is read and will not change until its facts are done:
 * the importer may write its own rows meanwhile (extractor_read_report). */
static void extractor_note_read(struct extractor *ex, size_t k)
{
	pthread_mutex_lock(&ex->lock);
	ex->read[k % EXTRACT_DEPTH] = k + 1;
	pthread_cond_broadcast(&ex->changed);
	pthread_mutex_unlock(&ex->lock);
}

/* The gazetteer, once loaded; NULL when the import stops first. */
static const struct gazetteer *extractor_gazetteer(struct extractor *ex)
{
	pthread_mutex_lock(&ex->lock);
	while (!ex->gaz && !ex->quit)
		pthread_cond_wait(&ex->changed, &ex->lock);
	const struct gazetteer *g = ex->gaz;
	pthread_mutex_unlock(&ex->lock);
	return g;
}

/* Frees what the slot held (a job the importer released: freeing it here
 * keeps that work off the importer's thread). */
static void extract_job_run(struct extractor *ex, size_t k)
{
	struct extract_job *job = &ex->jobs[k % EXTRACT_DEPTH];
	extract_job_free(job);
	status_clear();
	if ((size_t)ex->inputs[k].size > REPORT_PART_BYTES) {
		job->in_parts = ex->inputs[k].path;
		return;
	}
	job->st = read_input(ex->inputs[k].path, &job->report);
	/* the text is needed again for the report's row only, written last */
	if (job->st == ST_OK && job->report->text_len >= REPORT_FREE_EARLY_BYTES) {
		report_spill_text(job->report, paths_tmp_dir());
		/* its paragraphs are read back from the text as they are needed */
		if (job->report->text_file) {
			report_drop_paragraph_texts(job->report);
			release_memory();
		}
	}
	if (job->st == ST_OK)
		extractor_note_read(ex, k);
	const struct gazetteer *g = job->st == ST_OK ? extractor_gazetteer(ex) : NULL;
	if (job->st == ST_OK && !g)
		job->st = ST_INTERRUPTED;   /* the import stopped first */
	if (job->st == ST_OK)
		job->st = extract_report_until(job->report, g, &job->facts, &ex->cancel);
	if (job->st != ST_OK)
		job->detail = xstrdup(status_detail(job->st));
}

/* The next job for a thread, once its slot is free; ninputs when there is
 * none to take (all taken, quit, or a report could not be read). Lock held. */
static bool extractor_full(const struct extractor *ex)
{
	if (ex->next >= ex->released + EXTRACT_DEPTH)
		return true;
	off_t held = 0;
	for (size_t k = ex->released; k <= ex->next; k++)
		held += ex->inputs[k].size;
	return ex->next > ex->released && held > EXTRACT_AHEAD_BYTES;
}

static size_t extractor_claim(struct extractor *ex)
{
	while (!ex->quit && !ex->failed && ex->next < ex->ninputs && extractor_full(ex))
		pthread_cond_wait(&ex->changed, &ex->lock);
	if (ex->quit || ex->failed || ex->next >= ex->ninputs)
		return ex->ninputs;
	return ex->next++;
}

static void *extractor_main(void *arg)
{
	struct extractor *ex = arg;
	for (;;) {
		pthread_mutex_lock(&ex->lock);
		size_t k = extractor_claim(ex);
		pthread_mutex_unlock(&ex->lock);
		if (k == ex->ninputs)
			break;
		extract_job_run(ex, k);
		pthread_mutex_lock(&ex->lock);
		ex->done[k % EXTRACT_DEPTH] = k + 1;
		ex->failed |= ex->jobs[k % EXTRACT_DEPTH].st != ST_OK;
		pthread_cond_broadcast(&ex->changed);
		pthread_mutex_unlock(&ex->lock);
	}
	return NULL;
}

/* Starts threads until there are n (fewer if one cannot be started: no
 * more are tried then). */
static void extractor_add_threads(struct extractor *ex, size_t n)
{
	/* the import's signals stay with this thread, which acts on them */
	sigset_t block, saved;
	sigemptyset(&block);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaddset(&block, import_signals[i]);
	pthread_sigmask(SIG_BLOCK, &block, &saved);
	while (ex->nthreads < n && pthread_create(&ex->threads[ex->nthreads], NULL, extractor_main, ex) == 0)
		ex->nthreads++;
	if (ex->nthreads < n)
		ex->all_started = true;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
}

/* Starts the first thread, which reads the first report at once and
 * extracts it once the gazetteer is loaded (extractor_set_gazetteer):
 * reading it is then done while the gazetteer's last steps leave a
 * processor free. */
static void extractor_start(struct extractor *ex, const struct input *inputs, size_t n)
{
	memset(ex, 0, sizeof(*ex));
	atomic_init(&ex->cancel, false);
	ex->inputs = inputs;
	ex->ninputs = n;
	pthread_mutex_init(&ex->lock, NULL);
	pthread_cond_init(&ex->changed, NULL);
	extractor_add_threads(ex, 1);
}

static void extractor_set_gazetteer(struct extractor *ex, const struct gazetteer *g)
{
	pthread_mutex_lock(&ex->lock);
	ex->gaz = g;
	pthread_cond_broadcast(&ex->changed);
	pthread_mutex_unlock(&ex->lock);
}

/* Waits (lock held) until the thread says something, or a tenth of a
 * second has passed: a signal does not end a wait on a condition, so the
 * importer looks at import_signal this often while a long report is read. */
static void wait_a_while(struct extractor *ex)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 100 * 1000 * 1000;
	if (until.tv_nsec >= 1000 * 1000 * 1000) {
		until.tv_sec++;
		until.tv_nsec -= 1000 * 1000 * 1000;
	}
	pthread_cond_timedwait(&ex->changed, &ex->lock, &until);
}

/* Waits for a job (lock held): the first wait starts the other threads
 * instead, and the caller looks again. */
static void extractor_wait(struct extractor *ex)
{
	if (ex->all_started) {
		wait_a_while(ex);
		return;
	}
	pthread_mutex_unlock(&ex->lock);
	extractor_add_threads(ex, EXTRACT_THREADS);
	ex->all_started = true;
	pthread_mutex_lock(&ex->lock);
}

/* Report k once read, while its facts may still be extracted; NULL when
 * it was not read whole (it could not be, it is read in parts, a signal
 * came first) or when there is no thread (the job runs when taken):
 * extractor_take then says why. Until then the report is only read, by
 * both threads. */
static const struct report *extractor_read_report(struct extractor *ex, size_t k)
{
	if (!ex->nthreads)
		return NULL;
	size_t slot = k % EXTRACT_DEPTH;
	pthread_mutex_lock(&ex->lock);
	while (ex->read[slot] != k + 1 && ex->done[slot] != k + 1 && !import_signal)
		extractor_wait(ex);
	const struct report *r = ex->read[slot] == k + 1 ? ex->jobs[slot].report : NULL;
	pthread_mutex_unlock(&ex->lock);
	return r;
}

/* Report k with its facts, once ready (NULL when a signal came first);
 * jobs are taken in order, and each is released before the next is taken. */
static struct extract_job *extractor_take(struct extractor *ex, size_t k)
{
	if (!ex->nthreads) {
		extract_job_run(ex, k);
		ex->done[k % EXTRACT_DEPTH] = k + 1;
	}
	pthread_mutex_lock(&ex->lock);
	while (ex->done[k % EXTRACT_DEPTH] != k + 1 && !import_signal)
		extractor_wait(ex);
	bool ready = ex->done[k % EXTRACT_DEPTH] == k + 1;
	pthread_mutex_unlock(&ex->lock);
	if (!ready) /* a signal: the job under way ends within a paragraph */
		atomic_store(&ex->cancel, true);
	return ready ? &ex->jobs[k % EXTRACT_DEPTH] : NULL;
}

/* Job k is no longer used; its slot can take job k + EXTRACT_DEPTH. */
static void extractor_release(struct extractor *ex, size_t k)
{
	pthread_mutex_lock(&ex->lock);
	ex->released = k + 1;
	pthread_cond_broadcast(&ex->changed);
	pthread_mutex_unlock(&ex->lock);
}

/* Stops the threads (a job under way ends within a paragraph) and frees
 * every job. */
static void extractor_stop(struct extractor *ex)
{
	atomic_store(&ex->cancel, true);
	pthread_mutex_lock(&ex->lock);
	ex->quit = true;
	pthread_cond_broadcast(&ex->changed);
	pthread_mutex_unlock(&ex->lock);
	for (size_t i = 0; i < ex->nthreads; i++)
		pthread_join(ex->threads[i], NULL);
	for (size_t k = 0; k < EXTRACT_DEPTH; k++)
		extract_job_free(&ex->jobs[k]);
	pthread_cond_destroy(&ex->changed);
	pthread_mutex_destroy(&ex->lock);
}

/* Frees r but what a stored report still needs for its own row: the
 * text, title, year. */
static struct report *report_drop_parts(struct report *r)
{
	struct report *keep = xcalloc(1, sizeof(*keep));
	*keep = (struct report){
		.path = r->path, .file_name = r->file_name, .title = r->title, .year = r->year,
		.text = r->text, .text_len = r->text_len, .line_count = r->line_count,
		.text_file = r->text_file,
	};
	r->path = r->file_name = r->title = r->text = NULL;
	r->text_file = NULL;
	report_free(r);
	return keep;
}

/* Extracts and stores one part of a report read in parts, then its text;
 * the part's sections go on from those of the part before. */
static enum status store_part(struct importer *im, const struct report *part, int64_t report_id,
			      int *text_seq, int *section_seq)
{
	struct extraction facts = { 0 };
	enum status st = extract_report_until(part, im->gaz, &facts, &import_stop);
	if (st == ST_INTERRUPTED)
		st = status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	bool continued = part->continues && im->continued_section;
	im->section_base = *section_seq - continued;
	struct report_ids ids = { .report_id = report_id };
	if (st == ST_OK)
		st = insert_parts(im, part, &ids);
	if (st == ST_OK)
		st = insert_facts(im, part, &facts, report_id, ids.table_ids, true);
	if (st == ST_OK)
		st = insert_report_text(im, part, report_id, text_seq);
	if (st == ST_OK && part->nsections)
		im->continued_section = ids.section_ids[part->nsections - 1];
	*section_seq = im->section_base + (int)part->nsections;
	im->table_base += (int)part->ntables;
	report_ids_free(&ids);
	extraction_free(&facts);
	return st;
}

/* What a reader of the report's facts must know: they were not joined
 * across its parts (see REPORT_PART_BYTES). */
static enum status note_parts(struct importer *im, const struct report_stream *rs,
			      int64_t report_id)
{
	size_t n = report_stream_parts(rs);
	if (n < 2)
		return ST_OK;
	char *msg = xasprintf("a report over %zu MiB, read in %zu parts of at most %zu MiB each: "
			      "facts are not joined across parts (a total and its parts, a pairing "
			      "and what its start dates, a giver and its partner, in two parts)",
			      REPORT_PART_BYTES >> 20, n, REPORT_PART_BYTES >> 20);
	enum status st = ins_run(im, INS_ANOMALY, "ttlot", "read-in-parts", msg, report_id, 0, NULL);
	free(msg);
	im->sum->anomalies += st == ST_OK;
	return st;
}

/* A report too large to hold whole: read, extracted and stored a part at
 * a time on this thread, each part freed before the next is read; its own
 * row comes last, with its title, year and lines from the parts. */
static enum status store_in_parts(struct importer *im, const char *path)
{
	struct report_stream *rs;
	enum status st = report_stream_open(path, REPORT_PART_BYTES, &rs);
	if (st != ST_OK)
		return st;
	int64_t report_id = 0;
	int text_seq = 0, section_seq = 0, year = 0;
	char *file_name = NULL;
	struct report *part = NULL;
	while (st == ST_OK && !import_signal && (st = report_stream_next(rs, &part)) == ST_OK &&
	       part) {
		if (!report_id) {
			report_id = report_begin(im, part);
			file_name = xstrdup(part->file_name);
			year = part->year;
		}
		st = store_part(im, part, report_id, &text_seq, &section_seq);
		report_free(part);
		part = NULL;
		release_memory();
	}
	if (st == ST_OK && import_signal)
		st = status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	if (st == ST_OK)
		st = insert_stripped(im, report_stream_notes(rs), report_id);
	if (st == ST_OK)
		st = note_parts(im, rs, report_id);
	if (st == ST_OK)
		st = ins_run(im, INS_REPORT, "lttoi", report_id, file_name,
			     report_stream_title(rs), year, report_stream_lines(rs));
	im->section_base = im->table_base = 0;
	im->continued_section = 0;
	free(file_name);
	report_stream_close(rs);
	return st;
}

static enum status job_outcome(const struct extract_job *job)
{
	if (!job || job->st == ST_INTERRUPTED)
		return status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	if (job->st != ST_OK) /* its detail was set on the reading thread */
		return status_set(job->st, "%s", job->detail);
	return ST_OK;
}

/* The rest of a report read whole, once its facts are extracted (its own
 * rows first, unless they are written). */
static enum status store_report(struct importer *im, struct extract_job *job,
				struct report_ids *ids, bool rows_written)
{
	bool large = job->report->text_len >= REPORT_FREE_EARLY_BYTES;
	enum status st = rows_written ? ST_OK : insert_report(im, job->report, ids);
	if (large) {
		report_drop_paragraphs(job->report);
		release_memory();
	}
	if (st == ST_OK)
		st = insert_facts(im, job->report, &job->facts, ids->report_id, ids->table_ids, large);
	if (large) {
		extraction_free(&job->facts);
		job->report = report_drop_parts(job->report);
		release_memory();
	}
	if (st == ST_OK)
		st = insert_report_row(im, job->report, ids->report_id);
	if (large) {
		report_free(job->report);
		job->report = NULL;
	}
	return st;
}

/* Stores report k. Its own rows (sections, paragraphs, tables) are written
 * as soon as it is read, while a thread still extracts its facts: the
 * first report is most of an import, and this thread would otherwise wait
 * for its facts with nothing to do. The statements run in the same order
 * as when the facts came first, so the store is the same. */
static enum status store_job(struct importer *im, size_t k)
{
	struct report_ids ids = { 0 };
	const struct report *read = extractor_read_report(im->ex, k);
	enum status st = read ? insert_report(im, read, &ids) : ST_OK;
	/* taken even after a failure: the job must be over before its slot
	 * is released */
	struct extract_job *job = extractor_take(im->ex, k);
	enum status outcome = job_outcome(job);
	if (outcome != ST_OK)
		st = outcome;
	else if (st == ST_OK && job->in_parts)
		st = store_in_parts(im, job->in_parts);
	else if (st == ST_OK)
		st = store_report(im, job, &ids, read != NULL);
	report_ids_free(&ids);
	return st;
}

/* Two reports dating the start of one link differently: each keeps its
 * date and source; the later report's first statement of it is marked as
 * an anomaly. */
static enum status note_since_disagreements(struct importer *im)
{
	static const char sql[] =
		"INSERT INTO anomaly(kind, message, report_id, line, quote)"
		" SELECT 'since-disagrees', d.name || ' -> ' || r.name || ' since ' || p.since || ' here, since '"
		"   || q.since || ' in ' || rq.file || ':' || q.line, p.report_id, p.line, p.quote"
		" FROM pairing p JOIN pairing q ON q.donor_id = p.donor_id AND q.recipient_id = p.recipient_id"
		"   AND q.report_id < p.report_id AND q.since IS NOT NULL AND q.since <> p.since"
		" JOIN region d ON d.id = p.donor_id JOIN region r ON r.id = p.recipient_id"
		" JOIN report rq ON rq.id = q.report_id"
		" WHERE p.since IS NOT NULL AND q.id = (SELECT min(id) FROM pairing x WHERE x.donor_id = p.donor_id"
		"   AND x.recipient_id = p.recipient_id AND x.report_id < p.report_id AND x.since IS NOT NULL"
		"   AND x.since <> p.since)"
		" AND p.id = (SELECT min(id) FROM pairing y WHERE y.donor_id = p.donor_id"
		"   AND y.recipient_id = p.recipient_id AND y.report_id = p.report_id AND y.since = p.since)";
	enum status st = exec_sql(im, sql);
	if (st == ST_OK)
		im->sum->anomalies += (size_t)sqlite3_changes(im->db);
	return st;
}

/* Stores the reports in order while the extractor prepares the next one. */
static enum status import_files(struct importer *im, const struct input_list *in)
{
	enum status st = ST_OK;
	for (size_t k = 0; k < in->n && st == ST_OK; k++) {
		st = store_job(im, k);
		extractor_release(im->ex, k);
	}
	return st;
}

/* The indexes of the tables that grow with the corpus are built after the
 * bulk insert, one sort each, rather than kept up to date row by row. */
static const char bulk_indexes_sql[] =
	"SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
	" AND tbl_name IN ('fund', 'paragraph', 'indicator', 'region', 'region_alias', 'region_name')"
	" ORDER BY rowid";

/* The CREATE statements of the dropped indexes (the schema's own text, so
 * that the store ends up with the same schema), in two batches. The region
 * tables are complete before the first report is stored: their indexes,
 * and those listed before them (the paragraphs', whose rows come in its
 * order, each added at its end), are built then, while this thread waits
 * for the first report's facts, instead of at the end, when nothing else
 * runs. Each batch keeps the schema's order, and so does the store. */
struct index_batches {
	struct strbuf early;   /* owned; built once the regions are written */
	struct strbuf late;    /* owned; built after the reports */
};

static bool on_region_table(const char *table)
{
	return strcmp(table, "region") == 0 || strcmp(table, "region_alias") == 0 ||
	       strcmp(table, "region_name") == 0;
}

/* Drops those indexes, keeping their CREATE statements in *create. */
static enum status indexes_drop(struct importer *im, struct index_batches *create)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(im->db, bulk_indexes_sql, -1, &stmt, NULL) != SQLITE_OK)
		return sql_fail(im, "listing the indexes");
	struct strbuf drop = { 0 };
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *one = sqlite3_mprintf("DROP INDEX \"%w\";", (const char *)sqlite3_column_text(stmt, 0));
		strbuf_puts(&drop, one ? one : "");
		sqlite3_free(one);
		strbuf_printf(&create->late, "%s;", (const char *)sqlite3_column_text(stmt, 1));
		if (on_region_table((const char *)sqlite3_column_text(stmt, 2))) {
			strbuf_append(&create->early, create->late.data, create->late.len);
			strbuf_free(&create->late);
		}
	}
	sqlite3_finalize(stmt);
	enum status st = rc == SQLITE_DONE ? ST_OK : sql_fail(im, "listing the indexes");
	char *sql = strbuf_steal(&drop);
	if (st == ST_OK)
		st = exec_sql(im, sql);
	free(sql);
	return st;
}

/* Builds the indexes of one batch (none when it is empty). */
static enum status indexes_build(struct importer *im, struct strbuf *batch)
{
	char *sql = strbuf_steal(batch);
	enum status st = *sql ? exec_sql(im, sql) : ST_OK;
	free(sql);
	return st;
}

/* An import holding a report read in parts is a large one: the sorts at
 * its end (the indexes built after the bulk insert, the money statements
 * read back in groups) spill past the page cache into temporary files
 * rather than grow memory with the report (a 48 MB report: 16 MB more).
 * Smaller imports sort within the cache, at memory's speed, as before. */
static bool any_in_parts(const struct input_list *in)
{
	for (size_t i = 0; i < in->n; i++)
		if ((size_t)in->items[i].size > REPORT_PART_BYTES)
			return true;
	return false;
}

static enum status build_db(struct importer *im, const struct input_list *in)
{
	enum status st = exec_sql(im, bulk_pragmas);
	if (st == ST_OK && any_in_parts(in))
		st = exec_sql(im, "PRAGMA temp_store = FILE;");
	if (st == ST_OK)
		st = exec_sql(im, schema_sql);
	if (st == ST_OK)
		st = exec_sql(im, "BEGIN");
	struct index_batches indexes = { { 0 }, { 0 } };
	if (st == ST_OK)
		st = indexes_drop(im, &indexes);
	if (st == ST_OK)
		st = importer_prepare(im);
	if (st == ST_OK)
		st = insert_regions(im);
	if (st == ST_OK)
		st = indexes_build(im, &indexes.early);
	if (st == ST_OK)
		st = import_files(im, in);
	importer_finalize(im);
	if (st == ST_OK)
		st = indexes_build(im, &indexes.late);
	strbuf_free(&indexes.early);
	strbuf_free(&indexes.late);
	if (st == ST_OK)
		st = exec_sql(im, "INSERT INTO paragraph_fts(paragraph_fts) VALUES ('optimize')");
	if (st == ST_OK && money_log_store(im->money, im->db, &im->sum->anomalies) != SQLITE_OK)
		st = sql_fail(im, "linking money flows");
	if (st == ST_OK && indicator_log_store(im->indicators, im->db) != SQLITE_OK)
		st = sql_fail(im, "linking indicators");
	if (st == ST_OK)
		st = note_since_disagreements(im);
	if (st == ST_OK && link_log_store(im->links, im->db) != SQLITE_OK)
		st = sql_fail(im, "deriving the links");
	if (st == ST_OK) {
		char *marks = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d;",
					STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
		st = exec_sql(im, marks);
		free(marks);
	}
	if (st == ST_OK)
		st = exec_sql(im, "COMMIT");
	return st;
}

/* Builds the new store in tmp_path and closes it. */
static enum status build_file(const char *tmp_path, const struct gazetteer *g,
			      const struct input_list *in, struct extractor *ex,
			      struct import_summary *sum)
{
	struct importer im = { .tmp_path = tmp_path, .gaz = g, .sum = sum, .ex = ex };
	/* only this thread uses the connection: no locking inside SQLite */
	if (sqlite3_open_v2(tmp_path, &im.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		enum status st = status_set(ST_STORE, "%s: %s", tmp_path,
					    im.db ? sqlite3_errmsg(im.db) : "cannot open");
		sqlite3_close_v2(im.db);
		return st;
	}
	sqlite3_progress_handler(im.db, 10000, progress_check, NULL);
	names_build(&im);
	im.money = money_log_new(g, any_in_parts(in));
	im.indicators = indicator_log_new(g);
	im.links = link_log_new();
	/* the first reports are extracted while the schema and the regions
	 * are written */
	enum status st = build_db(&im, in);
	money_log_free(im.money);
	indicator_log_free(im.indicators);
	link_log_free(im.links);
	free(im.names);
	if (sqlite3_close(im.db) != SQLITE_OK && st == ST_OK)
		st = status_set(ST_STORE, "%s: %s", tmp_path, sqlite3_errmsg(im.db));
	return st;
}

/* The temporary store being built and the lock file of the import, removed
 * if memory runs out. */
static char *volatile building_path;
static char *volatile lock_path;

static void remove_building(void)
{
	if (building_path)
		unlink(building_path);
	if (lock_path)
		unlink(lock_path);
}

static enum status import_into(const char *db_path, const struct gazetteer *g,
			       const struct input_list *in, struct extractor *ex,
			       struct import_summary *sum)
{
	char *tmp_path;
	int fd;
	enum status st = temp_create(db_path, &tmp_path, &fd);
	if (st != ST_OK)
		return st;
	building_path = tmp_path;
	xalloc_on_failure(remove_building, true);
	st = build_file(tmp_path, g, in, ex, sum);
	if (st == ST_OK && import_signal)
		st = status_set(ST_INTERRUPTED, "import interrupted; the store was not changed");
	if (st == ST_OK)
		st = temp_commit(tmp_path, fd, db_path);
	close(fd);
	if (st != ST_OK)
		unlink(tmp_path);
	xalloc_on_failure(remove_building, false);
	building_path = NULL;
	free(tmp_path);
	return st;
}

/* One import at a time per store; the temporary files of killed imports
 * are removed first (src/store-files.c). */
static enum status import_locked(const char *db_path, const struct gazetteer *g,
				 const struct input_list *in, struct extractor *ex,
				 struct import_summary *sum)
{
	struct store_lock lock;
	enum status st = store_lock_take(db_path, &lock);
	if (st != ST_OK)
		return st;
	store_remove_stale_temps(db_path);
	lock_path = lock.path;
	st = import_into(db_path, g, in, ex, sum);
	lock_path = NULL;
	store_lock_release(&lock);
	return st;
}

enum status import_run(const char *db_path, const char *const *paths, size_t npaths,
		       const char *gazetteer_path, struct import_summary *summary)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(summary, 0, sizeof(*summary));
	struct input_list in = {0};
	enum status st = inputs_collect(&in, paths, npaths);
	if (st == ST_OK)
		heap_for_large_reports(&in);
	/* A store reached through a symbolic link is replaced where it is. */
	char *target = NULL;
	if (st == ST_OK)
		st = store_guard_target(db_path, &target);
	/* the first reports are read while the gazetteer is loaded */
	struct extractor ex;
	bool started = st == ST_OK;
	signals_reset();
	if (started)
		extractor_start(&ex, in.items, in.n);
	struct gazetteer *g = NULL;
	if (st == ST_OK)
		st = gazetteer_load(gazetteer_path, &g);
	if (st == ST_OK) {
		extractor_set_gazetteer(&ex, g);
		struct sigaction saved[NSIGNALS], saved_xfsz, ignore;
		signals_catch(saved);
		/* Past a file-size limit (ulimit -f), a write fails (EFBIG) and the
		 * import cleans up, instead of SIGXFSZ killing it mid-file. */
		memset(&ignore, 0, sizeof(ignore));
		ignore.sa_handler = SIG_IGN;
		sigaction(SIGXFSZ, &ignore, &saved_xfsz);
		st = import_locked(target, g, &in, &ex, summary);
		sigaction(SIGXFSZ, &saved_xfsz, NULL);
		signals_restore(saved, st != ST_OK);
	}
	if (started) {
		/* a thread may be reading a report, which can set the status message */
		char *detail = st == ST_OK ? NULL : xstrdup(status_detail(st));
		extractor_stop(&ex);
		if (detail)
			status_set(st, "%s", detail);
		free(detail);
	}
	free(target);
	gazetteer_free(g);
	inputs_free(&in);
	summary->elapsed_ms = elapsed_ms_since(&t0);
	return st;
}
