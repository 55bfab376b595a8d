/* embed.h - files compiled into the binary by tools/embed.py. */
#ifndef GP_EMBED_H
#define GP_EMBED_H
#include <stddef.h>

struct embedded_file {
    const char *name;
    const unsigned char *data; /* NUL-terminated for convenience */
    size_t len;
};

/* Looks NAME up in a zero-terminated table; NULL when absent. */
const struct embedded_file *embed_find(const struct embedded_file *table, const char *name);

extern const struct embedded_file embedded_static[];
extern const struct embedded_file embedded_migrations[];    /* sqlite/ */
extern const struct embedded_file embedded_pg_migrations[]; /* pg/ */
extern const struct embedded_file embedded_registry_migrations[]; /* registry/ (pg) */
extern const struct embedded_file embedded_catalogs[];
extern const struct embedded_file embedded_scans[];

#endif
