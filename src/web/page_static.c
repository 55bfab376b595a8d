/* page_static.c - files compiled into the binary, and the health check. */
#include "web/pages.h"
#include "util/embed.h"
#include <string.h>

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
}

void page_health(request *req, response *resp)
{
    int version = store_schema_version(req->db);
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
