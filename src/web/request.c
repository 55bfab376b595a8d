/* request.c - building and reading requests and responses (see http.h). */
#include "web/http.h"
#include "web/cache.h"
#include "app/html.h"
#include "util/text.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool params_add(arena *a, params *p, const char *name, const char *value, size_t len)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        param *v = arena_alloc(a, cap * sizeof *v);
        if (!v)
            return false;
        if (p->n)
            memcpy(v, p->v, p->n * sizeof *v);
        p->v = v;
        p->cap = cap;
    }
    char *copy = arena_strndup(a, value, len);
    if (!copy)
        return false;
    p->v[p->n++] = (param){name, copy, len};
    return true;
}

const char *params_get(const params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return p->v[i].value;
    return NULL;
}

/* Decodes the percent-escapes of S[0..n) in place, and with PLUS a '+' as a
 * space (form encoding); returns the new length. */
static size_t decode_in_place(char *s, size_t n, bool plus)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (plus && s[i] == '+') {
            s[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n &&
                   hex_digit_value(s[i + 1]) >= 0 && hex_digit_value(s[i + 2]) >= 0) {
            s[o++] = (char)(hex_digit_value(s[i + 1]) * 16 + hex_digit_value(s[i + 2]));
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

bool number_parse(const char *text, long long min, long long max, long long *out)
{
    if (!text || !*text || (!isdigit((unsigned char)text[0]) && text[0] != '-' && text[0] != '+'))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (*end || errno == ERANGE || v < min || v > max)
        return false;
    *out = v;
    return true;
}

char *percent_decode(arena *a, const char *s, size_t n, size_t *out_len)
{
    char *copy = arena_strndup(a, s, n);
    if (!copy)
        return NULL;
    *out_len = decode_in_place(copy, n, false);
    copy[*out_len] = '\0';
    return copy;
}

bool params_parse_urlencoded(arena *a, params *p, const char *text, size_t len)
{
    char *copy = arena_strndup(a, text, len);
    if (!copy)
        return false;
    char *s = copy, *end = copy + len;
    while (s < end) {
        char *amp = memchr(s, '&', (size_t)(end - s));
        if (!amp)
            amp = end;
        char *eq = memchr(s, '=', (size_t)(amp - s));
        char *name_end = eq ? eq : amp;
        size_t nlen = decode_in_place(s, (size_t)(name_end - s), true);
        s[nlen] = '\0';
        size_t vlen = 0;
        char *value = name_end;
        if (eq) {
            value = eq + 1;
            vlen = decode_in_place(value, (size_t)(amp - value), true);
        }
        if (nlen && !params_add(a, p, s, value, vlen))
            return false;
        s = amp + 1;
    }
    return true;
}

bool params_parse_cookies(arena *a, params *p, const char *header)
{
    for (const char *s = header; s && *s;) {
        while (*s == ' ' || *s == ';')
            s++;
        const char *eq = strchr(s, '='), *semi = strchr(s, ';');
        if (!semi)
            semi = s + strlen(s);
        if (!eq || eq > semi) {
            s = semi;
            continue;
        }
        char *name = arena_strndup(a, s, (size_t)(eq - s));
        if (!name || !params_add(a, p, name, eq + 1, (size_t)(semi - eq - 1)))
            return false;
        s = semi;
    }
    return true;
}

const char *request_query(const request *req, const char *name)
{
    return params_get(&req->query, name);
}

const char *request_form(const request *req, const char *name)
{
    return params_get(&req->form, name);
}

const upload *request_upload(const request *req, const char *name)
{
    for (size_t i = 0; i < req->nuploads; i++)
        if (strcmp(req->uploads[i].field, name) == 0)
            return &req->uploads[i];
    return NULL;
}

const char *request_target(request *req, const char *leave_out)
{
    str target = STR_INIT;
    str_puts(&target, req->path);
    for (size_t i = 0, n = 0; i < req->query.n; i++) {
        if (leave_out && strcmp(req->query.v[i].name, leave_out) == 0)
            continue;
        str_putc(&target, n++ ? '&' : '?');
        url_encode(&target, req->query.v[i].name);
        str_putc(&target, '=');
        url_encode(&target, req->query.v[i].value);
    }
    const char *out = str_ok(&target) ? arena_strdup(req->a, str_cstr(&target)) : NULL;
    str_free(&target);
    return out;
}

bool request_is_api(const request *req)
{
    return strncmp(req->path, "/api/", 5) == 0;
}

const char *request_bearer(const request *req)
{
    /* RFC 7235: the scheme is case-insensitive ("bearer", "BEARER"), and
     * one or more spaces part it from the token. */
    const char *a = req->authorization;
    if (!a || strncasecmp(a, "Bearer", 6) != 0 || a[6] != ' ')
        return NULL;
    return a + 6 + strspn(a + 6, " ");
}

bool request_init(request *req, arena *a, store *db, const char *method, const char *target)
{
    memset(req, 0, sizeof *req);
    req->a = a;
    req->db = db;
    req->method = method;
    const char *q = strchr(target, '?');
    req->path = q ? arena_strndup(a, target, (size_t)(q - target)) : target;
    return req->path && (!q || params_parse_urlencoded(a, &req->query, q + 1, strlen(q + 1)));
}

/* The value of attribute NAME (boundary, name, filename) in a header line. */
static const char *header_attr(arena *a, const char *line, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    for (size_t i = 0; i + nlen + 1 < len; i++) {
        if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
            strncasecmp(line + i, name, nlen) == 0 && line[i + nlen] == '=') {
            const char *v = line + i + nlen + 1, *end = line + len;
            if (*v == '"') {
                const char *close = memchr(v + 1, '"', (size_t)(end - v - 1));
                return close ? arena_strndup(a, v + 1, (size_t)(close - v - 1)) : NULL;
            }
            const char *stop = v;
            while (stop < end && *stop != ';' && *stop != ' ' && *stop != '\r')
                stop++;
            return arena_strndup(a, v, (size_t)(stop - v));
        }
    }
    return NULL;
}

static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || n < m)
        return NULL;
    for (const char *p = hay; (p = memchr(p, needle[0], n - (size_t)(p - hay) - m + 1));) {
        if (memcmp(p, needle, m) == 0)
            return p;
        if ((size_t)(++p - hay) > n - m)
            break;
    }
    return NULL;
}

