/* page_cache.c - see page_cache.h.
 *
 * Why a cache is correct here: every transaction that changes rows moves the
 * data version forward (store_commit), and the key holds the version, so an
 * answer is only ever reused for the data it was made from. What else an
 * answer depends on is in the key too: the path and query, the user (HTML
 * pages show the login; reports depend on role and employee only), the
 * language and today's date. The one thing that differs per session, the
 * CSRF token in forms, is swapped for the session's own when served. */
#include "web/page_cache.h"
#include "web/cache.h"
#include "web/compress.h"
#include "util/date.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Only pages behind a login and the reports are cached; downloads (files),
 * the other API answers (already cheap) and forms' POSTs are not. */
static bool cacheable(const request *req, int roles)
{
    if (!roles || strcmp(req->method, "GET") != 0 || !req->authenticated)
        return false;
    if (strncmp(req->path, "/api/", 5) == 0)
        return strncmp(req->path, "/api/v1/reports/", 16) == 0;
    return strncmp(req->path, "/export/", 8) != 0;
}

/* 64-bit FNV-1a: names a key in an ETag without showing it. */
static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

/* The key of REQ's answer under data version VERSION in KEY: it begins
 * "o<organisation>|v<version>|" (run_and_keep drops an organisation's
 * answers of other versions by that prefix). */
static bool make_key(const request *req, int64_t version, str *key)
{
    char today[DATE_TEXT_SIZE];
    date_format(date_today(), today);
    bool api = strncmp(req->path, "/api/", 5) == 0;
    /* by token or by session: only a session's pages carry a CSRF token */
    /* On a site, data versions of two organisations may meet: the key names
     * the organisation. */
    str_printf(key, "o%s|", req->org ? req->org : "");
    str_printf(key, "v%" PRId64 "|%s|%s|r%d|e%" PRId64 "|%c|", version, today,
               req->lang ? req->lang : "", req->user.role, req->user.employee_row,
               req->by_token ? 't' : 's');
    /* HTML pages name the user; an API answer depends on role and employee */
    if (!api)
        str_printf(key, "u%" PRId64 "|", req->user.id);
    /* a page's header offers a switch when the login has several
     * organisations (a role granted in another one moves no data version
     * of this one) */
    if (!api)
        str_printf(key, "n%d|", req->orgs > 1);
    /* a page may show an address under the host it was asked at
     * (public_address): a page asked at another host is another answer */
    if (!api)
        str_printf(key, "h%s%s|", req->tls ? "s" : "", req->host ? req->host : "");
    str_puts(key, req->path);
    for (size_t i = 0; i < req->query.n; i++) {
        str_putc(key, i ? '&' : '?');
        str_puts(key, req->query.v[i].name);
        str_putc(key, '=');
        str_append(key, req->query.v[i].value, req->query.v[i].value_len);
        /* a NUL inside a value would end the key early: keep it apart */
        if (memchr(req->query.v[i].value, '\0', req->query.v[i].value_len))
            return false;
    }
    return str_ok(key);
}

/* An ETag for the answer under KEY, for this session's token (an HTML page
 * carries it) and encoding, in REQ's arena; NULL when out of memory. */
static const char *make_etag(request *req, const char *key, bool gz)
{
    uint64_t h = fnv1a(key, 0xcbf29ce484222325ull);
    if (req->csrf)
        h = fnv1a(req->csrf, h);
    char buf[40];
    snprintf(buf, sizeof buf, "\"%016" PRIx64 "%s\"", h, gz ? "-gz" : "");
    return arena_strdup(req->a, buf);
}

/* BODY with every TOKEN replaced by REPLACEMENT (of the same length) into OUT. */
static bool swap_token(const char *body, size_t len, const char *token, const char *replacement,
                       str *out)
{
    size_t n = strlen(token);
    const char *p = body, *end = body + len;
    if (!str_reserve(out, len))
        return false;
    for (const char *hit; n && (hit = memmem(p, (size_t)(end - p), token, n)); p = hit + n) {
        str_append(out, p, (size_t)(hit - p));
        str_append(out, replacement, n);
    }
    str_append(out, p, (size_t)(end - p));
    return str_ok(out);
}

/* Serves entry E (its reference passes to RESP) with ETAG; GZ when E is a
 * gzip body. A page carrying a session token is copied with this session's
 * token, and compressed on its way when the client asks (response_prepare);
 * any other answer goes out from the cache without a copy. */
