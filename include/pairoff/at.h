#ifndef PAIROFF_AT_H
#define PAIROFF_AT_H

/* Where the browser is (src/tui-at.c). */

#include <stdbool.h>

#include "pairoff/status.h"

struct store;
struct tui;
struct view;

/* A place in the browser that pairoff --at PATH names: a province, a pair
 * of provinces (or of places under them, "DONOR->RECIPIENT"), a year of a
 * pair's funds, or a place's screen. Names canonical, strings owned. */
struct at_target {
	char *province;           /* the provinces pane's row, NULL for a place */
	char *partner;            /* the partners pane's partner province, or NULL */
	char *donor, *recipient;  /* a pair row under the partner, or NULL */
	int year;                 /* the funds pane's year, 0 for none */
	char *place;              /* a place's screen: its label, or NULL */
};
/* Resolves path with the look-ups' own names and aliases, before anything
 * is drawn; the status and its detail as the look-up gives them ("did you
 * mean ...") when a part names nothing there. */
enum status at_resolve(struct store *s, const char *path, struct at_target *out);
void at_target_free(struct at_target *at);
/* The path of where the browser is, as at_resolve takes it (owned). */
char *at_path(struct tui *t);
/* Selects what at names in pane 0..2 (province, pair, year); false when at
 * names nothing in that pane (the main loop fills the panes right of it
 * in between, and opens a place's screen itself). */
bool at_select(struct view *const column[3], const struct at_target *at, int pane);

#endif
