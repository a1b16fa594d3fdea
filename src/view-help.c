#include "config.h"

/* The help screen, generated from the action table (so it lists exactly the
 * bindings that work), followed by the config keys and the legend. */

#include <stdlib.h>
#include <string.h>

#include "pairoff/util.h"
#include "pairoff/view.h"

static const char *const help_headers[] = { "keys", "action", "help", "group" };

static void add(struct qtable *out, const char *keys, const char *name, const char *help, const char *group)
{
	const char *cells[] = { keys, name, help, group };
	qtable_add_row(out, cells);
}

static const struct {
	const char *key, *values, *help;
} config_keys[] = {
	{ "[ui] unit", "yuan | wan | million", "money unit at start (u cycles)" },
	{ "[ui] color", "true | false", "colours (NO_COLOR in the environment turns them off)" },
	{ "[ui] theme", "default | mono | light", "colour theme" },
	{ "[ui] mouse", "true | false", "click selects, wheel scrolls (or --mouse)" },
	{ "[ui] start_pane", "provinces | partners | funds", "pane focused at start" },
	{ "[store] path", "FILE", "the store (or --db, $PAIROFF_DB)" },
};

static const struct {
	const char *mark, *meaning;
} legend[] = {
	{ "~12.5", "approximate figure (\"more than\", \"nearly\", ...)" },
	{ "2001-2009", "a multi-year total, kept apart from the yearly bars" },
	{ "total", "a year counted once: figures naming the recipient itself, else those of the places under it" },
	{ "A \u2192 B", "a pair: A (east) helps B (west)" },
};

static enum status help_load(struct tui *t, struct view *v, const char *key, struct qtable *out)
{
	(void)t;
	(void)v;
	(void)key;
	qtable_init(out, 4, help_headers);
	for (int g = 0; g < GROUP_COUNT; g++)
		for (const struct action_info *a = action_table; a->name; a++) {
			if (a->group != (enum action_group)g)
				continue;
			char keys[64];
			add(out, action_keys_text(a, keys, sizeof(keys)), a->name, a->help, action_group_names[g]);
		}
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++) {
		char *text = xasprintf("%s  (%s)", config_keys[i].help, config_keys[i].values);
		add(out, config_keys[i].key, "config", text, "Config file: ~/.config/pairoff/config.ini");
		free(text);
	}
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		add(out, legend[i].mark, "legend", legend[i].meaning, "Legend");
	return ST_OK;
}

static const char *help_group(void *ctx, size_t row)
{
	return view_cell(ctx, row, "group");
}

static void help_header(struct tui *t, struct view *v, WINDOW *w, int width)
{
	(void)v;
	draw_cell(w, "Keys (q or Esc closes this help)", width, false, t->attrs[ROLE_HEADER]);
}

static void help_draw_row(struct tui *t, struct view *v, WINDOW *w, size_t row, int width, attr_t base)
{
	(void)t;
	int keys_w = width >= 60 ? 24 : width / 3;
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
	.no_cache = true,
};
