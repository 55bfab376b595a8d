/* server.c - libmicrohttpd glue: a request from a connection, the router's
 * response back onto it. Each worker thread has its own database connection. */
#include "web/server.h"
#include "web/router.h"
#include "web/pages.h"
#include "web/cache.h"
#include "web/compress.h"
#include "util/i18n.h"
#include <errno.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREAD_DBS 64
#define DEFAULT_PER_ADDRESS 128  /* connections one address may hold at once: an office
                                    behind one NAT address opens a few per browser */
#define IDLE_SECONDS 30          /* a connection that sends nothing this long goes */
#define DEFAULT_HEADER_SECONDS 20 /* the whole request head must arrive in this time */
#define FD_RESERVE 64            /* descriptors kept for the database files and logs */
#define MAX_UPLOADERS 32         /* callers sending a large body at the same time */

/* A connection the deadline watch knows: waiting for a request head since
 * SINCE (monotonic seconds), or busy with a request. */
typedef struct watched {
    struct watched *prev, *next;
    int fd;
    time_t since;
    bool busy;
} watched;

/* The bytes of large bodies in flight for one caller. */
typedef struct upload_charge {
    int64_t user_id;
    size_t bytes;
} upload_charge;

struct server {
    struct MHD_Daemon *daemon;
    char *db_target;
    char *org;
    bool site; /* a PostgreSQL site without --org: every organisation */
    bool behind_tls_proxy;
    char *public_url; /* serve --public-url, or NULL */
    char *local_url;  /* http://HOST:PORT this server listens on; NULL for --port 0 */
    int header_seconds;
    pthread_mutex_t lock;
    store *dbs[MAX_THREAD_DBS]; /* every connection opened, closed on stop */
    int ndbs;
    upload_charge uploads[MAX_UPLOADERS];
    /* The deadline watch: its thread, and the connections it watches. */
    pthread_mutex_t watch_lock;
    pthread_cond_t watch_wake;
    pthread_t watch_thread;
    bool watch_running, watch_stop;
    watched *conns;
};

/* One request as it arrives: the request read from its head, its body, and
 * the status to answer without running a handler (0: none). */
typedef struct pending {
    arena a;
    request req;
    str body;
    size_t limit;       /* the most this request may send */
    int64_t charged_to; /* the caller whose upload allowance carries the body */
    size_t charged;
    int refuse;
} pending;

/* Monotonic seconds. */
static time_t now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static _Thread_local store *thread_db;
static _Thread_local server *thread_db_owner;

static store *db_for_thread(server *s)
{
    if (thread_db && thread_db_owner == s)
        return thread_db;
    str err = STR_INIT;
    store *db = NULL;
    pthread_mutex_lock(&s->lock);
    bool room = s->ndbs < MAX_THREAD_DBS;
    if (room && store_open_org(s->db_target, s->org, &db, &err) == STORE_OK)
        s->dbs[s->ndbs++] = db;
    pthread_mutex_unlock(&s->lock);
    if (!db && room)
        router_log_unreachable(str_cstr(&err));
    else if (!db) /* the database is fine: this server has no room left */
        server_log(N_("no room for one more database connection (%d)"), MAX_THREAD_DBS);
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
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                            "form-action 'self'; base-uri 'none'");
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

/* Charges N more bytes of a large body to P's caller; false when the caller
 * already sends REQUEST_UPLOAD_BODY bytes at once (or too many callers do). */
static bool charge_upload(server *s, pending *p, size_t n)
{
    bool ok = false;
    pthread_mutex_lock(&s->lock);
    upload_charge *slot = NULL, *free_slot = NULL;
    for (int i = 0; i < MAX_UPLOADERS; i++) {
        if (s->uploads[i].user_id == p->req.user.id && s->uploads[i].bytes)
            slot = &s->uploads[i];
        else if (!s->uploads[i].bytes && !free_slot)
            free_slot = &s->uploads[i];
    }
    if (!slot && free_slot) {
        slot = free_slot;
        slot->user_id = p->req.user.id;
    }
    if (slot && slot->bytes + n <= REQUEST_UPLOAD_BODY) {
        slot->bytes += n;
        p->charged += n;
        p->charged_to = slot->user_id;
        ok = true;
    }
    pthread_mutex_unlock(&s->lock);
    return ok;
}

