/* site.h - a multi-organisation site's own pages and its step before every
 * request (web/site.c). */
#ifndef GP_WEB_SITE_H
#define GP_WEB_SITE_H
#include "web/pages.h"

/* Before the caller is identified: points req->db at the organisation of
 * the caller's session or token (the registry when there is none) and sets
 * req->org, org_name, choosing and sector. False on a storage error. */
bool site_enter(request *req);
/* Points req->db at the organisation site_enter found for REQ again (the
 * registry when none), whatever other requests on the same connection did
 * meanwhile; false on a storage error. */
bool site_reenter(request *req);
/* Answers what belongs to the site rather than an organisation (choosing
 * one, the sector reports) and sends a caller who has not chosen yet to the
 * choice; true when it answered. */
bool site_dispatch(request *req, response *resp);
/* True when the caller's session is of a login with more than one
 * organisation on the site (the switch is offered to them only); false
 * otherwise or when the database failed. */
bool site_several_orgs(request *req);
/* On a 404 page for a person with several organisations on a site: says
 * which organisation they work in and offers the switch, which then opens
 * the same address (an address kept from before a switch, another tab). */
void site_switch_hint(request *req, response *resp);
/* What a form opened for organisation MADE_IN, sent after its person
 * switched to another, is told (409): both organisations by name when
 * MADE_IN is one of the session's own (not otherwise: a made-up form must
 * not learn the site's organisations). In REQ's arena; NULL when out of
 * memory. */
const char *site_form_elsewhere(request *req, const char *made_in);
/* Points REQ at organisation ORG of the site, whoever the caller is: for
 * the public addresses that name their organisation (a calendar feed, a
 * badge), which must show that organisation's data with or without a
 * cookie of another. On a single organisation (serve --org) only its own
 * slug is one; a SQLite file has none. 1 when done, 0 when ORG is no
 * organisation served here, -1 on a storage error. */
int site_serve_org(request *req, const char *org);
/* The place of a request before site_serve_org moved it (see site_serve_back). */
typedef struct site_place {
    const char *org, *org_name;
} site_place;
site_place site_place_of(const request *req);
/* Points REQ back at PLACE, where it was before a public address named an
 * organisation: what such an address answers when it finds nothing must
 * look the same whether the named organisation exists or not (its name in
 * the page's header would tell). False on a storage error. */
bool site_serve_back(request *req, site_place place);
/* On a site: the organisation that holds public address PUBLIC_ID of KIND
 * (see orgs_holding_address), found in the site's registry, confirmed by
 * asking it, with REQ pointed at it, whether it HOLDS what CTX names
 * (STORE_ROW: yes; STORE_DONE, or an organisation that fails to answer:
 * no); REQ is left at it, as site_serve_org does, or pointed back where it
 * was when none does. For the public addresses that do not name their
 * organisation (given out by serve --org, or before addresses named it).
 * STORE_ROW when one holds it, STORE_DONE when none, STORE_ERROR on a
 * storage error. */
int site_find_org(request *req, const char *kind, const char *public_id,
                  int (*holds)(request *req, void *ctx), void *ctx);

#endif