bool request_parse_multipart(request *req, const char *content_type, char *body, size_t len)
{
    const char *boundary = header_attr(req->a, content_type, strlen(content_type), "boundary");
    if (!boundary)
        return false;
    str delim = STR_INIT;
    str_printf(&delim, "\r\n--%s", boundary);
    if (!str_ok(&delim))
        return false;
    /* The first delimiter has no CRLF before it. */
    const char *p = find_bytes(body, len, delim.p + 2, delim.len - 2), *end = body + len;
    bool ok = p != NULL;
    size_t nup = 0;
    while (ok && p) {
        p += delim.len - 2;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break; /* the closing delimiter */
        const char *headers = p, *hend = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hend) {
            ok = false;
            break;
        }
        char *content = (char *)hend + 4;
        const char *next = find_bytes(content, (size_t)(end - content), delim.p, delim.len);
        if (!next) {
            ok = false;
            break;
        }
        const char *name = header_attr(req->a, headers, (size_t)(hend - headers), "name");
        const char *filename = header_attr(req->a, headers, (size_t)(hend - headers), "filename");
        size_t clen = (size_t)(next - content);
        if (name && filename) {
            upload *u = arena_alloc(req->a, (nup + 1) * sizeof *u);
            if (!u) {
                ok = false;
                break;
            }
            if (nup)
                memcpy(u, req->uploads, nup * sizeof *u);
            u[nup] = (upload){name, filename, arena_strndup(req->a, content, clen), clen};
            req->uploads = u;
            req->nuploads = ++nup;
            ok = u[nup - 1].data != NULL;
        } else if (name) {
            ok = params_add(req->a, &req->form, name, content, clen);
        }
        p = next + 2;
    }
    str_free(&delim);
    return ok;
}

void response_init(response *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->status = 200;
    resp->content_type = "text/html; charset=utf-8";
}

void response_free(response *resp)
{
    str_free(&resp->body);
    if (resp->file)
        fclose(resp->file);
    resp->file = NULL;
    cache_release(resp->shared);
    resp->shared = NULL;
}

bool response_header(response *resp, const char *name, const char *value)
{
    if (resp->nheaders == MAX_RESPONSE_HEADERS)
        return false;
    resp->header_names[resp->nheaders] = name;
    resp->header_values[resp->nheaders++] = value;
    return true;
}

void response_redirect(request *req, response *resp, const char *location)
{
    (void)req;
    resp->status = 303;
    str_clear(&resp->body);
    response_header(resp, "Location", location);
}