/* Gives back what P's body was charged. */
static void release_upload(server *s, pending *p)
{
    if (!p->charged)
        return;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < MAX_UPLOADERS; i++)
        if (s->uploads[i].user_id == p->charged_to && s->uploads[i].bytes >= p->charged) {
            s->uploads[i].bytes -= p->charged;
            break;
        }
    pthread_mutex_unlock(&s->lock);
    p->charged = 0;
}

/* True for a header name made of RFC 9110 token characters only: "Host "
 * (a space before the colon) is not one. */
static bool header_name_ok(const char *name)
{
    if (!*name)
        return false;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        if (*c <= ' ' || *c >= 127 || strchr("\"(),/:;<=>?@[\\]{}", *c))
            return false;
    return true;
}

/* True when VALUE follows NAME on its own header line: "Name:", blanks, the
 * value. libmicrohttpd 0.9.75 (Debian 12) has no option to refuse a folded
 * line (obs-fold, "X: a" then " b"): it appends the continuation to the name
 * and moves that name elsewhere in its buffer, so a folded header is the one
 * whose value does not follow its name. (Newer versions refuse folds
 * themselves; there every name is followed by its value and this passes.) */
static bool value_follows_name(const char *name, const char *value)
{
    if (!value)
        return true;
    size_t len = strlen(name);
    uintptr_t after = (uintptr_t)name + len + 1, at = (uintptr_t)value;
    if (at < after || at - after > 256)
        return false;
    for (const char *p = name + len + 1; p < value; p++)
        if (*p != ' ' && *p != '\t')
            return false;
    return true;
}

static enum MHD_Result check_header_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                         const char *value)
{
    (void)kind;
    bool *ok = cls;
    if (!header_name_ok(key) || !value_follows_name(key, value))
        *ok = false;
    return *ok ? MHD_YES : MHD_NO;
}

/* The path of an absolute-form request target ("http://host:port/path"), or
 * URL itself when it is already a path. */
static const char *origin_path(const char *url)
{
    const char *rest = NULL;
    if (strncasecmp(url, "http://", 7) == 0)
        rest = url + 7;
    else if (strncasecmp(url, "https://", 8) == 0)
        rest = url + 8;
    if (!rest)
        return url;
    const char *slash = strchr(rest, '/');
    return slash ? slash : "/";
}

/* The client's address as text in arena A, or NULL. */
static const char *client_address(arena *a, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr || info->client_addr->sa_family != AF_INET)
        return NULL;
    char text[INET_ADDRSTRLEN];
    const struct sockaddr_in *in = (const struct sockaddr_in *)info->client_addr;
    if (!inet_ntop(AF_INET, &in->sin_addr, text, sizeof text))
        return NULL;
    return arena_strdup(a, text);
}

/* Marks C's connection busy with a request (or waiting for the next one),
 * for the deadline watch. */
static void watch_busy(server *s, struct MHD_Connection *c, bool busy)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    watched *w = info ? info->socket_context : NULL;
    if (!w)
        return;
    pthread_mutex_lock(&s->watch_lock);
    w->busy = busy;
    w->since = now_seconds();
    pthread_mutex_unlock(&s->watch_lock);
}

/* Fills P's request from the head of C's request; false when out of memory.
 * A head we refuse sets p->refuse. */
