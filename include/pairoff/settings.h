#ifndef PAIROFF_SETTINGS_H
#define PAIROFF_SETTINGS_H

/* User configuration: $XDG_CONFIG_HOME/pairoff/config.ini or --config PATH,
 * read through src/ini.c (the INI reader the gazetteer uses too), with one
 * declarative option table. A missing file is fine; a malformed file, an unknown key or a bad
 * value gets a warning "pairoff: FILE:LINE: ..." and the default is kept. */

#include <stdbool.h>
#include <stdio.h>

#include "pairoff/money.h"
#include "pairoff/status.h"

enum start_pane { PANE_PROVINCES, PANE_PARTNERS, PANE_FUNDS };

struct settings {
	char *db_path;            /* owned, may be NULL; [store] path */
	char *gazetteer_path;     /* owned, may be NULL; [store] gazetteer */
	enum money_unit unit;     /* [ui] unit = yuan | wan | million */
	bool mouse;               /* [ui] mouse = true | false */
	bool color;               /* [ui] color = true | false (NO_COLOR also turns it off) */
	char *theme;              /* owned; [ui] theme = default | mono | light */
	enum start_pane start_pane; /* [ui] start_pane = provinces | partners | funds */
	int query_time_limit;     /* [store] query_time_limit = seconds a query may take */
	char *indicator;          /* owned; [ui] indicator = none | cadres | trained | ...: the
	                           * count the provinces pane shows beside the money */
};

void settings_defaults(struct settings *st);
/* Loads path over the defaults already in *st. A missing file is ST_OK unless
 * must_exist (the user named it with --config). Warnings go to warn_fp. */
enum status settings_load(struct settings *st, const char *path, bool must_exist, FILE *warn_fp);
void settings_free(struct settings *st);

/* One line per key, for --help-config and the man page check. */
void settings_print_keys(FILE *fp);

#endif
