#include "config.h"
/* STUB: placeholder until the module is written; replace whole. */
#include "pairoff/paths.h"
#include <stdlib.h>
#include "pairoff/util.h"
char *paths_data_dir(void) { return xstrdup(PAIROFF_SRC_DATADIR); }
char *paths_reports_dir(void) { return xstrdup(PAIROFF_SRC_DATADIR "/reports"); }
char *paths_gazetteer(void) { return xstrdup(PAIROFF_SRC_DATADIR "/regions.ini"); }
char *paths_default_db(void) { return NULL; }
char *paths_default_config(void) { return NULL; }
int paths_make_parent(const char *file_path) { (void)file_path; return -1; }
