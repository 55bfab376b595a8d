/* router.c - matching a request to its route and checking who may run it.
 *
 * Every check happens here, before any handler runs: who the caller is (a
 * session cookie or a bearer token), whether the route allows the caller's
 * role, and whether a form carries its CSRF token. */
#include "web/router.h"
#include "web/auth.h"
#include "web/pages.h"
#include "util/i18n.h"
#include <string.h>

/* True when PATH matches PATTERN; sets *arg to the matched parameter. */
static bool path_matches(arena *a, const char *pattern, const char *path, const char **arg)
{
    *arg = NULL;
    while (*pattern && *path) {
        if (*pattern == '*') {
            *arg = arena_strdup(a, path);
            return *arg != NULL;
        }
        if (*pattern == ':') {
            const char *seg_end = strchr(path, '/');
            size_t n = seg_end ? (size_t)(seg_end - path) : strlen(path);
            if (n == 0)
                return false;
            *arg = arena_strndup(a, path, n);
            path += n;
            pattern = strchr(pattern, '/');
            if (!pattern)
                return *path == '\0';
            continue;
        }
        if (*pattern != *path)
            return false;
        pattern++;
        path++;
    }
    return *pattern == *path;
}

/* The language of the answer: the user's choice, a cookie, then the browser. */
static void choose_language(request *req)
{
    const char *cookie = params_get(&req->cookies, "gp_lang");
    if (req->user.lang && i18n_supported(req->user.lang))
        req->lang = req->user.lang;
    else if (cookie && i18n_supported(cookie))
        req->lang = cookie;
    else
        req->lang = i18n_negotiate(req->accept_language);
    i18n_set_lang(req->lang);
}

static void deny(request *req, response *resp, int status)
{
    if (status == 401 && !request_is_api(req) && strcmp(req->method, "GET") == 0) {
        str next = STR_INIT;
        str_puts(&next, "/login?next=");
        url_encode(&next, req->path);
        char *loc = str_ok(&next) ? arena_strdup(req->a, str_cstr(&next)) : "/login";
        str_free(&next);
        response_redirect(req, resp, loc ? loc : "/login");
        return;
    }
    respond_error(req, resp, status, NULL);
}

/* Parses a urlencoded form body once, and identifies the caller once; false
 * when the database failed. */
static bool prepare(request *req)
{
    if (req->content_type && strncmp(req->content_type, "application/x-www-form-urlencoded",
                                     33) == 0 && req->body && req->form.n == 0)
        params_parse_urlencoded(req->a, &req->form, req->body, req->body_len);
    if (!req->identified) {
        if (auth_identify(req) != 0)
            return false;
        req->identified = true;
    }
    return true;
}

/* The route for REQ's method and path, or NULL; *path_known tells whether
 * another method would match. Sets req->arg. */
static const route *find_route(request *req, bool *path_known)
{
    *path_known = false;
    for (const route *r = routes; r->method; r++) {
        const char *arg;
        if (!path_matches(req->a, r->path, req->path, &arg))
            continue;
        *path_known = true;
        if (strcmp(r->method, req->method) == 0 ||
            (strcmp(r->method, "GET") == 0 && strcmp(req->method, "HEAD") == 0)) {
            req->arg = arg;
            return r;
        }
    }
    return NULL;
}

size_t router_body_limit(request *req)
{
    if (!prepare(req))
        return 0;
    bool path_known;
    const route *r = find_route(req, &path_known);
    bool allowed = r && req->authenticated && (req->user.role & r->roles);
    return allowed && (r->flags & ROUTE_UPLOAD) ? REQUEST_UPLOAD_BODY : REQUEST_SMALL_BODY;
}

void router_refuse(request *req, response *resp, int status, const char *detail)
{
    if (!req->identified && auth_identify(req) == 0)
        req->identified = true;
    choose_language(req);
    respond_error(req, resp, status, detail);
}

void router_handle(request *req, response *resp)
{
    if (!prepare(req)) {
        choose_language(req);
        respond_error(req, resp, 500, NULL);
        return;
    }
    choose_language(req);

    bool path_known;
    const route *found = find_route(req, &path_known);
    if (!found) {
        respond_error(req, resp, path_known ? 405 : 404, NULL);
        return;
    }
    if (found->roles) {
        if (!req->authenticated) {
            deny(req, resp, 401);
            return;
        }
        if (!(req->user.role & found->roles)) {
            deny(req, resp, 403);
            return;
        }
    }
    if (strcmp(req->method, "POST") == 0 && !req->by_token && !auth_csrf_ok(req)) {
        respond_error(req, resp, 403, _("The form has expired or did not come from this site. "
                                        "Please try again."));
        return;
    }
    found->handler(req, resp);
}
