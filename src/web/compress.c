/* compress.c - see compress.h. */
#include "web/compress.h"
#include "web/cache.h"
#include <ctype.h>
#include <malloc.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* Answers at least this large are followed by handing memory back. */
#define LARGE_RESPONSE (1u << 20)
/* Above this size a body is compressed at zlib's fastest level: a large
 * answer built per request must not cost more to pack than to make. */
#define GZIP_FAST_ABOVE (256u * 1024)

/* True when the comma-separated list HEADER holds TOKEN (case-insensitive)
 * without ";q=0". */
static bool list_has(const char *header, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *end = p + strcspn(p, ",");
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *word_end = semi ? semi : end;
        while (word_end > p && (word_end[-1] == ' ' || word_end[-1] == '\t'))
            word_end--;
        if ((size_t)(word_end - p) == n && strncasecmp(p, token, n) == 0) {
            if (!semi)
                return true;
            const char *q = strstr(semi, "q=");
            if (!q || q > end)
                return true;
            q += 2;
            /* q=0, q=0.0, q=0.000 refuse; anything else accepts */
            bool zero = *q == '0';
            for (q++; zero && q < end && *q != ' ' && *q != ';'; q++)
                if (*q != '.' && *q != '0')
                    zero = false;
            return !zero;
        }
        p = *end ? end + 1 : end;
    }
    return false;
}

bool accepts_gzip(const char *accept_encoding)
{
    return list_has(accept_encoding, "gzip");
}

bool etag_matches(const char *if_none_match, const char *etag)
{
    if (!if_none_match || !etag)
        return false;
    if (strcmp(if_none_match, "*") == 0)
        return true;
    size_t n = strlen(etag);
    for (const char *p = if_none_match; (p = strstr(p, etag)); p += n) {
        /* a weak validator W/"x" matches "x" for If-None-Match */
        char after = p[n];
        if (after == '\0' || after == ',' || after == ' ' || after == '\t')
            return true;
    }
    return false;
}

bool compressible(const char *content_type)
{
    static const char *const types[] = {"text/html", "application/json", "text/csv",
                                        "text/css", "text/javascript", "image/svg+xml"};
    if (!content_type)
        return false;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strncmp(content_type, types[i], strlen(types[i])) == 0)
            return true;
    return false;
}

bool gzip_compress(const char *data, size_t len, str *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    int level = len > GZIP_FAST_ABOVE ? 1 : 6;
    /* 15 window bits + 16: a gzip header and trailer rather than zlib's */
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t bound = deflateBound(&z, (uLong)len);
    if (!str_reserve(out, bound)) {
        deflateEnd(&z);
        return false;
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out->p + out->len;
    z.avail_out = (uInt)bound;
    int rc = len > UINT32_MAX ? Z_BUF_ERROR : deflate(&z, Z_FINISH);
    if (rc == Z_STREAM_END)
        out->len += z.total_out;
    deflateEnd(&z);
    if (out->p)
        out->p[out->len] = '\0';
    return rc == Z_STREAM_END;
}

static const char *header_of(const response *resp, const char *name)
{
    for (int i = 0; i < resp->nheaders; i++)
        if (strcasecmp(resp->header_names[i], name) == 0)
            return resp->header_values[i];
    return NULL;
}

/* Once per process, before the first answer: blocks of 128 KiB and more
 * come straight from the system and go straight back (glibc would otherwise
 * raise that threshold after the first large free and keep every later
 * large answer in its heap), and a free top of the heap beyond 1 MiB is
 * returned at once. */
static void memory_setup(void)
{
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
}

void response_prepare(const request *req, response *resp)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, memory_setup);
    if (resp->status != 200)
        return;
    if (etag_matches(req->if_none_match, header_of(resp, "ETag"))) {
        resp->status = 304;
        str_free(&resp->body);
        cache_release(resp->shared);
        resp->shared = NULL;
        if (resp->file)
            fclose(resp->file);
        resp->file = NULL;
        return;
    }
    if (!compressible(resp->content_type))
        return;
    if (!header_of(resp, "Vary") && !response_header(resp, "Vary", "Accept-Encoding"))
        return; /* no room to say it varies: send it as it is */
    if (header_of(resp, "Content-Encoding") || !accepts_gzip(req->accept_encoding))
        return;
    if (resp->file) {
        resp->gzip_file = response_header(resp, "Content-Encoding", "gzip");
        return;
    }
    if (resp->shared || resp->body.len < GZIP_MIN_BYTES)
        return;
    str packed = STR_INIT;
    if (gzip_compress(resp->body.p, resp->body.len, &packed) && packed.len < resp->body.len &&
        response_header(resp, "Content-Encoding", "gzip")) {
        str_free(&resp->body);
        resp->body = packed;
    } else
        str_free(&packed);
}

/* A file being gzipped on its way out. */
typedef struct gzip_stream {
    int fd;
    uint64_t offset; /* of the next byte to read */
    bool eof, done;
    z_stream z;
    unsigned char in[64 * 1024];
} gzip_stream;

/* MHD's reader: the next gzipped bytes of the file into BUF. */
static ssize_t gzip_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    gzip_stream *g = cls;
    if (g->done)
        return MHD_CONTENT_READER_END_OF_STREAM;
    g->z.next_out = (Bytef *)buf;
    g->z.avail_out = (uInt)(max > UINT32_MAX ? UINT32_MAX : max);
    while (g->z.avail_out > 0 && !g->done) {
        if (g->z.avail_in == 0 && !g->eof) {
            ssize_t n = pread(g->fd, g->in, sizeof g->in, (off_t)g->offset);
            if (n < 0)
                return MHD_CONTENT_READER_END_WITH_ERROR;
            g->eof = n == 0;
            g->offset += (uint64_t)n;
            g->z.next_in = g->in;
            g->z.avail_in = (uInt)n;
        }
        int rc = deflate(&g->z, g->eof ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            g->done = true;
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t made = (size_t)((char *)g->z.next_out - buf);
    return made ? (ssize_t)made : MHD_CONTENT_READER_END_OF_STREAM;
}

static void gzip_free(void *cls)
{
    gzip_stream *g = cls;
    deflateEnd(&g->z);
    close(g->fd);
    free(g);
}

struct MHD_Response *gzip_file_response(FILE *file)
{
    gzip_stream *g = calloc(1, sizeof *g);
    int fd = fileno(file);
    if (!g || fd < 0 || (g->fd = dup(fd)) < 0) {
        free(g);
        return NULL;
    }
    if (deflateInit2(&g->z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        close(g->fd);
        free(g);
        return NULL;
    }
    struct MHD_Response *r =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, gzip_read, g, gzip_free);
    if (!r)
        gzip_free(g);
    return r;
}

void response_done(store *db, size_t bytes)
{
    if (bytes < LARGE_RESPONSE)
        return;
    if (db)
        store_release_memory(db);
    malloc_trim(0);
}