static bool start_request(server *s, struct MHD_Connection *c, pending *p, const char *method,
                          const char *url)
{
    request *req = &p->req;
    if (!request_init(req, &p->a, db_for_thread(s), method, origin_path(url)))
        return false;
    req->site = s->site;
    if (!s->site)
        req->org = s->org; /* serve --org: the one organisation, by its slug */
    bool names_ok = true;
    MHD_get_connection_values(c, MHD_HEADER_KIND, check_header_name, &names_ok);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, req);
    if (!params_parse_cookies(&p->a, &req->cookies, header(c, "Cookie")))
        return false;
    req->accept_language = header(c, "Accept-Language");
    req->authorization = header(c, "Authorization");
    req->content_type = header(c, "Content-Type");
    req->csrf_header = header(c, "X-CSRF-Token");
    req->accept_encoding = header(c, "Accept-Encoding");
    req->if_none_match = header(c, "If-None-Match");
    req->host = header(c, "Host");
    req->remote_addr = client_address(&p->a, c);
    /* Only a proxy we were told about may say the client came over TLS, and
     * who the client is (the address it added last to X-Forwarded-For). */
    const char *proto = header(c, "X-Forwarded-Proto");
    req->tls = s->behind_tls_proxy && proto && strcmp(proto, "https") == 0;
    req->public_url = s->public_url;
    req->local_url = s->local_url;
    const char *forwarded = s->behind_tls_proxy ? header(c, "X-Forwarded-For") : NULL;
    if (forwarded) {
        const char *last = strrchr(forwarded, ',');
        last = last ? last + 1 : forwarded;
        last += strspn(last, " \t");
        size_t n = strcspn(last, " \t");
        if (n > 0 && n < 64)
            req->remote_addr = arena_strndup(&p->a, last, n);
    }
    if (!req->db) {
        p->refuse = 503;
        return true;
    }
    if (!names_ok) {
        p->refuse = 400;
        return true;
    }
    p->limit = router_body_limit(req);
    if (!p->limit) {
        p->refuse = 500;
        return true;
    }
    /* A declared length over the limit is refused before any of it is read
     * (libmicrohttpd has refused one that is not a number). */
    const char *length = header(c, "Content-Length");
    long long declared;
    if (length && number_parse(length, 0, LLONG_MAX, &declared) &&
        (unsigned long long)declared > p->limit)
        p->refuse = 413;
    return true;
}

/* Sends the answer to P: the router's, or the refusal P carries. */
static enum MHD_Result answer(struct MHD_Connection *c, pending *p)
{
    response resp;
    response_init(&resp);
    request *req = &p->req;
    if (p->refuse == 503) {
        resp.status = 503;
        resp.content_type = "text/plain; charset=utf-8";
        str_puts(&resp.body, "database unavailable\n");
        response_header(&resp, "Retry-After", "5");
    } else if (p->refuse) {
        router_refuse(req, &resp, p->refuse, NULL);
    } else {
        router_handle(req, &resp);
    }
    /* What the answer made, for giving memory back after large ones. */
    size_t made = resp.body.len > resp.made ? resp.body.len : resp.made;
    enum MHD_Result rc = send_response(c, req, &resp);
    response_free(&resp);
    response_done(req->db, made);
    return rc;
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
        watch_busy(s, c, true);
        if (!start_request(s, c, p, method, url))
            return MHD_NO;
        /* A refused head is answered now: its body is never read. */
        return p->refuse ? answer(c, p) : MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (p->refuse)
            return MHD_YES; /* the rest of a refused body is read and dropped */
        if (p->body.len + n > p->limit ||
            (p->limit > REQUEST_SMALL_BODY && !charge_upload(s, p, n))) {
            p->refuse = 413;
            str_free(&p->body);
            release_upload(s, p);
        } else if (!str_append(&p->body, upload_data, n)) {
            return MHD_NO;
        }
        return MHD_YES;
    }
    request *req = &p->req;
    req->body = p->body.p;
    req->body_len = p->body.len;
    if (!p->refuse && req->content_type &&
        strncmp(req->content_type, "multipart/form-data", 19) == 0 &&
        (!p->body.p || !request_parse_multipart(req, req->content_type, p->body.p, p->body.len)))
        p->refuse = 400;
    return answer(c, p);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)code;
    server *s = cls;
    pending *p = *con_cls;
    if (p) {
        release_upload(s, p);
        str_free(&p->body);
        arena_free(&p->a);
        free(p);
    }
    *con_cls = NULL;
    watch_busy(s, c, false);
}

/* Tracks every connection for the deadline watch. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        watched *w = info ? calloc(1, sizeof *w) : NULL;
        if (!w)
            return; /* not watched; the idle timeout still applies */
        w->fd = info->connect_fd;
        w->since = now_seconds();
        pthread_mutex_lock(&s->watch_lock);
        w->next = s->conns;
        if (s->conns)
            s->conns->prev = w;
        s->conns = w;
        pthread_mutex_unlock(&s->watch_lock);
        *socket_context = w;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        watched *w = *socket_context;
        pthread_mutex_lock(&s->watch_lock);
        if (w->prev)
            w->prev->next = w->next;
        else
            s->conns = w->next;
        if (w->next)
            w->next->prev = w->prev;
        pthread_mutex_unlock(&s->watch_lock);
        free(w);
        *socket_context = NULL;
    }
}

