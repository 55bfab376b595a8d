/* page_static.c - files compiled into the binary, and the health check. */
#include "web/pages.h"
#include "util/embed.h"
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *content_type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return "application/octet-stream";
    if (strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (strcmp(dot, ".json") == 0)
        return "application/json";
    return "application/octet-stream";
}

/* The files are compiled into the binary: they changed when the binary did. */
static char last_modified[40];

static void last_modified_init(void)
{
    struct stat st;
    time_t t = stat("/proc/self/exe", &st) == 0 ? st.st_mtime : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        !strftime(last_modified, sizeof last_modified, "%a, %d %b %Y %H:%M:%S GMT", &tm))
        last_modified[0] = '\0';
}

/* A strong ETag for F: a digest of its bytes (64-bit FNV-1a), in A. */
static const char *etag_of(arena *a, const struct embedded_file *f)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < f->len; i++)
        h = (h ^ f->data[i]) * 0x100000001b3ull;
    char buf[24];
    snprintf(buf, sizeof buf, "\"%016" PRIx64 "\"", h);
    return arena_strdup(a, buf);
}

void page_static(request *req, response *resp)
{
    const struct embedded_file *f = req->arg ? embed_find(embedded_static, req->arg) : NULL;
    if (!f) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    resp->content_type = content_type_of(f->name);
    str_append(&resp->body, (const char *)f->data, f->len);
    response_header(resp, "Cache-Control", "public, max-age=3600");
    /* a 304 for a matching If-None-Match is response_prepare's (compress.c) */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, last_modified_init);
    const char *etag = etag_of(req->a, f);
    if (etag)
        response_header(resp, "ETag", etag);
    if (last_modified[0])
        response_header(resp, "Last-Modified", last_modified);
}

void page_health(request *req, response *resp)
{
    int version = store_schema_version(req->db);
    if (!store_reachable(req->db)) { /* the router answers 503 "unavailable" */
        respond_error(req, resp, 500, NULL);
        return;
    }
    resp->content_type = "application/json";
    str_printf(&resp->body, "{\"status\":\"%s\",\"schema\":%d}\n", version > 0 ? "ok" : "empty",
               version);
    resp->status = version > 0 ? 200 : 503;
}

/* /favicon.ico: browsers that ask for it at the root get the SVG icon the
 * pages link to. */
void page_favicon(request *req, response *resp)
{
    req->arg = "favicon.svg";
    page_static(req, resp);
}

void api_openapi(request *req, response *resp)
{
    req->arg = "openapi.json";
    page_static(req, resp);
}
