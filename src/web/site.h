/* site.h - a multi-organisation site's own pages and its step before every
 * request (web/site.c). */
#ifndef GP_WEB_SITE_H
#define GP_WEB_SITE_H
#include "web/pages.h"

/* Before the caller is identified: points req->db at the organisation of
 * the caller's session or token (the registry when there is none) and sets
 * req->org, org_name, choosing and sector. False on a storage error. */
bool site_enter(request *req);
/* Answers what belongs to the site rather than an organisation (choosing
 * one, the sector reports) and sends a caller who has not chosen yet to the
 * choice; true when it answered. */
bool site_dispatch(request *req, response *resp);
/* Points REQ at organisation ORG of the site, whoever the caller is: for
 * the public addresses that name their organisation (a calendar feed, a
 * badge), which must show that organisation's data with or without a
 * cookie of another. 1 when done, 0 when ORG is no organisation of the
 * site (or this is no site), -1 on a storage error. */
int site_serve_org(request *req, const char *org);

#endif
