/* fuzz_form.c - form, query and cookie decoding and multipart uploads
 * (web/request.c), as the server feeds them.
 *
 * The first byte picks what the rest is: 0 a urlencoded body, 1 a request
 * target with a query, 2 a Cookie header, 3 a multipart body whose first line
 * is the Content-Type. Every decoded value must fit what it came from. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "web/http.h"

/* Every value: no longer than its recorded length, within the input's size. */
static void check_params(const params *p, size_t size)
{
    for (size_t i = 0; i < p->n; i++)
        if (!p->v[i].name || strlen(p->v[i].value) > p->v[i].value_len ||
            p->v[i].value_len > size)
            abort();
}

/* Content-Type line, then the body, as request_parse_multipart gets them. */
static void check_multipart(request *req, const char *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t tlen = nl ? (size_t)(nl - data) : size;
    char *type = strndup(data, tlen);
    size_t blen = nl ? size - tlen - 1 : 0;
    char *body = malloc(blen ? blen : 1);
    if (!type || !body)
        abort();
    memcpy(body, nl ? nl + 1 : data, blen);
    if (request_parse_multipart(req, type, body, blen)) {
        for (size_t i = 0; i < req->nuploads; i++)
            if (!req->uploads[i].field || !req->uploads[i].filename ||
                strlen(req->uploads[i].data) > req->uploads[i].len || req->uploads[i].len > blen)
                abort();
        check_params(&req->form, blen);
    }
    free(type);
    free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    arena a = ARENA_INIT;
    request req;
    if (!request_init(&req, &a, NULL, "POST", "/x"))
        abort();
    switch (data[0] % 4) {
    case 0:
        /* Exactly N bytes, so that reading one past the end is caught. */
        {
            char *body = malloc(n ? n : 1);
            if (!body)
                abort();
            memcpy(body, text, n);
            if (params_parse_urlencoded(&a, &req.form, body, n))
                check_params(&req.form, n);
            free(body);
        }
        break;
    case 1: {
        char *target = strndup(text, n);
        if (target && request_init(&req, &a, NULL, "GET", target)) {
            check_params(&req.query, n);
            if (!req.path || strlen(req.path) > n)
                abort();
        }
        free(target);
        break;
    }
    case 2: {
        char *header = strndup(text, n);
        if (header && params_parse_cookies(&a, &req.cookies, header))
            check_params(&req.cookies, n);
        free(header);
        break;
    }
    default:
        check_multipart(&req, text, n);
        break;
    }
    arena_free(&a);
    return 0;
}
