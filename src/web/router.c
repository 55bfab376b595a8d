/* router.c - matching a request to its route and checking who may run it.
 *
 * Every check happens here, before any handler runs: who the caller is (a
 * session cookie or a bearer token), whether the route allows the caller's
 * role, and whether a form carries its CSRF token. */
#include "web/router.h"
#include "web/server.h"
#include "web/page_cache.h"
#include "web/auth.h"
#include "web/pages.h"
#include "web/site.h"
#include "util/i18n.h"
#include "util/text.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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
        const char *loc = next_address(req, "/login?next=");
        response_redirect(req, resp, loc ? loc : "/login");
        return;
    }
    respond_error(req, resp, status, NULL);
}

/* Parses a urlencoded form body once, and identifies the caller once; false
 * when the database failed. On a site the connection is pointed at the
 * caller's organisation every time: a request identified while its headers
 * came in is answered once its body is there, and meanwhile other requests
 * on this thread's connection (another organisation's person, a public
 * badge or calendar address) may have pointed it elsewhere. */
static bool prepare(request *req)
{
    if (req->content_type && strncmp(req->content_type, "application/x-www-form-urlencoded",
                                     33) == 0 && req->body && req->form.n == 0)
        params_parse_urlencoded(req->a, &req->form, req->body, req->body_len);
    if (!req->identified) {
        if ((req->site && !site_enter(req)) || auth_identify(req) != 0)
            return false;
        req->identified = true;
    } else if (req->site && !site_reenter(req)) {
        return false;
    }
    return true;
}

