/* site.h - what a multi-organisation site (PostgreSQL, DESIGN §6) keeps
 * above its organisations: which organisation a session or token works in,
 * and who belongs to which. Every statement names the registry's tables in
 * full, so it runs on a connection to any organisation of the site. */
#ifndef GP_STORE_SITE_H
#define GP_STORE_SITE_H
#include "store/orgs.h"

typedef struct membership {
    const char *org, *name, *role;
} membership;

/* The organisation of the session or API token with TOKEN_HASH: STORE_ROW
 * with *ORG and its *NAME (in A; both NULL while a session has not chosen
 * one), the number of organisations its login has a role in (*ORGS) and,
 * for a session that lost the organisation it was in, that one's name
 * (*LOST, else NULL); or STORE_DONE when no such session or token is alive. */
int site_token_org(store *db, arena *a, const char *token_hash, bool bearer, const char **org,
                   const char **name, int *orgs, const char **lost);
/* Points DB at organisation ORG of its site (NULL: the registry itself),
 * for the statements that follow; the store's way to serve many
 * organisations on one connection. */
int store_use_org(store *db, const char *org);
/* The organisations the person of session TOKEN_HASH belongs to, by name. */
int site_memberships(store *db, arena *a, const char *token_hash, membership **list, size_t *n);
/* Moves session TOKEN_HASH to organisation ORG, ACTOR's choice, written in
 * the site's audit log; STORE_DONE when its person does not belong to ORG
 * (nothing changes). */
int site_session_choose(store *db, const char *actor, const char *token_hash, const char *org);
/* Adds the site's existing LOGIN to the organisation DB works for, with
 * ROLE and EMPLOYEE (a number or NULL): STORE_DONE when there is no such
 * login or it is a sector account (always on a SQLite file),
 * STORE_CONSTRAINT when they belong to it already. */
int site_grant(store *db, const char *actor, const char *login, const char *role,
               const char *employee_number);

/* Ends the sessions of LOGIN (an account of the organisation DB works for)
 * that have not chosen an organisation yet: they belong to none, so an
 * organisation's own sessions leave them (a password reset). STORE_OK on a
 * SQLite file, which has no such sessions. */
int site_end_unchosen_sessions(store *db, const char *login);
/* 1 when LOGIN belongs to another organisation of the site besides the one
 * DB serves (its password is then the person's everywhere), 0 when not
 * (always on a SQLite file), -1 on error. */
int site_login_shared(store *db, const char *login);

/* The registry's name of the organisation DB serves on a site (in A), or
 * NULL (also on a SQLite file, which has no site). */
const char *site_org_name(store *db, arena *a);
/* On a site, gives the organisation DB serves the name NAME in the
 * registry (its switcher, org list, sector reports), in the caller's
 * transaction, with a line in the site's log by ACTOR: the name setting
 * and the registry's name are one (settings_set calls this). STORE_OK when
 * the name is the same, and on a SQLite file, which has no site. */
int site_rename_org(store *db, const char *actor, const char *name);
/* The password hash of the site's account LOGIN: STORE_ROW with *HASH (in
 * A), STORE_DONE when the site has no such account (and always on a SQLite
 * file, which has no site). */
int site_account_hash(store *db, arena *a, const char *login, const char **hash);
/* Makes LOGIN (with PASSWORD_HASH) an account of the site that reads only
 * the sector reports; STORE_CONSTRAINT when the login is taken. */
int site_sector_account_add(store *db, const char *actor, const char *login,
                            const char *password_hash);

/* STORE_ROW when LOGIN is a sector account of the site, STORE_DONE when it
 * is another account or none. */
int site_is_sector_account(store *db, const char *login);

/* What an organisation adds to a sector report of YEAR by DIMENSION, as
 * app/sector.c wrote it for the data version it was computed at
 * (migration 011): STORE_ROW with *FIGURES in A when it is kept for the
 * data's present version, STORE_DONE when not (never computed, or the data
 * changed since). A cache, not the organisation's data: it is written
 * without an audit line and without moving the data version. */
int sector_figures_get(store *db, int year, int dimension, arena *a, const char **figures);
/* Keeps FIGURES of YEAR by DIMENSION, computed at data version VERSION
 * (read before the figures were), in a transaction of its own. */
int sector_figures_put(store *db, int year, int dimension, int64_t version, const char *figures);

#endif
