/* site.c - the pages of a multi-organisation site (PostgreSQL, DESIGN §6):
 * which organisation a caller works in, choosing one after login
 * (GET/POST /orgs), and the sector reports for sector accounts
 * (/api/v1/sector/...). On a single organisation (a SQLite file, or
 * serve --org) none of this runs. */
#include "web/site.h"
#include "web/server.h"
#include "app/sector.h"
#include <stdio.h>
#include "store/site.h"
#include "util/crypto.h"
#include "util/i18n.h"
#include "core/labels.h"
#include "web/auth.h"
#include <stdlib.h>
#include <string.h>

/* True when the caller comes with a bearer token (an API client); any other
 * Authorization (a proxy's Basic) leaves it to its session cookie. */
static bool has_bearer(const request *req)
{
    return request_bearer(req) != NULL;
}

/* The caller's token (a bearer token or the session cookie) hashed into
 * HASH; false when there is none. */
static bool caller_token(const request *req, char hash[TOKEN_HEX_SIZE], bool *bearer)
{
    *bearer = has_bearer(req);
    const char *token = *bearer ? request_bearer(req) : params_get(&req->cookies, "gp_session");
    if (!token || !*token)
        return false;
    token_hash(token, hash);
    return true;
}

/* True when the account of the site's token (a bearer token or a session)
 * may read the sector reports. */
static bool sector_account(request *req, const char *hash, bool bearer)
{
    stmt *s = store_prepare(req->db, bearer ? "SELECT a.sector FROM registry.api_tokens t JOIN "
                                              "registry.accounts a ON a.id = t.user_id WHERE "
                                              "t.token_hash = ? AND t.org IS NULL"
                                            : "SELECT a.sector FROM registry.sessions t JOIN "
                                              "registry.accounts a ON a.id = t.user_id WHERE "
                                              "t.token_hash = ? AND t.org IS NULL");
    if (!s)
        return false;
    stmt_bind_text(s, 1, hash);
    bool yes = stmt_step(s) == STORE_ROW && stmt_int(s, 0) == 1;
    stmt_done(s);
    return yes;
}

bool site_enter(request *req)
{
    char hash[TOKEN_HEX_SIZE];
    bool bearer;
    const char *org = NULL, *name = NULL, *lost = NULL;
    int orgs = 0;
    int found = caller_token(req, hash, &bearer)
                    ? site_token_org(req->db, req->a, hash, bearer, &org, &name, &orgs, &lost)
                    : STORE_DONE;
    if (found == STORE_ERROR || store_use_org(req->db, org) != STORE_OK)
        return false;
    req->org = org;
    req->org_name = name;
    req->orgs = orgs;
    req->sector = found == STORE_ROW && !org && sector_account(req, hash, bearer);
    req->choosing = found == STORE_ROW && !org && !bearer && !req->sector;
    req->lost_org = req->choosing ? lost : NULL;
    return true;
}

bool site_reenter(request *req)
{
    return store_use_org(req->db, req->org) == STORE_OK;
}

/* GET /orgs: the organisations the caller belongs to, one button each; with
 * exactly one, it is chosen at once. */
static void orgs_page(request *req, response *resp, membership *list, size_t n)
{
    const char *next = safe_next(req, params_get(&req->query, "next"));
    page_begin(req, resp, _("Choose an organisation"));
    if (req->lost_org) {
        str lost = STR_INIT;
        str_printf(&lost, _("You no longer have a role in %s, the organisation you were working "
                            "in. Choose one of yours."), req->lost_org);
        html_printf(&resp->body, "<p class=\"warning\" role=\"alert\">%s</p>",
                    str_ok(&lost) ? str_cstr(&lost) : "");
        str_free(&lost);
    }
    if (params_get(&req->query, "refused"))
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>",
                    _("Your login does not belong to that organisation. Choose one of yours."));
    if (n == 0)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your login belongs to no organisation on this site yet. Ask the site's "
                      "administrator to add you."));
    else if (n == 1)
        html_printf(&resp->body, "<p>%s</p><ul class=\"orgs\">",
                    _("You work for one organisation of this site."));
    else
        html_printf(&resp->body, "<p>%s</p><ul class=\"orgs\">",
                    _("You work for several organisations. Which one now? You can switch at "
                      "any time from the top of every page."));
    for (size_t i = 0; i < n; i++) {
        html_raw(&resp->body, "<li>");
        form_open(req, resp, "action=\"/orgs\"");
        html_printf(&resp->body, "<input type=\"hidden\" name=\"org\" value=\"%s\">"
                                 "<input type=\"hidden\" name=\"next\" value=\"%s\">"
                                 "<button>%s</button> <span>%s</span>%s</form></li>",
                    list[i].org, next, list[i].name, _(role_label(role_from_name(list[i].role))),
                    req->org && strcmp(req->org, list[i].org) == 0 ? _(" (chosen now)") : "");
    }
    if (n)
        html_raw(&resp->body, "</ul>");
    page_end(req, resp);
}