/* True when METHOD is what route R answers (HEAD too where GET is). */
static bool method_fits(const route *r, const char *method)
{
    return strcmp(r->method, method) == 0 ||
           (strcmp(r->method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

/* Like path_matches, with PATTERN's ':' segment holding a '/' too: what the
 * pattern has before it starts PATH and what it has after it ends PATH.
 * *TAIL is the length of that end. For a code or number typed with a slash
 * ("2024/17"), which its links encode but the server has decoded. */
static bool path_matches_slashed(arena *a, const char *pattern, const char *path,
                                 const char **arg, size_t *tail)
{
    const char *colon = strchr(pattern, ':');
    if (!colon)
        return false;
    size_t head = (size_t)(colon - pattern), len = strlen(path);
    const char *after = strchr(colon, '/');
    *tail = after ? strlen(after) : 0;
    if (len <= head + *tail || strncmp(pattern, path, head) != 0 ||
        (after && strcmp(path + len - *tail, after) != 0))
        return false;
    *arg = arena_strndup(a, path + head, len - head - *tail);
    return *arg != NULL && strchr(*arg, '/') != NULL;
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
        if (method_fits(r, req->method)) {
            req->arg = arg;
            return r;
        }
    }
    if (*path_known)
        return NULL;
    /* No route as the path's slashes split it: one whose segment takes a
     * slash, the one with the longest fixed end ("/employees/:id/edit"
     * before "/employees/:id" for "/employees/2024/17/edit"). */
    const route *best = NULL;
    const char *best_arg = NULL;
    size_t best_tail = 0;
    for (const route *r = routes; r->method; r++) {
        const char *arg;
        size_t tail;
        if (!path_matches_slashed(req->a, r->path, req->path, &arg, &tail))
            continue;
        *path_known = true;
        if (method_fits(r, req->method) && (!best || tail > best_tail)) {
            best = r;
            best_arg = arg;
            best_tail = tail;
        }
    }
    if (best)
        req->arg = best_arg;
    return best;
}

/* True when a GET route answers PATH. */
static bool answers_get(arena *a, const char *path)
{
    for (const route *r = routes; r->method; r++) {
        const char *arg;
        if (strcmp(r->method, "GET") == 0 && path_matches(a, r->path, path, &arg))
            return true;
    }
    return false;
}

const char *router_back_address(request *req)
{
    /* A page's own "next" (where a login or a choice leads) stays out: it is
     * the caller's to give, and the page checks it, not another form. */
    if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
        return request_target(req, "next");
    char *up = arena_strdup(req->a, req->path);
    if (!up)
        return NULL;
    while (!answers_get(req->a, up)) {
        char *slash = strrchr(up, '/');
        if (!slash || slash == up)
            return "/";
        *slash = '\0'; /* one segment up */
    }
    return up;
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

/* Answers other than static files (personal pages, exports, the API) are
 * kept by no browser or proxy cache: a shared computer's history must not
 * show them to the next person. */
static void forbid_caching(const request *req, response *resp)
{
    if (strncmp(req->path, "/static/", 8) == 0)
        return;
    for (int i = 0; i < resp->nheaders; i++)
        if (strcmp(resp->header_names[i], "Cache-Control") == 0)
            return;
    response_header(resp, "Cache-Control", "no-store");
}

static void answer_if_unreachable(request *req, response *resp);

void router_refuse(request *req, response *resp, int status, const char *detail)
{
    (void)prepare(req); /* a refusal unidentified still gets its page */
    choose_language(req);
    respond_error(req, resp, status, detail);
    answer_if_unreachable(req, resp); /* not identified: the database away? */
    forbid_caching(req, resp);
}

/* Every number a request may carry, by the name of its query or form field,
 * with its range; checked before any handler runs, so that a handler reads a
 * number that fits. An empty value counts as not given. A field a person
 * types into a form (FORM_READS_IT) is checked here only in the query: in a
 * form its handler reads it with a range check and answers beside the field,
 * as a form should, instead of a bare 400. */
enum { CHECK_ALWAYS = 0, FORM_READS_IT = 1 };
static const struct numeric_field {
    const char *name;
    long long min, max;
    int where;
} numeric_fields[] = {
    /* a year as the reports take it (app/reports.c) */
    {"page", 1, 1000000, CHECK_ALWAYS},       {"year", 1990, 2199, FORM_READS_IT},
    {"replace_year", 1990, 2199, FORM_READS_IT}, {"offset", 0, 1000000000, CHECK_ALWAYS},
    {"limit", 0, 1000000, CHECK_ALWAYS},      {"min_group", 0, 1000000, CHECK_ALWAYS},
    {"id", 0, INT64_MAX, CHECK_ALWAYS},       {"participants", 0, 1000000000, FORM_READS_IT},
};

/* Path segments that are numbers, by their name in the route's pattern. */
static const struct numeric_field numeric_segments[] = {
    {"year", 1990, 2199},
};

/* True when the ":name" segment of ROUTE's pattern, ARG, is what its name
 * says (a number in range for a numeric segment). */
static bool segment_fits(const route *r, const char *arg)
{
    const char *colon = strchr(r->path, ':');
    if (!colon || !arg)
        return true;
    size_t n = strcspn(colon + 1, "/");
    for (size_t k = 0; k < sizeof numeric_segments / sizeof *numeric_segments; k++) {
        long long v;
        if (strlen(numeric_segments[k].name) == n &&
            strncmp(numeric_segments[k].name, colon + 1, n) == 0)
            return number_parse(arg, numeric_segments[k].min, numeric_segments[k].max, &v);
    }
    return true;
}

/* What a number out of the range MIN..MAX is told, in A: the range itself
 * when it is one a person could type. */
static const char *out_of_range(arena *a, long long min, long long max)
{
    if (max >= 1000000000)
        return _("is not a whole number in the allowed range");
    str text = STR_INIT;
    str_printf(&text, _("is not a whole number from %lld to %lld"), min, max);
    const char *said = str_ok(&text) ? arena_strdup(a, str_cstr(&text)) : NULL;
    str_free(&text);
    return said ? said : _("is not a whole number in the allowed range");
}

/* The first field of P that is not valid UTF-8, holds a NUL byte, or is a
 * number out of its range; NULL when all are fine. *what (in A) says which;
 * *number is the field when it is a number out of range (its value is then
 * valid text, to be shown), else NULL. */
static const char *bad_field(arena *a, const params *p, bool form, const char **what,
                             const param **number)
{
    *number = NULL;
    for (size_t i = 0; i < p->n; i++) {
        const param *f = &p->v[i];
        if (!utf8_valid(f->name, strlen(f->name)) || !utf8_valid(f->value, f->value_len) ||
            strlen(f->value) != f->value_len) {
            *what = _("is not valid UTF-8 text");
            return f->name;
        }
        for (size_t k = 0; k < sizeof numeric_fields / sizeof *numeric_fields; k++) {
            long long v;
            if (strcmp(f->name, numeric_fields[k].name) == 0 && f->value[0] &&
                !(form && numeric_fields[k].where == FORM_READS_IT) &&
                !number_parse(f->value, numeric_fields[k].min, numeric_fields[k].max, &v)) {
                *what = out_of_range(a, numeric_fields[k].min, numeric_fields[k].max);
                *number = f;
                return f->name;
            }
        }
    }
    return NULL;
}

/* Writes to DETAIL what is wrong with field NAME: for a number of the
 * address, as it stands there ("year=abc in the address is not a whole
 * number from 1990 to 2199"), which a person who typed or edited the address
 * recognises; else "name: what". A long value is cut, marked with "…". */
static void describe_bad_field(str *detail, const char *name, const char *what,
                               const param *number, bool in_query)
{
    if (!number || !in_query) {
        str_printf(detail, "%s: %s", name, what);
        return;
    }
    bool cut;
    size_t n = utf8_prefix(number->value, number->value_len, ADDRESS_VALUE_SHOWN, &cut);
    str_printf(detail, _("%s=%.*s%s in the address %s"), name, (int)n, number->value,
               cut ? "…" : "", what);
}

/* True when every cookie of P, name and value, is valid UTF-8 text. */
static bool cookies_fit(const params *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (!utf8_valid(p->v[i].name, strlen(p->v[i].name)) ||
            !utf8_valid(p->v[i].value, p->v[i].value_len))
            return false;
    return true;
}

/* Refuses with 400 a request whose text is not UTF-8 or whose numbers do
 * not fit: the path, the query, the form fields (multipart text fields
 * included), a JSON body and the cookies. True when it did. */
static bool refuse_bad_input(request *req, response *resp)
{
    const char *what = NULL, *name = NULL;
    const param *number = NULL;
    bool in_query = false;
    bool json = req->content_type && strncmp(req->content_type, "application/json", 16) == 0;
    if (!utf8_valid(req->path, strlen(req->path))) {
        name = "path";
        what = _("is not valid UTF-8 text");
    } else if (json && req->body && !utf8_valid(req->body, req->body_len)) {
        name = "body";
        what = _("is not valid UTF-8 text");
    } else if ((name = bad_field(req->a, &req->query, false, &what, &number))) {
        in_query = true;
    } else if (!(name = bad_field(req->a, &req->form, true, &what, &number)) &&
               !cookies_fit(&req->cookies)) {
        name = "cookie"; /* not the cookie's own name: that is not text */
        what = _("is not valid UTF-8 text");
    }
    if (!name)
        return false;
    str detail = STR_INIT;
    describe_bad_field(&detail, name, what, number, in_query);
    const char *text = str_ok(&detail) && utf8_valid(detail.p, detail.len)
                           ? arena_strdup(req->a, str_cstr(&detail)) : NULL;
    str_free(&detail);
    respond_error(req, resp, 400, text ? text : what);
    return true;
}

/* router_handle without the caching rule. */
static void dispatch(request *req, response *resp)
{
    if (!prepare(req)) {
        choose_language(req);
        respond_error(req, resp, 500, NULL);
        return;
    }
    choose_language(req);
    if (refuse_bad_input(req, resp))
        return;
    if (req->site && site_dispatch(req, resp))
        return;

    bool path_known;
    const route *found = find_route(req, &path_known);
    if (!found || !segment_fits(found, req->arg)) {
        respond_error(req, resp, path_known && !found ? 405 : 404, NULL);
        return;
    }
    if (found->roles) {
        if (!req->authenticated) {
            deny(req, resp, 401);
            return;
        }
        if (!(req->user.role & found->roles) && !(found->flags & ROUTE_ANY_LOGIN)) {
            deny(req, resp, 403);
            return;
        }
    }
    if (strcmp(req->method, "POST") == 0 && !req->by_token &&
        !((found->flags & ROUTE_SESSION_FORM) ? auth_session_csrf_ok(req) : auth_csrf_ok(req))) {
        const char *made_in = params_get(&req->form, "form_org");
        if (req->site && req->org && made_in && strcmp(made_in, req->org) != 0)
            respond_error(req, resp, 409, site_form_elsewhere(req, made_in));
        else
            respond_error(req, resp, 403, _("The form has expired or did not come from this "
                                            "site. Please try again."));
        return;
    }
    page_cache_run(req, resp, found->handler, found->roles);
    /* "Not yours" looks like "not there", so that ids cannot be probed. */
    if ((found->flags & ROUTE_HIDE_FORBIDDEN) && resp->status == 403)
        respond_error(req, resp, 404, NULL);
}

#define UNREACHABLE_LOG_SECONDS 10
void router_log_unreachable(const char *why)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static time_t last;
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    bool say = now - last >= UNREACHABLE_LOG_SECONDS;
    if (say)
        last = now;
    pthread_mutex_unlock(&lock);
    if (say)
        server_log(N_("the database does not answer; requests get 503 until it does: %s"), why);
}

/* A request that failed (500) because the database does not answer gets
 * 503 and Retry-After, which clients, proxies and monitors take as "try
 * again", rather than 500, which says the request is at fault. */
static void answer_if_unreachable(request *req, response *resp)
{
    if (resp->status != 500 || !req->db || store_reachable(req->db))
        return;
    router_log_unreachable(store_error(req->db));
    if (strcmp(req->path, "/healthz") == 0) {
        str_clear(&resp->body);
        resp->status = 503;
        resp->content_type = "application/json";
        str_puts(&resp->body, "{\"status\":\"unavailable\",\"schema\":0}\n");
        response_header(resp, "Retry-After", "5");
    } else if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0) {
        respond_unavailable(req, resp);
    } else {
        /* a change lost with its connection may have been committed: no
         * Retry-After, which would invite sending it twice */
        respond_error(req, resp, 503, _("The database did not answer: what you sent may or may "
                                        "not have been saved. Look before sending it again."));
    }
}

void router_handle(request *req, response *resp)
{
    dispatch(req, resp);
    answer_if_unreachable(req, resp);
    forbid_caching(req, resp);
}
