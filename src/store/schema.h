/* schema.h - which tables a database's migrations made: so that a backup,
 * a restore or init tells a complete schema from one that lost a table
 * (the line in schema_migrations alone says nothing about that).
 *
 * Inside store/ only: the backends give the names they find in their own
 * catalogue, this file says which of the expected ones is not among them. */
#ifndef GP_STORE_SCHEMA_H
#define GP_STORE_SCHEMA_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/embed.h"
#include "util/str.h"

/* The tables that the migrations of MIGRATIONS (their names start with
 * their number) whose numbers are among APPLIED (N_APPLIED numbers) leave
 * behind, in the order the migrations made them: each CREATE TABLE adds
 * one, DROP TABLE and ALTER TABLE ... RENAME TO take one away or rename it
 * (a temporary table is none). The names, lower case, go to the arena array
 * *NAMES of *N in A; false when out of memory. */
bool schema_tables(const struct embedded_file *migrations, const int64_t *applied,
                   size_t n_applied, arena *a, const char ***names, size_t *n);

/* Checks PRESENT (N_PRESENT table names, as the database's catalogue gives
 * them) against schema_tables: 1 when every expected table is there, 0 when
 * one is not (its name, the first in migration order, put in MISSING), -1
 * when out of memory. */
int schema_missing_table(const struct embedded_file *migrations, const int64_t *applied,
                         size_t n_applied, const char *const *present, size_t n_present,
                         str *missing);

/* The number of the newest of MIGRATIONS (their names start with it). */
int schema_newest(const struct embedded_file *migrations);
/* When a schema at APPLIED (its newest migration) is newer than
 * MIGRATIONS know, the message that says so into MSG, naming it as WHAT
 * ("this database", "organisation acme"), and true: a groeipad older than
 * the one that migrated it must not write in it (what the newer one keeps
 * in step, such as a site's public addresses, would go astray). */
bool schema_too_new(const struct embedded_file *migrations, int applied, const char *what,
                    str *msg);

#endif
