#include "config.h"

/* The help screen, generated from the action table and the bindings in
 * force (so it lists exactly the keys that work, [keys] of the config
 * included), followed by the config keys of the option table and the
 * legend. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/draw.h"
#include "pairoff/view.h"
#include "pairoff/views.h"

static const char *const help_headers[] = { "keys", "action", "help", "group" };

static void add(struct qtable *out, const char *keys, const char *name, const char *help, const char *group)
{
	const char *cells[] = { keys, name, help, group };
	qtable_add_row(out, cells);
}

/* The signs of the panes; the columns' own legends come from the views
 * (view_ops.legend), so the help says what the panes say. */
static const struct {
	const char *mark, *meaning;
} legend[] = {
	{ "  government", "a money flow under its year, parts indented under their whole; a dim figure "
	  "did not go into the year's aid (e.g. a part inside its whole)" },
	{ "255 / 257", "the statements of one money disagree: every figure they give" },
	{ "investment ...", "headings under a year: investment (signed, beside the aid), planned, other "
	  "money, joint donations; never in the year's aid, never a bar" },
	{ "2006-2009, to 2011", "multi-year and cumulative figures, at the end of the funds pane, apart "
	  "from the years" },
	{ "s in funds", "orders the years (oldest, newest, largest aid first), each year's rows staying "
	  "under it; span and cumulative figures stay last" },
	{ "~12.5", "approximate figure (\"more than\", \"nearly\", ...)" },
};

/* The views' legends come through ctx (the main loop knows the views),
 * so the help needs no view above it. */
static void add_legends(const struct view_ctx *ctx, struct qtable *out)
{
	for (const struct view_ops *const *v = ctx->legend_views; v && *v; v++)
		for (const struct legend_entry *e = (*v)->legend; e && e->mark; e++)
			add(out, e->mark, "legend", e->meaning, "Legend");
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		add(out, legend[i].mark, "legend", legend[i].meaning, "Legend");
}

static enum status help_load(struct view_ctx *ctx, struct view *v, const char *key, struct qtable *out)
{
	(void)v;
	(void)key;
	qtable_init(out, 4, help_headers);
	for (int g = 0; g < GROUP_COUNT; g++)
		for (const struct action_info *a = action_table; a->name; a++) {
			if (a->group != (enum action_group)g)
				continue;
			char keys[96];
			add(out, keymap_keys_text(&ctx->settings->keymap, a->action, keys, sizeof(keys)), a->name,
			    a->help, action_group_names[g]);
		}
	static const char config_group[] = "Config file: ~/.config/pairoff/config.ini (pairoff --help-config)";
	char name[64];
	const char *values, *help;
	for (size_t i = 0; settings_key_info(i, name, sizeof(name), &values, &help); i++) {
		char *text = xasprintf("%s  (%s)", help, values);
		add(out, name, "config", text, config_group);
		free(text);
	}
	add(out, "[keys] ACTION", "config", "the keys of an action, by the names above: move-down = j Down",
	    config_group);
	add_legends(ctx, out);
	view_ascii_rows(ctx, out);   /* the legends' arrows, the sort triangles */
	return ST_OK;
}

static const char *help_group(void *ctx, size_t row)
{
	return view_cell(ctx, row, "group");
}

static void help_header(struct view_ctx *ctx, struct view *v, WINDOW *w, int width)
{
	(void)v;
	draw_cell(w, "Keys (q or Esc closes this help)", width, false, ctx->attrs[ROLE_HEADER]);
}

static int keys_width(int width)
{
	return width >= 60 ? 24 : width / 3;
}

/* Appends row r of full with its help text in lines of at most text_w
 * columns, cut at spaces; the lines after the first have no keys. */
static void add_wrapped(struct qtable *out, const struct qtable *full, size_t r, int text_w)
{
	const char *rest = qtable_get(full, r, 2), *keys = qtable_get(full, r, 0);
	const char *name = qtable_get(full, r, 1), *group = qtable_get(full, r, 3);
	do {
		size_t len = strlen(rest ? rest : "");
		if (rest && text_width(rest) > text_w) {
			len = text_fit(rest, text_w, NULL);
			size_t space = len;
			while (space > 0 && rest[space] != ' ')
				space--;
			len = space > 0 ? space : len;
		}
		char *line = rest ? xstrndup(rest, len) : NULL;
		add(out, keys, name, line, group);
		free(line);
		keys = "";
		rest = rest ? rest + len + strspn(rest + len, " ") : NULL;
	} while (rest && *rest);
}

/* Wraps the help texts to the width, so that no meaning is cut off. */
static void help_layout(struct view_ctx *ctx, struct view *v, int width)
{
	int text_w = width - 2 - keys_width(width);
	if (text_w < 12)
		return;
	struct qtable full, wrapped;
	help_load(ctx, v, NULL, &full);
	qtable_init(&wrapped, 4, help_headers);
	for (size_t r = 0; r < full.nrows; r++)
		add_wrapped(&wrapped, &full, r, text_w);
	qtable_free(&full);
	view_replace_rows(v, &wrapped, "help");
}

static void help_draw_row(struct view_ctx *ctx, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	(void)ctx;
	int keys_w = keys_width(width);
	draw_spaces(w, 2, base);
	draw_cell(w, view_cell(v, row, "keys"), keys_w, false, base | A_BOLD);
	draw_cell(w, view_cell(v, row, "help"), width - 2 - keys_w, false, base);
}

const struct view_ops help_ops = {
	.name = "help",
	.hint = "j/k scroll  f filter  q/Esc close",
	.load = help_load,
	.header = help_header,
	.draw_row = help_draw_row,
	.group = help_group,
	.layout = help_layout,
	.no_cache = true,
};
