/* orgs.h - the organisations of a PostgreSQL site (DESIGN §6).
 *
 * A site's registry lists its organisations; each has the schema
 * org_<slug> with the same tables as a SQLite file. A SQLite file holds one
 * organisation and has no registry: these functions then fail with a
 * message saying so. */
#ifndef GP_STORE_ORGS_H
#define GP_STORE_ORGS_H
#include "core/settings.h"
#include "store/store.h"

typedef struct organisation {
    const char *slug, *name, *created_at;
} organisation;

/* True when SLUG is 1 to 40 of a-z, 0-9 and '_' (it names a schema). */
bool org_slug_valid(const char *slug);
/* True when NAME can name an organisation: 1 to ORG_NAME_MAX characters of
 * UTF-8 (what the database stores), none a control character (org list
 * separates its columns by a tab and its lines by a newline), and not only
 * spaces. */
bool org_name_valid(const char *name);
/* 1 when the site DB (a site or organisation connection) registers SLUG,
 * 0 when not (or when the site has no registry yet), -1 on error. */
int orgs_exists(store *db, const char *slug);
/* Registers SLUG with NAME and makes its schema, in one transaction (the
 * schema's tables come with store_migrate on a connection to it).
 * STORE_CONSTRAINT when SLUG is taken. */
int orgs_add(store *db, const char *slug, const char *name);
/* How many employees organisation SLUG holds (EMPLOYEES NULL: not
 * counted, a scan of its people) and how many logins have a role in it:
 * for the question before it is removed, and restore's count of roles
 * given back. */
int orgs_size(store *db, const char *slug, int64_t *employees, int64_t *logins);
/* The logins that have a role in organisation SLUG and in no other, by
 * login, into *LOGINS (arena A): those that belong nowhere once it is
 * removed. */
int orgs_only_logins(store *db, arena *a, const char *slug, const char ***logins, size_t *n);
/* Removes organisation SLUG in one transaction: its schema with every
 * table, and its memberships, sessions and API tokens (its logins stay: a
 * login may belong to other organisations too); the registry's audit log
 * says who. STORE_DONE when the site has no such organisation. */
int orgs_remove(store *db, const char *actor, const char *slug);
/* The name of organisation SLUG (in A), or NULL. */
const char *orgs_name(store *db, arena *a, const char *slug);
/* Every registered organisation, by slug, into *ORGS (arena A). */
int orgs_list(store *db, arena *a, organisation **orgs, size_t *n);
/* The organisations the site's registry names as holding the public
 * address PUBLIC_ID of KIND ("badge": a badge's public id, "calendar": a
 * feed's token), by slug, into *SLUGS (arena A): one, nearly always (a
 * backup restored into a second organisation holds the same ids); none for
 * an address nobody gave out. A hint, to be confirmed by the organisation
 * itself (registry/002_public_addresses.sql). */
int orgs_holding_address(store *db, arena *a, const char *kind, const char *public_id,
                         const char ***slugs, size_t *n);
/* On a site, notes in its registry, in the caller's transaction, that the
 * organisation DB works for holds public address PUBLIC_ID of KIND, and no
 * longer GONE (its former one, or NULL). On a SQLite file, which holds every
 * address it gives out, nothing to do: STORE_OK. */
int orgs_keep_address(store *db, const char *kind, const char *gone, const char *public_id);

#endif