/* POST /orgs (or GET /orgs with one organisation): moves the session to
 * the organisation chosen, then on to NEXT (the form's or the query's). */
static void orgs_choose(request *req, response *resp, const char *org, const char *next)
{
    next = safe_next(req, next);
    int rc = store_begin(req->db);
    if (rc == STORE_OK)
        rc = site_session_choose(req->db, req->user.login, req->session_hash, org);
    rc = store_end(req->db, rc);
    if (rc == STORE_DONE || rc == STORE_OK)
        response_redirect(req, resp, rc == STORE_OK ? next : "/orgs?refused=1");
    else
        respond_error(req, resp, 500, NULL);
}

static void orgs_route(request *req, response *resp)
{
    if (!req->authenticated || req->by_token || !req->session_hash) {
        response_redirect(req, resp, "/login?next=/orgs");
        return;
    }
    membership *list;
    size_t n;
    if (site_memberships(req->db, req->a, req->session_hash, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    bool post = strcmp(req->method, "POST") == 0;
    if (post && !auth_session_csrf_ok(req)) { /* switching back from an older tab too */
        respond_error(req, resp, 403, _("The form has expired or did not come from this site. "
                                        "Please try again."));
        return;
    }
    /* One organisation is chosen at once, unless the person has just lost
     * the other: they are told so first (orgs_page). */
    const char *org = post ? params_get(&req->form, "org")
                           : (n == 1 && !req->lost_org ? list[0].org : NULL);
    if (org && (post || req->choosing))
        orgs_choose(req, resp, org, params_get(post ? &req->form : &req->query, "next"));
    else
        orgs_page(req, resp, list, n);
}

/* GET /api/v1/sector/participation?year=Y&by=DIM[&min_group=N] and
 * /api/v1/sector/social-balance?year=Y, for a sector account's token. */
static void sector_route(request *req, response *resp, const char *which)
{
    if (!req->sector) {
        /* known but not a sector account: forbidden; unknown: log in */
        respond_error(req, resp, req->authorization || req->authenticated ? 403 : 401, NULL);
        return;
    }
    sector_query q = {0};
    q.kind = (report_kind)report_kind_find(which);
    const char *year = params_get(&req->query, "year"), *by = params_get(&req->query, "by");
    const char *min = params_get(&req->query, "min_group");
    q.year = year ? atoi(year) : 0;
    q.min_group = min ? atoi(min) : 0;
    q.dimension = by ? dimension_find(by) : -1;
    if (q.kind == REPORT_PARTICIPATION && q.dimension < 0) {
        respond_error(req, resp, 400, _("a dimension: gender, age, education, category, "
                                        "contract, department, function, origin or disability"));
        return;
    }
    str json = STR_INIT, err = STR_INIT;
    int rc = sector_report(req->db, &q, &json, &err);
    if (rc == REPORT_OK) {
        resp->status = 200;
        resp->content_type = "application/json";
        str_append(&resp->body, json.p ? json.p : "", json.len);
    } else if (rc == REPORT_BAD_REQUEST) {
        respond_error(req, resp, 400, str_cstr(&err));
    } else {
        /* The server's log gets what failed (an organisation's slug, the
         * database's words); the caller, who reads aggregates only, not. */
        server_log(N_("sector report: %s"), str_cstr(&err));
        respond_error(req, resp, 500, NULL);
    }
    str_free(&json);
    str_free(&err);
}

/* /account for a sector account: its password, nothing of an organisation
 * (the form's token is the session's, as on /orgs). */
static void sector_account_route(request *req, response *resp)
{
    if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
        page_account(req, resp);
    else if (strcmp(req->method, "POST") != 0)
        respond_error(req, resp, 405, NULL);
    else if (!auth_session_csrf_ok(req))
        respond_error(req, resp, 403, _("The form has expired or did not come from this site. "
                                        "Please try again."));
    else
        page_account_post(req, resp);
}

/* The paths a caller who has not chosen an organisation may still reach. */
static bool open_while_choosing(const char *path)
{
    return strcmp(path, "/login") == 0 || strcmp(path, "/logout") == 0 ||
           strcmp(path, "/language") == 0 ||
           strcmp(path, "/healthz") == 0 || strncmp(path, "/static/", 8) == 0 ||
           strcmp(path, "/api/v1/openapi.json") == 0;
}

bool site_dispatch(request *req, response *resp)
{
    bool by_token = has_bearer(req);
    if (strcmp(req->path, "/sector") == 0 && !req->authenticated) {
        response_redirect(req, resp, "/login?next=/sector");
        return true;
    }
    if (strcmp(req->path, "/orgs") == 0 && !(req->sector && !by_token)) {
        orgs_route(req, resp);
        return true;
    }
    if (strncmp(req->path, "/api/v1/sector/", 15) == 0) {
        sector_route(req, resp, req->path + 15);
        return true;
    }
    /* A sector account reads the sector reports, nothing else: by token the
     * API, logged in the page (and the login's own pages). */
    if (req->sector && !by_token && strcmp(req->path, "/sector") == 0) {
        page_sector(req, resp);
        return true;
    }
    if (req->sector && !by_token && strcmp(req->path, "/account") == 0) {
        sector_account_route(req, resp);
        return true;
    }
    /* A script holding a browser's cookie gets JSON, as with a token: a
     * redirect to a page would answer it with HTML. */
    bool open = open_while_choosing(req->path), api = request_is_api(req);
    if (req->sector && (by_token || api) && !open) {
        respond_error(req, resp, 403, _("A sector account reads the sector reports only "
                                        "(/api/v1/sector/...)."));
        return true;
    }
    if (req->sector && !by_token && !open) {
        response_redirect(req, resp, "/sector");
        return true;
    }
    if (req->choosing && api && !open) {
        respond_error(req, resp, 409, _("Choose an organisation first, on /orgs."));
        return true;
    }
    if (req->choosing && !open) {
        const char *loc = next_address(req, "/orgs?next=");
        response_redirect(req, resp, loc ? loc : "/orgs");
        return true;
    }
    return false;
}

bool site_several_orgs(request *req)
{
    return req->site && req->session_hash && req->orgs > 1; /* read by site_enter */
}

void site_switch_hint(request *req, response *resp)
{
    membership *list;
    size_t n;
    if (!req->site || req->sector || !req->authenticated || req->by_token ||
        !req->session_hash || !req->org ||
        site_memberships(req->db, req->a, req->session_hash, &list, &n) != STORE_OK || n < 2)
        return;
    /* Whether another organisation holds the page is not said: that would
     * tell what exists there to whoever guesses addresses. */
    const char *to = next_address(req, "/orgs?next=");
    if (to)
        html_printf(&resp->body, "<p>%s <strong>%s</strong>. %s <a href=\"%s\">%s</a></p>",
                    _("You are working in"), org_display_name(req),
                    _("If this page belongs to another of your organisations, switch to "
                      "that organisation first."),
                    to, _("Switch organisation"));
}

const char *site_form_elsewhere(request *req, const char *made_in)
{
    membership *list;
    size_t n;
    const char *there = NULL;
    if (req->session_hash &&
        site_memberships(req->db, req->a, req->session_hash, &list, &n) == STORE_OK)
        for (size_t i = 0; i < n && !there; i++)
            if (strcmp(list[i].org, made_in) == 0)
                there = list[i].name;
    if (!there)
        return _("This form was opened for another organisation. You have switched "
                 "organisation since (perhaps in another tab): nothing was saved. "
                 "Open the form again here, or switch back first.");
    str msg = STR_INIT;
    str_printf(&msg, _("This form was opened in %s, and you work in %s now (you switched, "
                       "perhaps in another tab): nothing was saved. Switch back to %s with "
                       "\"Switch organisation\" and send it again, or open the form again "
                       "here."),
               there, org_display_name(req), there);
    const char *text = str_ok(&msg) ? arena_strdup(req->a, str_cstr(&msg)) : NULL;
    str_free(&msg);
    return text;
}

int site_serve_org(request *req, const char *org)
{
    if (!req->site) /* serve --org: its own slug only, and nothing to move */
        return org && req->org && strcmp(org, req->org) == 0 ? 1 : 0;
    if (!org || !org_slug_valid(org))
        return 0;
    int found = orgs_exists(req->db, org);
    if (found <= 0)
        return found;
    if (store_use_org(req->db, org) != STORE_OK)
        return -1;
    req->org = arena_strdup(req->a, org);
    req->org_name = orgs_name(req->db, req->a, org);
    return req->org ? 1 : -1;
}

site_place site_place_of(const request *req)
{
    return (site_place){req->org, req->org_name};
}

bool site_serve_back(request *req, site_place place)
{
    if (!req->site || req->org == place.org)
        return true;
    req->org = place.org;
    req->org_name = place.org_name;
    return store_use_org(req->db, place.org) == STORE_OK;
}

int site_find_org(request *req, const char *kind, const char *public_id,
                  int (*holds)(request *req, void *ctx), void *ctx)
{
    const char **slugs;
    size_t n;
    if (!req->site)
        return STORE_DONE; /* one organisation: the caller asked it already */
    if (orgs_holding_address(req->db, req->a, kind, public_id, &slugs, &n) != STORE_OK)
        return STORE_ERROR;
    /* An organisation that cannot answer (a migration half applied) holds
     * nothing anyone can show: another one named is still asked. */
    for (size_t i = 0; i < n; i++) {
        if (store_use_org(req->db, slugs[i]) != STORE_OK)
            return STORE_ERROR;
        if (holds(req, ctx) == STORE_ROW)
            return site_serve_org(req, slugs[i]) == 1 ? STORE_ROW : STORE_ERROR;
    }
    /* Back to the caller's own organisation, whose name the answer's
     * header shows, rather than the last one asked. */
    return n == 0 || store_use_org(req->db, req->org) == STORE_OK ? STORE_DONE : STORE_ERROR;
}