static void serve(request *req, response *resp, cache_entry *e, const char *etag, bool gz)
{
    resp->status = 200;
    resp->content_type = cache_content_type(e);
    str_free(&resp->body);
    const char *token = cache_token(e);
    if (token && req->csrf && strlen(token) == strlen(req->csrf)) {
        swap_token(cache_body(e), cache_len(e), token, req->csrf, &resp->body);
        cache_release(e);
    } else
        resp->shared = e;
    response_header(resp, "ETag", etag);
    response_header(resp, "Vary", "Accept-Encoding");
    if (gz)
        response_header(resp, "Content-Encoding", "gzip");
}

/* The gzip form of entry PLAIN, kept under GZ_KEY; NULL when it cannot be. */
static cache_entry *gzip_entry(cache_entry *plain, const char *gz_key)
{
    str packed = STR_INIT;
    cache_entry *e = NULL;
    if (gzip_compress(cache_body(plain), cache_len(plain), &packed))
        e = cache_put(gz_key, packed.p, packed.len, cache_content_type(plain), NULL);
    str_free(&packed);
    return e;
}

/* True when RESP is an answer that may be kept: a complete 200 in memory
 * that sets no cookie. */
static bool keepable(const response *resp)
{
    if (resp->status != 200 || resp->file || resp->shared || !str_ok(&resp->body))
        return false;
    for (int i = 0; i < resp->nheaders; i++)
        if (strcmp(resp->header_names[i], "Set-Cookie") == 0)
            return false;
    return true;
}

/* Runs HANDLER and keeps its answer under KEY (and its gzip form under
 * GZ_KEY when the client asks for gzip), dropping older versions' answers. */
static void run_and_keep(request *req, response *resp, handler_fn handler, int64_t version,
                         const char *key, const char *gz_key, const char *etag, bool gz)
{
    handler(req, resp);
    resp->made = resp->body.len;
    if (!keepable(resp))
        return;
    /* This organisation's answers of earlier versions can never be asked for
     * again; its answers of this version and other organisations' stay (a
     * key starts "o<organisation>|v<version>|", see make_key). */
    str scope = STR_INIT, keep = STR_INIT;
    str_printf(&scope, "o%s|", req->org ? req->org : "");
    str_printf(&keep, "%sv%" PRId64 "|", str_cstr(&scope), version);
    if (str_ok(&scope) && str_ok(&keep))
        cache_drop_stale(str_cstr(&scope), str_cstr(&keep));
    str_free(&scope);
    str_free(&keep);
    bool html = strncmp(resp->content_type, "text/html", 9) == 0;
    const char *token = html && req->csrf && *req->csrf && resp->body.len &&
                                memmem(resp->body.p, resp->body.len, req->csrf, strlen(req->csrf))
                            ? req->csrf
                            : NULL;
    cache_entry *e = cache_put(key, resp->body.p ? resp->body.p : "", resp->body.len,
                               resp->content_type, token);
    cache_entry *z = e && gz && !token ? gzip_entry(e, gz_key) : NULL;
    cache_release(e);
    if (z)
        serve(req, resp, z, etag, true);
    else if (e) /* goes out as made; response_prepare compresses it when asked */
        response_header(resp, "ETag", etag);
}

void page_cache_run(request *req, response *resp, handler_fn handler, int roles)
{
    int64_t version;
    if (!cacheable(req, roles) || (version = store_data_version(req->db)) < 0) {
        handler(req, resp);
        return;
    }
    str key = STR_INIT, gz_key = STR_INIT;
    bool gz = accepts_gzip(req->accept_encoding);
    const char *etag = NULL;
    if (make_key(req, version, &key) && str_printf(&gz_key, "%s|gz", key.p))
        etag = make_etag(req, key.p, gz);
    if (!etag) {
        handler(req, resp);
    } else {
        cache_entry *plain = cache_get(key.p), *packed = NULL;
        if (plain && gz && !cache_token(plain) && !(packed = cache_get(gz_key.p)))
            packed = gzip_entry(plain, gz_key.p);
        if (packed) {
            cache_release(plain);
            serve(req, resp, packed, etag, true);
        } else if (plain) {
            serve(req, resp, plain, etag, false);
        } else
            run_and_keep(req, resp, handler, version, key.p, gz_key.p, etag, gz);
    }
    str_free(&key);
    str_free(&gz_key);
}
