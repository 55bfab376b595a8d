/* helpers.c - see helpers.h. */
#include "helpers.h"
#include "web/cache.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <ftw.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include <libpq-fe.h>
#include "cli/cli.h"
#include "store/orgs.h"
#include "util/crypto.h"
#include "web/router.h"

static char test_dir_path[] = "/tmp/groeipad-test-XXXXXX";
static pid_t test_dir_owner;

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *at)
{
    (void)st;
    (void)type;
    (void)at;
    (void)remove(path); /* what cannot go is left, not fatal */
    return 0;
}

/* At exit: the run's directory goes, with every file in it (a run of every
 * suite left some 300 MB), unless GROEIPAD_KEEP_TEST_DIR is set to look at
 * them. Only by the process that made it, not by a forked child. */
static void remove_test_dir(void)
{
    if (getpid() != test_dir_owner || getenv("GROEIPAD_KEEP_TEST_DIR"))
        return;
    (void)nftw(test_dir_path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *test_dir(void)
{
    static bool made;
    if (!made) {
        assert_non_null(mkdtemp(test_dir_path));
        test_dir_owner = getpid();
        atexit(remove_test_dir);
        made = true;
    }
    return test_dir_path;
}

const char *test_path(const char *name)
{
    /* One slot per name, so a path stays valid for the whole run. */
    static char names[128][64], paths[128][512];
    static int used;
    for (int i = 0; i < used; i++)
        if (strcmp(names[i], name) == 0)
            return paths[i];
    assert_true(used < 128 && strlen(name) < sizeof names[0]);
    snprintf(names[used], sizeof names[used], "%s", name);
    snprintf(paths[used], sizeof paths[used], "%s/%s", test_dir(), name);
    return paths[used++];
}

const char *test_pg(void)
{
    const char *url = getenv("GROEIPAD_TEST_PG");
    return url && *url ? url : NULL;
}

const char *test_org(const char *path)
{
    static char paths[64][512], slugs[64][48];
    static int made;
    for (int i = 0; i < made; i++)
        if (strcmp(paths[i], path) == 0)
            return slugs[i];
    assert_true(made < 64 && strlen(path) < sizeof paths[0]);
    /* The file's name, made a slug, after the process: unique on the site. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *slug = slugs[made];
    int n = snprintf(slug, sizeof slugs[0], "t%d_", (int)getpid());
    for (const char *p = base; *p && *p != '.' && n < (int)sizeof slugs[0] - 1; p++)
        slug[n++] = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '_';
    slug[n] = '\0';
    snprintf(paths[made], sizeof paths[0], "%s", path);
    store *site;
    str err = STR_INIT;
    int applied;
    if (store_open(test_pg(), &site, &err) != STORE_OK)
        fail_msg("test site: %s", str_cstr(&err));
    assert_int_equal(store_migrate(site, &applied), STORE_OK);
    int added = orgs_add(site, slug, base);
    if (added != STORE_OK)
        fail_msg("org add %s: %s", slug, store_error(site));
    store_close(site);
    made++;
    return slug;
}

void test_target(const char *path, const char **target, const char **org)
{
    *target = test_pg() ? test_pg() : path;
    *org = test_pg() ? test_org(path) : NULL;
}

store *test_store_open(const char *path)
{
    const char *target, *org;
    test_target(path, &target, &org);
    str err = STR_INIT;
    store *db;
    int applied;
    if (store_open_org(target, org, &db, &err) != STORE_OK)
        fail_msg("open %s: %s", path, str_cstr(&err));
    assert_int_equal(store_migrate(db, &applied), STORE_OK);
    str_free(&err);
    return db;
}

store *demo_store(const char *path)
{
    assert_true(crypto_start());
    str err = STR_INIT;
    store *db = test_store_open(path);
    assert_int_equal(demo_fill(db, date_today(), &err), STORE_OK);
    str_free(&err);
    return db;
}

void run_request(exchange *x, store *db, const char *method, const char *target,
                 const char *cookies, const char *body, const char *authorization)
{
    memset(x, 0, sizeof *x);
    assert_true(request_init(&x->req, &x->a, db, method, target));
    if (cookies)
        assert_true(params_parse_cookies(&x->a, &x->req.cookies, cookies));
    if (body) {
        x->req.body = body;
        x->req.body_len = strlen(body);
        x->req.content_type = "application/x-www-form-urlencoded";
    }
    x->req.authorization = authorization;
    response_init(&x->resp);
    router_handle(&x->req, &x->resp);
    /* An answer from the page cache: its bytes become the body the tests
     * read (the server sends them from the cache entry itself). */
    if (x->resp.shared)
        assert_true(str_append(&x->resp.body, cache_body(x->resp.shared),
                               cache_len(x->resp.shared)));
    if (x->resp.file) { /* a download: its file becomes the body the tests read */
        char buf[8192];
        size_t n;
        rewind(x->resp.file);
        while ((n = fread(buf, 1, sizeof buf, x->resp.file)) > 0)
            assert_true(str_append(&x->resp.body, buf, n));
    }
}

const char *exchange_body(const exchange *x)
{
    return str_cstr(&x->resp.body);
}

int status_as(store *db, const char *login, const char *password, const char *target)
{
    char csrf[65];
    char *cookie = login_cookie(db, login, password, csrf);
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    int status = x.resp.status;
    exchange_free(&x);
    free(cookie);
    return status;
}

void exchange_free(exchange *x)
{
    response_free(&x->resp);
    arena_free(&x->a);
}

const char *response_get_header(const response *resp, const char *name)
{
    for (int i = 0; i < resp->nheaders; i++)
        if (strcasecmp(resp->header_names[i], name) == 0)
            return resp->header_values[i];
    return NULL;
}

/* Copies the value of cookie NAME from a Set-Cookie header into OUT. */
static void cookie_value(const char *set_cookie, const char *name, char *out, size_t n)
{
    size_t len = strlen(name);
    assert_non_null(set_cookie);
    assert_int_equal(strncmp(set_cookie, name, len), 0);
    assert_int_equal(set_cookie[len], '=');
    const char *v = set_cookie + len + 1;
    size_t vlen = strcspn(v, ";");
    assert_true(vlen < n);
    memcpy(out, v, vlen);
    out[vlen] = '\0';
}

char *login_cookie(store *db, const char *login, const char *password, char *csrf)
{
    exchange x;
    char pre[TOKEN_HEX_SIZE], session[TOKEN_HEX_SIZE];
    run_request(&x, db, "GET", "/login", NULL, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    cookie_value(response_get_header(&x.resp, "Set-Cookie"), "gp_csrf", pre, sizeof pre);
    exchange_free(&x);

    char cookies[128], body[512];
    snprintf(cookies, sizeof cookies, "gp_csrf=%s", pre);
    snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s&next=%%2F", pre, login, password);
    run_request(&x, db, "POST", "/login", cookies, body, NULL);
    assert_int_equal(x.resp.status, 303);
    cookie_value(response_get_header(&x.resp, "Set-Cookie"), "gp_session", session,
                 sizeof session);
    exchange_free(&x);

    char *cookie = malloc(256);
    assert_non_null(cookie);
    snprintf(cookie, 256, "gp_session=%s", session);
    /* The session's CSRF token is in every page's forms. */
    run_request(&x, db, "GET", "/", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 200);
    const char *field = strstr(str_cstr(&x.resp.body), "name=\"csrf\" value=\"");
    assert_non_null(field);
    memcpy(csrf, field + 19, 64);
    csrf[64] = '\0';
    exchange_free(&x);
    return cookie;
}

void exec_with(store *db, const char *sql, int64_t id)
{
    assert_int_equal(store_begin(db), STORE_OK);
    stmt *s = store_prepare(db, sql);
    assert_non_null(s);
    stmt_bind_int(s, 1, id);
    assert_int_equal(store_end(db, stmt_exec(s)), STORE_OK);
}

void run_as_demo(exchange *x, store *db, const char *login, const char *method,
                 const char *target, const char *body)
{
    char csrf[65], password[64];
    snprintf(password, sizeof password, "demo-%s", login);
    char *cookie = login_cookie(db, login, password, csrf);
    str full = STR_INIT, cookies = STR_INIT;
    if (body)
        str_printf(&full, "csrf=%s&%s", csrf, body);
    str_printf(&cookies, "%s; gp_lang=en", cookie);
    run_request(x, db, method, target, str_cstr(&cookies), body ? str_cstr(&full) : NULL, NULL);
    str_free(&full);
    str_free(&cookies);
    free(cookie);
}

const char *groeipad_bin(void)
{
    const char *bin = getenv("GROEIPAD");
    return bin ? bin : "../groeipad";
}

int run_shell(const char *cmd, const char *input, char **out)
{
    static char in_path[512], out_path[512];
    snprintf(in_path, sizeof in_path, "%s/stdin.txt", test_dir());
    snprintf(out_path, sizeof out_path, "%s/stdout.txt", test_dir());
    FILE *f = fopen(in_path, "w");
    assert_non_null(f);
    fputs(input ? input : "", f);
    fclose(f);
    str full = STR_INIT;
    str_printf(&full, "(%s) < %s > %s", cmd, in_path, out_path);
    int status = system(str_cstr(&full));
    str_free(&full);
    if (out) {
        str text = STR_INIT;
        char buf[4096];
        size_t n;
        f = fopen(out_path, "r");
        assert_non_null(f);
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            str_append(&text, buf, n);
        fclose(f);
        *out = str_steal(&text);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int http_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    return fd;
}

void http_read_all(int fd, str *out)
{
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        str_append(out, buf, (size_t)n);
    close(fd);
}

int http_request(int port, const char *method, const char *path, const char *headers,
                 const char *body, char **raw)
{
    int fd = http_connect(port);
    str req = STR_INIT;
    str_printf(&req, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n%s", method,
               path, headers ? headers : "");
    if (body)
        str_printf(&req, "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
    else
        str_puts(&req, "\r\n");
    assert_int_equal(write(fd, req.p, req.len), (ssize_t)req.len);
    str_free(&req);
    str resp = STR_INIT;
    http_read_all(fd, &resp);
    int status = 0;
    assert_int_equal(sscanf(str_cstr(&resp), "HTTP/1.1 %d", &status), 1);
    *raw = str_steal(&resp);
    return status;
}

int gp(const char *db, const char *args, const char *input, char **out)
{
    return gp_lang(NULL, db, args, input, out);
}

int gp_lang(const char *lang, const char *db, const char *args, const char *input, char **out)
{
    str cmd = STR_INIT;
    if (lang)
        str_printf(&cmd, "LANGUAGE=%s ", lang);
    if (test_pg())
        str_printf(&cmd, "%s --pg '%s' --org %s %s", groeipad_bin(), test_pg(), test_org(db),
                   args);
    else
        str_printf(&cmd, "%s --db %s %s", groeipad_bin(), db, args);
    int rc = run_shell(str_cstr(&cmd), input, out);
    str_free(&cmd);
    return rc;
}

const char *write_file(const char *name, const char *text)
{
    const char *path = test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* db_digest of PATH's organisation on the test site. */
static uint64_t pg_digest(const char *path)
{
    PGconn *conn = PQconnectdb(test_pg());
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    str sql = STR_INIT;
    str_printf(&sql, "SET search_path TO org_%s", test_org(path));
    PQclear(PQexec(conn, str_cstr(&sql)));
    PGresult *tables = PQexec(conn, "SELECT tablename FROM pg_tables WHERE schemaname = "
                                    "current_schema() ORDER BY tablename");
    assert_int_equal(PQresultStatus(tables), PGRES_TUPLES_OK);
    uint64_t h = 1469598103934665603ull;
    for (int t = 0; t < PQntuples(tables); t++) {
        const char *name = PQgetvalue(tables, t, 0);
        h = fnv(h, name, strlen(name));
        str_clear(&sql);
        str_printf(&sql, "SELECT * FROM %s LIMIT 0", name);
        PGresult *rows = PQexec(conn, str_cstr(&sql));
        int ncols = PQnfields(rows);
        PQclear(rows);
        str_clear(&sql);
        str_printf(&sql, "SELECT * FROM %s", name);
        for (int c = 1; c <= ncols; c++)
            str_printf(&sql, "%s%d", c == 1 ? " ORDER BY " : ", ", c);
        rows = PQexec(conn, str_cstr(&sql));
        assert_int_equal(PQresultStatus(rows), PGRES_TUPLES_OK);
        for (int r = 0; r < PQntuples(rows); r++)
            for (int c = 0; c < ncols; c++) {
                bool null = PQgetisnull(rows, r, c);
                h = fnv(h, null ? "\1NULL" : PQgetvalue(rows, r, c),
                        null ? 5 : (size_t)PQgetlength(rows, r, c));
                h = fnv(h, "\0", 1);
            }
        PQclear(rows);
    }
    PQclear(tables);
    str_free(&sql);
    PQfinish(conn);
    return h;
}

uint64_t db_digest(const char *path)
{
    if (test_pg())
        return pg_digest(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *tables;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "ORDER BY name", -1, &tables, NULL), SQLITE_OK);
    uint64_t h = 1469598103934665603ull;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        h = fnv(h, name, strlen(name));
        /* Every column in the order, so equal content gives equal order. */
        str sql = STR_INIT;
        str_printf(&sql, "SELECT * FROM \"%s\"", name);
        sqlite3_stmt *rows;
        assert_int_equal(sqlite3_prepare_v2(db, sql.p, -1, &rows, NULL), SQLITE_OK);
        int ncols = sqlite3_column_count(rows);
        sqlite3_finalize(rows);
        for (int c = 1; c <= ncols; c++)
            str_printf(&sql, "%s%d", c == 1 ? " ORDER BY " : ", ", c);
        assert_int_equal(sqlite3_prepare_v2(db, sql.p, -1, &rows, NULL), SQLITE_OK);
        str_free(&sql);
        while (sqlite3_step(rows) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(rows); c++) {
                const unsigned char *v = sqlite3_column_text(rows, c);
                h = fnv(h, v ? (const char *)v : "\1NULL", v ? (size_t)sqlite3_column_bytes(rows, c) : 5);
                h = fnv(h, "|", 1);
            }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    return h;
}