/* The deadline watch: once a second, ends every connection whose request
 * head has not arrived within header_seconds (a slow sender that the idle
 * timeout alone would let stay, a byte at a time). Shutting the socket down
 * under the lock is safe: MHD closes the descriptor only after telling
 * on_connection, which needs the same lock. */
static void *watch_deadlines(void *arg)
{
    server *s = arg;
    pthread_mutex_lock(&s->watch_lock);
    while (!s->watch_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&s->watch_wake, &s->watch_lock, &until);
        time_t now = now_seconds();
        for (watched *w = s->conns; w; w = w->next)
            if (!w->busy && now - w->since >= s->header_seconds) {
                shutdown(w->fd, SHUT_RDWR);
                w->busy = true; /* once is enough */
            }
    }
    pthread_mutex_unlock(&s->watch_lock);
    return NULL;
}

/* The language the server's own log lines are written in: the one it was
 * started in (server_start). */
static const char *log_lang = I18N_DEFAULT;

void server_log(const char *fmt, ...)
{
    const char *was = i18n_lang();
    i18n_set_lang(log_lang);
    str line = STR_INIT;
    str_puts(&line, "groeipad: ");
    va_list ap;
    va_start(ap, fmt);
    str_vprintf(&line, _(fmt), ap);
    va_end(ap);
    str_puts(&line, "\n");
    i18n_set_lang(was);
    fputs(str_ok(&line) ? str_cstr(&line) : "groeipad: (a log line did not fit in memory)\n",
          stderr); /* one write: lines of two threads do not mix */
    str_free(&line);
}

/* libmicrohttpd's messages, at most LOG_PER_SECOND a second: under a flood
 * of connections it would write one line for each refused one. */
#define LOG_PER_SECOND 5

static void log_limited(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static time_t second;
    static int written;
    static long dropped;
    time_t now = now_seconds();
    pthread_mutex_lock(&lock);
    if (now != second) {
        if (dropped)
            fprintf(stderr, "groeipad: %ld more server messages left out\n", dropped);
        second = now;
        written = 0;
        dropped = 0;
    }
    if (written < LOG_PER_SECOND) {
        written++;
        vfprintf(stderr, fmt, ap);
    } else {
        dropped++;
    }
    pthread_mutex_unlock(&lock);
}

/* Raises the soft limit of open descriptors to the hard one; returns the
 * limit now in force. */
static rlim_t raise_fd_limit(void)
{
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
        getrlimit(RLIMIT_NOFILE, &lim);
    }
    return lim.rlim_cur;
}

/* True when the organisation's setting behind_tls_proxy is yes (read once,
 * when the server starts). */
static bool proxy_setting(const char *target, const char *org)
{
    store *db = NULL;
    str e = STR_INIT, v = STR_INIT;
    bool yes = store_open_org(target, org, &db, &e) == STORE_OK &&
               settings_get(db, "behind_tls_proxy", &v) == STORE_ROW &&
               strcmp(str_cstr(&v), "yes") == 0;
    store_close(db);
    str_free(&e);
    str_free(&v);
    return yes;
}

/* Whether ADDR can be listened on, tried with a socket of our own before
 * libmicrohttpd takes it: false, with ERR saying why in words a person can
 * act on (libmicrohttpd only tells that binding failed, naming port 0 for
 * an address given whole). GIVEN is the address as given, or NULL. */
static bool address_free(const struct sockaddr_in *addr, const char *given, str *err)
{
    const char *host = given ? given : "0.0.0.0";
    int port = ntohs(addr->sin_port);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        str_printf(err, _("cannot make a socket: %s"), strerror(errno));
        return false;
    }
    int one = 1;
    int failure = 0;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (const struct sockaddr *)addr, sizeof *addr) != 0)
        failure = errno;
    close(fd);
    if (failure == EADDRINUSE && given)
        str_printf(err, _("port %d on %s is in use: another program (another groeipad "
                          "serve?) listens there; choose another with --port"), port, host);
    else if (failure == EADDRINUSE) /* every address of the machine was asked for */
        str_printf(err, _("port %d is in use: another program (another groeipad serve?) "
                          "listens there; choose another with --port"), port);
    else if (failure == EACCES && port > 0 && port < 1024)
        str_printf(err, _("port %d needs the rights of root (ports below 1024); choose "
                          "another with --port, such as 8080"), port);
    else if (failure == EADDRNOTAVAIL)
        str_printf(err, _("%s is not an address of this machine (--bind)"), host);
    else if (failure)
        str_printf(err, _("cannot listen on %s:%d: %s"), host, port, strerror(failure));
    return failure == 0;
}

