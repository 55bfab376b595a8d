/* http.h - a request and its response, independent of any socket.
 *
 * The server (server.c) fills a request from libmicrohttpd; tests fill one by
 * hand with request_init(). router_handle() turns it into a response, which is
 * buffered whole so that an error can still replace it. */
#ifndef GP_HTTP_H
#define GP_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "store/data.h"
#include "util/arena.h"
#include "util/str.h"

typedef struct param {
    const char *name, *value;
    size_t value_len;
} param;

typedef struct params {
    param *v;
    size_t n, cap;
} params;

/* An uploaded file from a multipart form. */
typedef struct upload {
    const char *field, *filename;
    char *data; /* writable, NUL-terminated */
    size_t len;
} upload;

typedef struct request {
    arena *a;  /* everything below lives in it */
    store *db;
    const char *method, *path;
    params query, form, cookies;
    upload *uploads;
    size_t nuploads;
    const char *accept_language, *authorization, *content_type, *csrf_header;
    const char *accept_encoding, *if_none_match; /* for compression and ETags */
    const char *host;          /* the Host header: an address to show, never trusted */
    const char *body;
    size_t body_len;
    bool tls;                  /* the client reached us over TLS (a trusted proxy says so) */
    const char *public_url;    /* serve --public-url: the address for organisations
                                  without a public_url of their own; NULL: none */
    const char *local_url;     /* http://HOST:PORT the server listens on, or NULL */
    const char *remote_addr;   /* the client's address, or NULL (no socket) */
    /* Filled by the router. */
    bool identified;           /* auth_identify has run */
    bool authenticated, by_token;
    user user;
    const char *csrf;          /* the token forms must carry */
    const char *session_csrf;  /* the session's own token, of which a site derives
                                * each organisation's csrf (auth.c) */
    const char *session_hash;  /* of the session cookie, when logged in by one */
    const char *lang;
    const char *arg;           /* the :param segment of the route, if any */
    /* A multi-organisation site (PostgreSQL, DESIGN §6): set by the server. */
    bool site;
    const char *org;           /* the organisation the caller works in (on a site,
                                  the one chosen; serve --org: its slug), or NULL
                                  (a SQLite file, a site's caller still choosing) */
    const char *org_name;
    bool choosing;             /* logged in on the site, no organisation chosen yet */
    const char *lost_org;      /* ... because they lost the one they were in: its name */
    int orgs;                  /* on a site: the organisations the caller's login has */
    bool sector;               /* a sector account's token: sector reports only */
} request;

/* The largest request body: any route, and a route that takes an import
 * (ROUTE_UPLOAD) from a caller it allows. */
#define REQUEST_SMALL_BODY (64u * 1024)
#define REQUEST_UPLOAD_BODY (256u * 1024 * 1024)

#define MAX_RESPONSE_HEADERS 8

typedef struct response {
    int status;
    const char *content_type;
    str body;
    FILE *file;                /* when set, the body is this file, not BODY */
    struct cache_entry *shared; /* when set, the body is this cached answer's
                                 * (web/cache.h), sent without a copy */
    bool gzip_file;            /* FILE goes out gzipped as it is read */
    size_t made;               /* bytes of body made for it (a cached answer's
                                * size when it was made now), so that memory
                                * is handed back after large work */
    const char *header_names[MAX_RESPONSE_HEADERS];
    const char *header_values[MAX_RESPONSE_HEADERS];
    int nheaders;
} response;

/* Sets up REQ for METHOD and TARGET ("/path?query") in arena A; for tests and
 * tools that run a request without a socket. */
bool request_init(request *req, arena *a, store *db, const char *method, const char *target);
/* Parses an application/x-www-form-urlencoded text into P. */
bool params_parse_urlencoded(arena *a, params *p, const char *text, size_t len);
/* Reads TEXT, a whole decimal number from MIN to MAX, into *out: the one
 * parser for every number a request carries. False (and *out unchanged)
 * when TEXT is anything else: empty, not a number, trailing characters, or
 * out of range. */
bool number_parse(const char *text, long long min, long long max, long long *out);
/* A copy in A of the N bytes at S with their %XX escapes decoded (a '+'
 * stays a '+'); its length in *out_len. NULL when out of memory. */
char *percent_decode(arena *a, const char *s, size_t n, size_t *out_len);
/* Parses a Cookie header into P. */
bool params_parse_cookies(arena *a, params *p, const char *header);
bool params_add(arena *a, params *p, const char *name, const char *value, size_t len);
/* The value of NAME, or NULL. */
const char *params_get(const params *p, const char *name);
/* Parses a multipart/form-data body (CONTENT_TYPE names the boundary): files
 * into REQ->uploads, other fields into REQ->form. */
bool request_parse_multipart(request *req, const char *content_type, char *body, size_t len);
const char *request_query(const request *req, const char *name);
const char *request_form(const request *req, const char *name);
/* The upload of form field NAME, or NULL. */
const upload *request_upload(const request *req, const char *name);
/* The token of an "Authorization: Bearer <token>" header (the scheme in
 * any case), or NULL when the caller sent none (or another scheme). */
const char *request_bearer(const request *req);
/* REQ's path with its query ("/reports?year=2025"), its values
 * percent-encoded, without the parameter named LEAVE_OUT (NULL: none); in
 * REQ's arena, NULL when out of memory. */
const char *request_target(request *req, const char *leave_out);
/* True for requests to the JSON API. */
bool request_is_api(const request *req);

void response_init(response *resp);
void response_free(response *resp);
/* Adds a header; NAME and VALUE must outlive the response (arena or literal). */
bool response_header(response *resp, const char *name, const char *value);
/* Replaces the body with a redirect to LOCATION (303 See Other). */
void response_redirect(request *req, response *resp, const char *location);

#endif
