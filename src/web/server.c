/* server.c - libmicrohttpd glue: a request from a connection, the router's
 * response back onto it. Each worker thread has its own database connection. */
#include "web/server.h"
#include "web/router.h"
#include "web/pages.h"
#include "web/cache.h"
#include "web/compress.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_BODY (256u * 1024 * 1024) /* uploads of large imports */
#define MAX_THREAD_DBS 64

struct server {
    struct MHD_Daemon *daemon;
    char *db_target;
    pthread_mutex_t lock;
    store *dbs[MAX_THREAD_DBS]; /* every connection opened, closed on stop */
    int ndbs;
};

/* The body of a request as it arrives. */
typedef struct pending {
    str body;
    bool too_big;
} pending;

static _Thread_local store *thread_db;
static _Thread_local server *thread_db_owner;

static store *db_for_thread(server *s)
{
    if (thread_db && thread_db_owner == s)
        return thread_db;
    str err = STR_INIT;
    store *db = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->ndbs < MAX_THREAD_DBS && store_open(s->db_target, &db, &err) == STORE_OK)
        s->dbs[s->ndbs++] = db;
    pthread_mutex_unlock(&s->lock);
    str_free(&err);
    thread_db = db;
    thread_db_owner = s;
    return db;
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    request *req = cls;
    const char *name = arena_strdup(req->a, key);
    return name && params_add(req->a, &req->query, name, value ? value : "",
                              value ? strlen(value) : 0) ? MHD_YES : MHD_NO;
}

/* MHD's callback when it is done with a cached answer's body. */
static void release_shared(void *entry)
{
    cache_release(entry);
}

/* The MHD response for RESP's body: its buffer, its file (by a duplicate
 * descriptor, which MHD closes), so a large download is never in memory, or
 * a cached answer, sent from the cache without a copy. */
static struct MHD_Response *response_body(response *resp)
{
    if (resp->shared) {
        cache_entry *e = resp->shared;
        int fd = cache_fd(e) >= 0 ? dup(cache_fd(e)) : -1;
        if (fd >= 0) { /* a large answer: from its file, by sendfile */
            struct MHD_Response *r = MHD_create_response_from_fd64(cache_len(e), fd);
            if (!r)
                close(fd);
            return r;
        }
        struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback_cls(
            cache_len(e), (void *)(uintptr_t)cache_body(e), release_shared, e);
        if (r)
            resp->shared = NULL; /* MHD holds the reference now */
        return r;
    }
    if (resp->file && resp->gzip_file)
        return gzip_file_response(resp->file);
    if (resp->file) {
        struct stat st;
        int fd = fileno(resp->file);
        if (fd < 0 || fstat(fd, &st) != 0 || (fd = dup(fd)) < 0)
            return NULL;
        struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
        if (!r)
            close(fd);
        return r;
    }
    size_t len = resp->body.len;
    char *body = str_steal(&resp->body);
    if (!body)
        return NULL;
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r)
        free(body);
    return r;
}

static enum MHD_Result send_response(struct MHD_Connection *c, const request *req,
                                     response *resp)
{
    response_prepare(req, resp);
    struct MHD_Response *r = response_body(resp);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", resp->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    for (int i = 0; i < resp->nheaders; i++)
        MHD_add_response_header(r, resp->header_names[i], resp->header_values[i]);
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return rc;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    server *s = cls;
    pending *p = *con_cls;
    if (!p) {
        if (!(p = calloc(1, sizeof *p)))
            return MHD_NO;
        *con_cls = p;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (p->body.len + *upload_data_size > MAX_BODY)
            p->too_big = true;
        else if (!str_append(&p->body, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    arena a = ARENA_INIT;
    request req;
    response resp;
    response_init(&resp);
    store *db = db_for_thread(s);
    if (!request_init(&req, &a, db, method, url)) {
        arena_free(&a);
        return MHD_NO;
    }
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, &req);
    params_parse_cookies(&a, &req.cookies, header(c, "Cookie"));
    req.accept_language = header(c, "Accept-Language");
    req.authorization = header(c, "Authorization");
    req.content_type = header(c, "Content-Type");
    req.csrf_header = header(c, "X-CSRF-Token");
    req.accept_encoding = header(c, "Accept-Encoding");
    req.if_none_match = header(c, "If-None-Match");
    const char *proto = header(c, "X-Forwarded-Proto");
    req.tls = proto && strcmp(proto, "https") == 0;
    req.body = p->body.p;
    req.body_len = p->body.len;
    bool bad_upload = req.content_type &&
                      strncmp(req.content_type, "multipart/form-data", 19) == 0 &&
                      (!p->body.p || !request_parse_multipart(&req, req.content_type, p->body.p,
                                                              p->body.len));
    if (!db) {
        resp.status = 503;
        resp.content_type = "text/plain; charset=utf-8";
        str_puts(&resp.body, "database unavailable\n");
    } else if (p->too_big) {
        router_handle(&req, &resp); /* for the caller's language and identity */
        respond_error(&req, &resp, 413, NULL);
    } else if (bad_upload) {
        router_handle(&req, &resp);
        respond_error(&req, &resp, 400, NULL);
    } else {
        router_handle(&req, &resp);
    }
    size_t made = resp.body.len > resp.made ? resp.body.len : resp.made;
    enum MHD_Result rc = send_response(c, &req, &resp);
    response_free(&resp);
    arena_free(&a);
    response_done(db, made);
    return rc;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)c, (void)code;
    pending *p = *con_cls;
    if (p) {
        str_free(&p->body);
        free(p);
    }
    *con_cls = NULL;
}

server *server_start(const server_config *cfg, str *err)
{
    server *s = calloc(1, sizeof *s);
    if (!s || !(s->db_target = strdup(cfg->db_target))) {
        free(s);
        str_puts(err, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (cfg->bind && inet_pton(AF_INET, cfg->bind, &addr.sin_addr) != 1) {
        str_printf(err, "not an IPv4 address: %s", cfg->bind);
        server_stop(s);
        return NULL;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads : cores > 0 ? (unsigned)cores : 2;
    if (threads > MAX_THREAD_DBS)
        threads = MAX_THREAD_DBS;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_END);
    if (!s->daemon) {
        str_printf(err, "cannot listen on %s:%d (in use, or not allowed)",
                   cfg->bind ? cfg->bind : "0.0.0.0", cfg->port);
        server_stop(s);
        return NULL;
    }
    return s;
}

int server_port(const server *s)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

void server_stop(server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (int i = 0; i < s->ndbs; i++)
        store_close(s->dbs[i]);
    pthread_mutex_destroy(&s->lock);
    free(s->db_target);
    free(s);
}

int server_run(const server_config *cfg, str *err)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    /* Block before the workers start, so that they inherit the mask. */
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    server *s = server_start(cfg, err);
    if (!s)
        return -1;
    int sig;
    sigwait(&set, &sig);
    server_stop(s);
    return 0;
}