bool server_local_url(const server_config *cfg, str *out)
{
    if (cfg->port <= 0)
        return false;
    str_printf(out, "http://%s:%d",
               cfg->bind && strcmp(cfg->bind, "0.0.0.0") ? cfg->bind : "localhost", cfg->port);
    return str_ok(out);
}

server *server_start(const server_config *cfg, str *err)
{
    log_lang = i18n_lang();
    server *s = calloc(1, sizeof *s);
    if (!s || !(s->db_target = strdup(cfg->db_target)) ||
        (cfg->org && !(s->org = strdup(cfg->org))) ||
        (cfg->public_url && !(s->public_url = strdup(cfg->public_url)))) {
        if (s) {
            free(s->db_target);
            free(s->org);
        }
        free(s);
        str_puts(err, "out of memory");
        return NULL;
    }
    s->site = store_target_is_pg(cfg->db_target) && !cfg->org;
    /* The option says yes whatever the setting says; a site serves many
     * organisations, so there only the option counts. */
    s->behind_tls_proxy = cfg->behind_tls_proxy ||
                          (!s->site && proxy_setting(cfg->db_target, cfg->org));
    s->header_seconds = cfg->header_seconds > 0 ? cfg->header_seconds : DEFAULT_HEADER_SECONDS;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->watch_lock, NULL);
    pthread_cond_init(&s->watch_wake, NULL);
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
    if (!address_free(&addr, cfg->bind, err)) {
        server_stop(s);
        return NULL;
    }
    /* Known before the first request (a port the system chooses is not):
     * what badges name when no public_url is set anywhere. */
    str url = STR_INIT;
    if (server_local_url(cfg, &url) && !(s->local_url = strdup(str_cstr(&url)))) {
        str_free(&url);
        str_puts(err, "out of memory");
        server_stop(s);
        return NULL;
    }
    str_free(&url);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads : cores > 0 ? (unsigned)cores : 2;
    if (threads > MAX_THREAD_DBS)
        threads = MAX_THREAD_DBS;
    rlim_t fds = raise_fd_limit();
    unsigned limit = fds > 2 * FD_RESERVE ? (unsigned)(fds - FD_RESERVE) : FD_RESERVE;
    unsigned per_address = cfg->max_per_address > 0 ? (unsigned)cfg->max_per_address
                                                    : DEFAULT_PER_ADDRESS;
    if (pthread_create(&s->watch_thread, NULL, watch_deadlines, s) != 0) {
        str_puts(err, "cannot start a thread");
        server_stop(s);
        return NULL;
    }
    s->watch_running = true;
    /* STRICT_FOR_CLIENT: an HTTP/1.1 request without Host gets 400. No
     * LISTENING_ADDRESS_REUSE (SO_REUSEPORT): a second serve on a port in
     * use would start and take half of the requests. MHD's own SO_REUSEADDR
     * still lets a restart take the port at once. */
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, s, MHD_OPTION_EXTERNAL_LOGGER, log_limited, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
        MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
        MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
    if (!s->daemon) {
        str_printf(err, _("cannot listen on %s:%d (in use, or not allowed)"),
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
    if (s->watch_running) {
        pthread_mutex_lock(&s->watch_lock);
        s->watch_stop = true;
        pthread_cond_signal(&s->watch_wake);
        pthread_mutex_unlock(&s->watch_lock);
        pthread_join(s->watch_thread, NULL);
    }
    while (s->conns) { /* none after the daemon stopped; kept for safety */
        watched *w = s->conns;
        s->conns = w->next;
        free(w);
    }
    pthread_cond_destroy(&s->watch_wake);
    pthread_mutex_destroy(&s->watch_lock);
    for (int i = 0; i < s->ndbs; i++)
        store_close(s->dbs[i]);
    pthread_mutex_destroy(&s->lock);
    free(s->db_target);
    free(s->org);
    free(s->public_url);
    free(s->local_url);
    free(s);
}

int server_run(const server_config *cfg, void (*ready)(int port, void *ctx), void *ctx,
               str *err)
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
    if (ready)
        ready(server_port(s), ctx);
    int sig;
    sigwait(&set, &sig);
    server_stop(s);
    return 0;
}
