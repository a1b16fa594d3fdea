#ifndef PAIROFF_PATHS_H
#define PAIROFF_PATHS_H

/* Where things are: the bundled data (installed under $(pkgdatadir), or the
 * source tree's data/ when the binary runs from its build tree), the default
 * store and the config file (XDG base directories). Returned strings are owned
 * by the caller. */

char *paths_data_dir(void);          /* $PAIROFF_DATADIR, build tree, or pkgdatadir */
char *paths_reports_dir(void);       /* <data>/reports */
char *paths_gazetteer(void);         /* <data>/regions (a directory of *.ini) */
char *paths_default_db(void);        /* $PAIROFF_DB, else $XDG_DATA_HOME/pairoff/pairoff.db */
char *paths_default_config(void);    /* $XDG_CONFIG_HOME/pairoff/config.ini */
char *paths_state_file(const char *name);  /* $XDG_STATE_HOME/pairoff/NAME (~/.local/state) */

/* "~/x" as a shell means it: $HOME/x (when $HOME is set and not empty);
 * any other path copied as it is. Owned. */
char *paths_expand_home(const char *path);
/* The directory part of path ("." for a bare name, "/" at the root). Owned. */
char *paths_dir_of(const char *path);

/* The files of dir whose names end with suffix (".ini"), hidden ones
 * aside, as paths "dir/name" sorted by name in byte order: an owned array
 * of *count owned strings, for paths_free_list. NULL with errno when dir
 * cannot be read; an empty array when nothing matches. */
char **paths_dir_files(const char *dir, const char *suffix, size_t *count);
void paths_free_list(char **list, size_t count);

const char *paths_tmp_dir(void);     /* $TMPDIR, else /tmp (not owned) */
/* Removes a directory of ours and the files in it (one level, no links
 * followed). */
void paths_remove_tree(const char *dir);

/* Creates the directory of file_path and its parents (mode 0700 for new ones).
 * *created (when not NULL) receives the topmost directory it made (owned), or
 * NULL when all were there. Returns 0, or -1 with errno. */
int paths_make_parent(const char *file_path, char **created);
/* Removes the directories paths_make_parent made for file_path, from the
 * file's own up to created, each only if it is empty (a failed import). */
void paths_remove_created(const char *file_path, const char *created);

#endif
