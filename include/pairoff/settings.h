#ifndef PAIROFF_SETTINGS_H
#define PAIROFF_SETTINGS_H

/* User configuration: $XDG_CONFIG_HOME/pairoff/config.ini or --config PATH,
 * read through src/ini.c (the INI reader the gazetteer uses too), with one
 * declarative option table. A missing file is fine; a malformed file, an unknown key or a bad
 * value gets a warning "pairoff: FILE:LINE: ..." and the default is kept. */

#include <stdbool.h>
#include <stdio.h>

#include "pairoff/action.h"
#include "pairoff/money.h"
#include "pairoff/status.h"

enum start_pane { PANE_PROVINCES, PANE_PARTNERS, PANE_FUNDS };
/* How the browser names places: in English, in Chinese, or both ("Yunnan 云南"). */
enum names_mode { NAMES_EN, NAMES_ZH, NAMES_BOTH, NAMES_COUNT };

struct settings {
	char *db_path;            /* owned, may be NULL; [store] path */
	char *gazetteer_path;     /* owned, may be NULL; [store] gazetteer */
	enum money_unit unit;     /* [ui] unit = yuan | wan | million */
	bool mouse;               /* [ui] mouse = true | false */
	bool color;               /* [ui] color = true | false (NO_COLOR also turns it off) */
	char *theme;              /* owned; [ui] theme = default | mono | light */
	enum start_pane start_pane; /* [ui] start_pane = provinces | partners | funds */
	enum names_mode names;    /* [ui] names = en | zh | both */
	int query_time_limit;     /* [store] query_time_limit = seconds a query may take */
	char *indicator;          /* owned; [ui] indicator = none | cadres | trained | ...: the
	                           * count the provinces pane shows beside the money */
	char *start_at;           /* owned, may be NULL; [ui] start_at = a path as
	                           * --at takes it, where the browser opens */
	struct keymap keymap;     /* [keys]: the table's bindings, changed by the config */
};

void settings_defaults(struct settings *st);
/* Loads path over the defaults already in *st. A missing file is ST_OK unless
 * must_exist (the user named it with --config). Warnings go to warn_fp. */
enum status settings_load(struct settings *st, const char *path, bool must_exist, FILE *warn_fp);
void settings_free(struct settings *st);

/* --help-config: the config in force as a config file, every key with its
 * value (or commented out when unset), what it takes and its default in a
 * comment above it, then the [keys] section, every action with its keys;
 * source says where the values come from. */
void settings_print(FILE *fp, const struct settings *st, const char *source);

/* The i-th config key for the help screen: "[ui] unit", what it takes,
 * what it does; false past the last. */
bool settings_key_info(size_t i, char *key, size_t key_size, const char **values, const char **help);

#endif
