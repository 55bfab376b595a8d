/* test_hardening.c - the server under hostile clients, over real HTTP on
 * loopback: slow connections, oversized bodies, malformed heads, login
 * guessing, open redirects, invalid input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "helpers.h"
#include "util/crypto.h"
#include "web/auth.h"
#include "app/html.h"
#include "web/router.h"
#include "web/server.h"

#define PER_ADDRESS 16   /* the low per-address limit of the test server */
#define GUARD_SECONDS 30 /* no read waits longer: a hung server fails, not hangs */

static store *db;
static server *srv;
static int port;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("hard.db"));
    /* Accounts of their own for the login tests. */
    const char *own[] = {"target", "owner", "changer"};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
        char hash[256];
        assert_true(password_hash("right-password", hash, sizeof hash));
        assert_int_equal(store_begin(db), STORE_OK);
        assert_int_equal(users_add(db, "test", own[i], hash, ROLE_EMPLOYEE, NULL), STORE_OK);
        assert_int_equal(store_commit(db), STORE_OK);
    }
    server_config cfg = {test_path("hard.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    cfg.max_per_address = PER_ADDRESS;
    cfg.header_seconds = 600; /* here only the per-address limit closes slow connections */
    str err = STR_INIT;
    srv = server_start(&cfg, &err);
    str_free(&err);
    if (!srv)
        return -1;
    port = server_port(srv);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(srv);
    store_close(db);
    return 0;
}

/* A connected socket from SOURCE (127.0.0.1, 127.0.0.2, ...) to server port P. */
static int connect_from(const char *source, int p)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in from = {0}, to = {0};
    from.sin_family = to.sin_family = AF_INET;
    assert_int_equal(inet_pton(AF_INET, source, &from.sin_addr), 1);
    assert_int_equal(inet_pton(AF_INET, "127.0.0.1", &to.sin_addr), 1);
    to.sin_port = htons((uint16_t)p);
    assert_int_equal(bind(fd, (struct sockaddr *)&from, sizeof from), 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    struct timeval tv = {GUARD_SECONDS, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

/* Sends LEN raw bytes from SOURCE and reads the answer until the server
 * closes; the status (0: none), the answer (heap) in *out when OUT is set. */
static int raw_exchange_on(int p, const char *source, const char *data, size_t len, char **out)
{
    int fd = connect_from(source, p);
    size_t sent = 0;
    while (sent < len) {
        ssize_t w = send(fd, data + sent, len - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer and close before taking it all */
        sent += (size_t)w;
    }
    str resp = STR_INIT;
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        assert_true(str_append(&resp, buf, (size_t)n));
    close(fd);
    int status = 0;
    if (sscanf(str_cstr(&resp), "HTTP/1.1 %d", &status) != 1)
        status = 0;
    if (out)
        *out = str_steal(&resp);
    str_free(&resp);
    return status;
}

static int raw_exchange(const char *source, const char *data, char **out)
{
    return raw_exchange_on(port, source, data, strlen(data), out);
}

/* Logs LOGIN in over HTTP from 127.0.0.2; the session cookie value in
 * SESSION (65 bytes). */
static void http_login(const char *login, const char *password, char *session)
{
    char *raw;
    assert_int_equal(raw_exchange("127.0.0.2", "GET /login HTTP/1.1\r\nHost: x\r\n"
                                  "Connection: close\r\n\r\n", &raw), 200);
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char csrf[65];
    memcpy(csrf, c + 8, 64);
    csrf[64] = '\0';
    free(raw);
    str req = STR_INIT, body = STR_INIT;
    str_printf(&body, "csrf=%s&login=%s&password=%s", csrf, login, password);
    str_printf(&req, "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_csrf=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: %zu\r\n\r\n%s", csrf, body.len, str_cstr(&body));
    assert_int_equal(raw_exchange("127.0.0.2", str_cstr(&req), &raw), 303);
    c = strstr(raw, "gp_session=");
    assert_non_null(c);
    memcpy(session, c + 11, 64);
    session[64] = '\0';
    free(raw);
    str_free(&req);
    str_free(&body);
}

/* GET TARGET with the session cookie from 127.0.0.2; the status. */
static int get_as(const char *session, const char *target, char **out)
{
    str req = STR_INIT;
    str_printf(&req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_session=%s\r\n\r\n", target, session ? session : "");
    int status = raw_exchange("127.0.0.2", str_cstr(&req), out);
    str_free(&req);
    return status;
}

static int64_t claims_count(void)
{
    return store_count(db, "SELECT count(*) FROM learning_claims");
}

/* ---- slow connections ---- */

#define SLOW 300

static void test_slow_connections_from_one_address_do_not_starve_others(void **state)
{
    (void)state;
    static const char head[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"; /* never finished */
    struct pollfd slow[SLOW];
    for (int i = 0; i < SLOW; i++) {
        slow[i].fd = connect_from("127.0.0.1", port);
        slow[i].events = POLLIN;
        assert_int_equal(send(slow[i].fd, head, sizeof head - 1, MSG_NOSIGNAL),
                         (ssize_t)(sizeof head - 1));
    }
    /* Another address is answered: health, and a logged-in page. */
    char session[65], *raw;
    http_login("admin", "demo-admin", session);
    assert_int_equal(get_as(NULL, "/healthz", &raw), 200);
    free(raw);
    assert_int_equal(get_as(session, "/employees?q=Peeters", &raw), 200);
    assert_non_null(strstr(raw, "Peeters"));
    free(raw);
    /* The server holds no more than PER_ADDRESS of them: the rest it closed
     * at once (well before the idle timeout would). */
    int closed = 0;
    for (int round = 0; round < 100 && closed < SLOW - PER_ADDRESS; round++) {
        assert_true(poll(slow, SLOW, 100) >= 0);
        for (int i = 0; i < SLOW; i++)
            if (slow[i].fd >= 0 && slow[i].revents) {
                close(slow[i].fd);
                slow[i].fd = -1;
                closed++;
            }
    }
    assert_true(closed >= SLOW - PER_ADDRESS);
    for (int i = 0; i < SLOW; i++)
        if (slow[i].fd >= 0)
            close(slow[i].fd);
}

static void test_a_request_head_has_a_deadline(void **state)
{
    (void)state;
    server_config cfg = {test_path("hard.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    cfg.header_seconds = 1;
    str err = STR_INIT;
    server *quick = server_start(&cfg, &err);
    str_free(&err);
    assert_non_null(quick);
    int fd = connect_from("127.0.0.1", server_port(quick));
    /* A byte now and then keeps the idle timeout away, not the deadline. */
    const char *drip[] = {"GET /healthz HTTP/1.1\r\n", "Host: x\r\n", "X-A: 1\r\n", "X-B: 2\r\n",
                          "X-C: 3\r\n", "X-D: 4\r\n", "X-E: 5\r\n", "X-F: 6\r\n"};
    bool closed = false;
    for (size_t i = 0; i < sizeof drip / sizeof *drip && !closed; i++) {
        if (send(fd, drip[i], strlen(drip[i]), MSG_NOSIGNAL) < 0) {
            closed = true;
            break;
        }
        struct pollfd p = {fd, POLLIN, 0};
        char c;
        /* Polls only pace the drip; the check is whether the server hung up. */
        if (poll(&p, 1, 700) == 1 && recv(fd, &c, 1, 0) <= 0)
            closed = true;
    }
    assert_true(closed);
    close(fd);
    server_stop(quick);
}

/* ---- bodies ---- */

/* A /my/log form that would create a claim, padded to at least SIZE bytes. */
static char *claim_body(const char *csrf, size_t size)
{
    str body = STR_INIT;
    str_printf(&body, "csrf=%s&title=Oversized&form=self_study&start_date=2025-03-03&hours=2"
               "&working_time=yes&note=", csrf);
    while (body.len < size)
        str_puts(&body, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_true(str_ok(&body));
    return str_steal(&body);
}

/* The CSRF token of SESSION's forms (on PAGE). */
static void session_csrf(const char *session, const char *page, char *csrf)
{
    char *raw;
    assert_int_equal(get_as(session, page, &raw), 200);
    char *field = strstr(raw, "name=\"csrf\" value=\"");
    assert_non_null(field);
    memcpy(csrf, field + 19, 64);
    csrf[64] = '\0';
    free(raw);
}

static void test_a_small_form_is_still_accepted(void **state)
{
    (void)state;
    char session[65], csrf[65], *raw;
    http_login("employee", "demo-employee", session);
    session_csrf(session, "/my/log", csrf);
    int64_t before = claims_count();
    char *body = claim_body(csrf, 0);
    str req = STR_INIT;
    str_printf(&req, "POST /my/log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: %zu\r\n\r\n%s", session, strlen(body), body);
    assert_int_equal(raw_exchange("127.0.0.2", str_cstr(&req), &raw), 303);
    assert_int_equal(claims_count(), before + 1);
    free(raw);
    free(body);
    str_free(&req);
}

static void test_an_oversized_body_never_reaches_the_handler(void **state)
{
    (void)state;
    char session[65], csrf[65], *raw;
    http_login("employee", "demo-employee", session);
    session_csrf(session, "/my/log", csrf);
    int64_t before = claims_count();
    char *body = claim_body(csrf, REQUEST_SMALL_BODY + 1000);
    size_t len = strlen(body);
    /* With its length declared: refused before the body is read. */
    str req = STR_INIT;
    str_printf(&req, "POST /my/log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: %zu\r\n\r\n", session, len);
    assert_int_equal(raw_exchange("127.0.0.2", str_cstr(&req), &raw), 413);
    free(raw);
    /* In chunks, length unknown: refused when it passes the limit, and the
     * claim in its first bytes is not created. */
    str_clear(&req);
    str_printf(&req, "POST /my/log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Transfer-Encoding: chunked\r\n\r\n", session);
    for (size_t off = 0; off < len; off += 4096) {
        size_t n = len - off < 4096 ? len - off : 4096;
        str_printf(&req, "%zx\r\n", n);
        str_append(&req, body + off, n);
        str_puts(&req, "\r\n");
    }
    str_puts(&req, "0\r\n\r\n");
    assert_true(str_ok(&req));
    assert_int_equal(raw_exchange_on(port, "127.0.0.2", req.p, req.len, &raw), 413);
    free(raw);
    assert_int_equal(claims_count(), before);
    free(body);
    str_free(&req);
}

/* A multipart upload of SIZE bytes to /import as SESSION (or anonymous). */
static int post_import(const char *session, const char *csrf, size_t size)
{
    str body = STR_INIT, req = STR_INIT;
    str_printf(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
               "--XyZ\r\nContent-Disposition: form-data; name=\"employees\"; "
               "filename=\"e.csv\"\r\nContent-Type: text/csv\r\n\r\nemployee_id;first_name\r\n",
               csrf ? csrf : "none");
    while (body.len < size)
        str_puts(&body, "Z1;Zoe\r\n");
    str_puts(&body, "\r\n--XyZ--\r\n");
    str_printf(&req, "POST /import HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Cookie: gp_session=%s\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
               "Content-Length: %zu\r\n\r\n", session ? session : "", body.len);
    str_append(&req, body.p, body.len);
    assert_true(str_ok(&req));
    char *raw;
    int status = raw_exchange_on(port, "127.0.0.2", req.p, req.len, &raw);
    free(raw);
    str_free(&body);
    str_free(&req);
    return status;
}

static void test_large_bodies_only_for_logged_in_imports(void **state)
{
    (void)state;
    char session[65], csrf[65];
    assert_int_equal(post_import(NULL, NULL, 200 * 1024), 413);
    http_login("admin", "demo-admin", session);
    session_csrf(session, "/import", csrf);
    /* The import runs (and finds the rows incomplete): not refused for size. */
    int status = post_import(session, csrf, 200 * 1024);
    assert_int_not_equal(status, 413);
    assert_int_not_equal(status, 0);
    /* An employee may not import, so may not send a large body either. */
    http_login("employee", "demo-employee", session);
    session_csrf(session, "/my/log", csrf);
    assert_int_equal(post_import(session, csrf, 200 * 1024), 413);
}

/* ---- the request head ---- */

static void test_malformed_heads_are_refused(void **state)
{
    (void)state;
    char *raw;
    /* a space before the colon */
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost : x\r\n"
                                  "Connection: close\r\n\r\n", &raw), 400);
    free(raw);
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                  "X-Thing : y\r\nConnection: close\r\n\r\n", &raw), 400);
    free(raw);
    /* a folded header line (obs-fold) */
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                  "X-Thing: a\r\n b c\r\nConnection: close\r\n\r\n", &raw), 400);
    free(raw);
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                  "X-Thing: a\r\n\tb\r\nConnection: close\r\n\r\n", &raw), 400);
    free(raw);
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                  "Cookie: gp_lang=en\r\n x\r\nConnection: close\r\n\r\n", &raw),
                     400);
    free(raw);
    /* blanks around a value, and none at all, are fine */
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\nHost:x\r\n"
                                  "X-Thing: \t a \r\nX-Empty:\r\nConnection: close\r\n\r\n",
                                  &raw), 200);
    free(raw);
    /* HTTP/1.1 without Host */
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.1\r\n"
                                  "Connection: close\r\n\r\n", &raw), 400);
    free(raw);
    /* HTTP/1.0 needs no Host */
    assert_int_equal(raw_exchange("127.0.0.2", "GET /healthz HTTP/1.0\r\n\r\n", &raw), 200);
    free(raw);
}

static void test_absolute_form_is_served(void **state)
{
    (void)state;
    char *raw;
    assert_int_equal(raw_exchange("127.0.0.2", "GET http://localhost:8080/healthz HTTP/1.1\r\n"
                                  "Host: localhost:8080\r\nConnection: close\r\n\r\n", &raw), 200);
    assert_non_null(strstr(raw, "\"ok\""));
    free(raw);
    assert_int_equal(raw_exchange("127.0.0.2", "GET HTTP://localhost/login?next=%2Fmy HTTP/1.1\r\n"
                                  "Host: localhost\r\nConnection: close\r\n\r\n", &raw), 200);
    assert_non_null(strstr(raw, "value=\"/my\""));
    free(raw);
}

/* ---- redirects ---- */

/* Where POST TARGET (/language or /login) with next=NEXT sends the browser. */
static char *redirect_after(const char *target, const char *next)
{
    str body = STR_INIT;
    str_puts(&body, strcmp(target, "/login") == 0
                        ? "csrf=abc&login=mentor&password=demo-mentor&next="
                        : "csrf=abc&lang=en&next=");
    assert_true(url_encode(&body, next));
    exchange x;
    run_request(&x, db, "POST", target, "gp_csrf=abc", str_cstr(&body), NULL);
    assert_int_equal(x.resp.status, 303);
    const char *loc = response_get_header(&x.resp, "Location");
    assert_non_null(loc);
    char *copy = strdup(loc);
    exchange_free(&x);
    str_free(&body);
    return copy;
}

static void test_next_stays_on_this_site(void **state)
{
    (void)state;
    const char *local[] = {"/", "/employees", "/plans/2025", "/my/log?year=2025", "/employees/E002"};
    for (size_t i = 0; i < sizeof local / sizeof *local; i++) {
        char *loc = redirect_after("/language", local[i]);
        assert_string_equal(loc, local[i]);
        free(loc);
    }
    const char *away[] = {"//evil.example", "/\\evil.example", "/\t/evil.example",
                          "/%09/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
                          "/%5C/evil.example", "/%5c%5cevil.example", "https:evil.example",
                          "http://evil.example", "https://evil.example/", "\\\\evil.example",
                          " /evil", "/ /evil", "javascript:alert(1)", "/x%0d%0aSet-Cookie:a=b",
                          "/x\r\nSet-Cookie:a=b", "", "evil.example", "/\xc3\xa9",
                          "/%E2%80%AE/x", "///evil.example"};
    for (size_t i = 0; i < sizeof away / sizeof *away; i++) {
        char *loc = redirect_after("/language", away[i]);
        if (strcmp(loc, "/") != 0)
            fail_msg("next=%s led to %s", away[i], loc);
        free(loc);
    }
    char *loc = redirect_after("/login", "/%09/evil.example");
    assert_string_equal(loc, "/");
    free(loc);
    loc = redirect_after("/login", "/my");
    assert_string_equal(loc, "/my");
    free(loc);
}

/* ---- guessing passwords ---- */

/* POST /login as LOGIN with PASSWORD, socketless; the status, and the
 * Retry-After and Location headers and the session cookie ("gp_session=...",
 * heap, or NULL). */
static int login_as(const char *login, const char *password, char **retry, char **location,
                    char **session)
{
    char body[512];
    snprintf(body, sizeof body, "csrf=abc&login=%s&password=%s&next=%%2Fmy", login, password);
    exchange x;
    run_request(&x, db, "POST", "/login", "gp_csrf=abc", body, NULL);
    int status = x.resp.status;
    const char *r = response_get_header(&x.resp, "Retry-After");
    const char *l = response_get_header(&x.resp, "Location");
    const char *cookie = response_get_header(&x.resp, "Set-Cookie");
    if (retry)
        *retry = r ? strdup(r) : NULL;
    if (location)
        *location = l ? strdup(l) : NULL;
    if (session)
        *session = cookie ? strndup(cookie, strcspn(cookie, ";")) : NULL;
    exchange_free(&x);
    return status;
}

static int try_login(const char *login, const char *password, char **retry, char **location)
{
    return login_as(login, password, retry, location, NULL);
}

static int64_t failures_recorded(const char *login)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = 'login_failed' "
             "AND entity = 'session' AND entity_key = '%s'", login);
    return store_count(db, sql);
}

static void test_guessing_an_account_is_throttled(void **state)
{
    (void)state;
    /* Known and unknown accounts alike: LOGIN_ACCOUNT_LIMIT tries, then a wait. */
    const char *accounts[] = {"target", "no-such-person"};
    for (size_t a = 0; a < 2; a++) {
        for (int i = 0; i < LOGIN_ACCOUNT_LIMIT; i++)
            assert_int_equal(try_login(accounts[a], "wrong", NULL, NULL), 401);
        assert_int_equal(failures_recorded(accounts[a]), LOGIN_ACCOUNT_LIMIT);
        char *retry;
        /* Now even the right password waits, and is not checked. */
        assert_int_equal(try_login(accounts[a], "right-password", &retry, NULL), 429);
        assert_non_null(retry);
        int seconds = atoi(retry);
        assert_true(seconds > 0 && seconds <= LOGIN_WINDOW_SECONDS);
        free(retry);
        assert_int_equal(failures_recorded(accounts[a]), LOGIN_ACCOUNT_LIMIT);
    }
    /* Another account is not affected. */
    char *loc;
    assert_int_equal(try_login("owner", "right-password", NULL, &loc), 303);
    free(loc);
}

static void test_guessing_from_one_address_is_throttled(void **state)
{
    (void)state;
    char *raw;
    assert_int_equal(raw_exchange("127.0.0.3", "GET /login HTTP/1.1\r\nHost: x\r\n"
                                  "Connection: close\r\n\r\n", &raw), 200);
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char csrf[65];
    memcpy(csrf, c + 8, 64);
    csrf[64] = '\0';
    free(raw);
    /* Each try a different login name: only the address ties them together. */
    int status = 0;
    for (int i = 0; i <= LOGIN_ADDRESS_LIMIT; i++) {
        str body = STR_INIT, req = STR_INIT;
        str_printf(&body, "csrf=%s&login=sprayed%d&password=wrong", csrf, i);
        str_printf(&req, "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   "Cookie: gp_csrf=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %zu\r\n\r\n%s", csrf, body.len, str_cstr(&body));
        status = raw_exchange("127.0.0.3", str_cstr(&req), &raw);
        if (i < LOGIN_ADDRESS_LIMIT)
            assert_int_equal(status, 401);
        else
            assert_non_null(strstr(raw, "Retry-After: "));
        free(raw);
        str_free(&body);
        str_free(&req);
    }
    assert_int_equal(status, 429);
    /* Another address still logs in. */
    char session[65];
    http_login("mentor", "demo-mentor", session);
}

/* The page GET /login?next=%2Fmy shows the holder of COOKIE after login. */
static char *after_login(const char *cookie)
{
    exchange x;
    char cookies[256];
    snprintf(cookies, sizeof cookies, "gp_lang=en; %s", cookie);
    run_request(&x, db, "GET", "/login?next=%2Fmy", cookies, NULL, NULL);
    char *page = x.resp.status == 200 ? strdup(str_cstr(&x.resp.body))
                                      : strdup(response_get_header(&x.resp, "Location"));
    exchange_free(&x);
    return page;
}

static void test_the_owner_hears_of_failed_logins(void **state)
{
    (void)state;
    char *loc, *cookie, *page;
    /* A clean login first, then two failures. */
    assert_int_equal(try_login("owner", "right-password", NULL, &loc), 303);
    free(loc);
    assert_int_equal(try_login("owner", "guess-1", NULL, NULL), 401);
    assert_int_equal(try_login("owner", "guess-2", NULL, NULL), 401);
    /* The next login leads to the notice: how many, and a way on. */
    assert_int_equal(login_as("owner", "right-password", NULL, &loc, &cookie), 303);
    assert_string_equal(loc, "/login?next=%2Fmy");
    page = after_login(cookie);
    assert_non_null(strstr(page, "Failed attempts: 2<"));
    /* when, as dates are written, not as stored ("2026-12-02T18:37:29Z") */
    const char *last = strstr(page, "The last one at (UTC): ");
    assert_non_null(last);
    last += strlen("The last one at (UTC): ");
    size_t shown = strcspn(last, "<");
    assert_null(memchr(last, 'Z', shown));
    assert_null(memchr(last, 'T', shown));
    assert_non_null(memchr(last, ' ', shown)); /* "2026-12-02 18:37" in English */
    assert_non_null(strstr(page, "href=\"/my\""));
    assert_non_null(strstr(page, "href=\"/account\""));
    free(page);
    free(loc);
    free(cookie);
    /* After a clean login, nothing to tell: straight on. */
    assert_int_equal(login_as("owner", "right-password", NULL, &loc, &cookie), 303);
    assert_string_equal(loc, "/my");
    page = after_login(cookie);
    assert_string_equal(page, "/my");
    free(page);
    free(loc);
    free(cookie);
}

/* ---- input at the edge ---- */

static int status_of(const char *method, const char *target, const char *cookie, const char *body,
                     const char *authorization)
{
    exchange x;
    run_request(&x, db, method, target, cookie, body, authorization);
    int status = x.resp.status;
    exchange_free(&x);
    return status;
}

static void test_text_must_be_utf8(void **state)
{
    (void)state;
    char csrf[65], body[512];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    int64_t before = claims_count();
    snprintf(body, sizeof body, "csrf=%s&title=Bad%%FF%%FEtext&form=self_study&"
             "start_date=2025-03-03&hours=2&working_time=yes", csrf);
    assert_int_equal(status_of("POST", "/my/log", cookie, body, NULL), 400);
    snprintf(body, sizeof body, "csrf=%s&title=Nul%%00byte&form=self_study&"
             "start_date=2025-03-03&hours=2&working_time=yes", csrf);
    assert_int_equal(status_of("POST", "/my/log", cookie, body, NULL), 400);
    assert_int_equal(claims_count(), before);
    /* Valid multi-byte text passes. */
    snprintf(body, sizeof body, "csrf=%s&title=Caf%%C3%%A9&form=self_study&"
             "start_date=2025-03-03&hours=2&working_time=yes", csrf);
    assert_int_equal(status_of("POST", "/my/log", cookie, body, NULL), 303);
    assert_int_equal(claims_count(), before + 1);
    free(cookie);
    cookie = login_cookie(db, "admin", "demo-admin", csrf);
    assert_int_equal(status_of("GET", "/employees?q=%C3%28", cookie, NULL, NULL), 400);
    assert_int_equal(status_of("GET", "/employees?q=%C3%A9", cookie, NULL, NULL), 200);
    free(cookie);
    /* A JSON body of the API. */
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[128];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "admin", &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    snprintf(auth, sizeof auth, "Bearer %s", token);
    exchange x;
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, "POST", "/api/v1/activities"));
    x.req.authorization = auth;
    x.req.content_type = "application/json";
    x.req.body = "[{\"code\": \"X\xff\", \"title\": \"t\"}]";
    x.req.body_len = strlen(x.req.body);
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    assert_int_equal(x.resp.status, 400);
    exchange_free(&x);
}

static void test_numbers_are_range_checked(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    assert_int_equal(status_of("GET", "/employees?page=2147483647", cookie, NULL, NULL), 400);
    assert_int_equal(status_of("GET", "/employees?page=-2147483649", cookie, NULL, NULL), 400);
    assert_int_equal(status_of("GET", "/employees?page=1x", cookie, NULL, NULL), 400);
    assert_int_equal(status_of("GET", "/employees?page=2", cookie, NULL, NULL), 200);
    assert_int_equal(status_of("GET", "/employees?page=", cookie, NULL, NULL), 200);
    assert_int_equal(status_of("GET", "/reports?year=99999999999999999999", cookie, NULL, NULL),
                     400);
    /* The refusal shows the field as it stands in the address, a long value
     * cut short, so a person who edited the address sees what to mend. */
    exchange x;
    run_request(&x, db, "GET", "/reports?year=abc", cookie, NULL, NULL);
    assert_int_equal(x.resp.status, 400);
    assert_non_null(strstr(str_cstr(&x.resp.body), "year=abc in het webadres is geen geheel "
                                                   "getal van 1990 tot 2199"));
    exchange_free(&x);
    run_request(&x, db, "GET", "/reports?year=1234567890123456789012345678901234567890", cookie,
                NULL, NULL);
    assert_int_equal(x.resp.status, 400);
    assert_non_null(strstr(str_cstr(&x.resp.body), "year=123456789012345678901234… in het"));
    assert_null(strstr(str_cstr(&x.resp.body), "34567890 in het"));
    exchange_free(&x);
    /* a number in the path */
    assert_int_equal(status_of("GET", "/plans/99999999999", cookie, NULL, NULL), 404);
    assert_int_equal(status_of("GET", "/plans/2025x/evaluation", cookie, NULL, NULL), 404);
    assert_int_equal(status_of("GET", "/plans/2025/evaluation", cookie, NULL, NULL), 200);
    free(cookie);
    long long v = 0;
    assert_true(number_parse("42", 1, 100, &v));
    assert_int_equal(v, 42);
    assert_false(number_parse("", 0, 100, &v));
    assert_false(number_parse(" 4", 0, 100, &v));
    assert_false(number_parse("4 ", 0, 100, &v));
    assert_false(number_parse("101", 0, 100, &v));
    assert_false(number_parse("9223372036854775808", 0, INT64_MAX, &v));
    assert_int_equal(v, 42);
}

static void test_ids_cannot_be_probed(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "employee", "demo-employee", csrf);
    assert_int_equal(status_of("GET", "/employees/E010", cookie, NULL, NULL), 200);
    assert_int_equal(status_of("GET", "/employees/E050", cookie, NULL, NULL), 404);
    assert_int_equal(status_of("GET", "/employees/NOPE", cookie, NULL, NULL), 404);
    free(cookie);
}

/* ---- response headers ---- */

/* The Cache-Control header of METHOD TARGET (heap, or NULL). */
static char *cache_control(const char *target, const char *cookie, const char *authorization)
{
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, authorization);
    assert_true(x.resp.status == 200 || x.resp.status == 404);
    const char *v = response_get_header(&x.resp, "Cache-Control");
    char *copy = v ? strdup(v) : NULL;
    exchange_free(&x);
    return copy;
}

static void test_personal_answers_are_not_cached(void **state)
{
    (void)state;
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    const char *pages[] = {"/", "/employees/E002", "/export/employees", "/reports", "/nothing"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        char *cc = cache_control(pages[i], cookie, NULL);
        if (!cc || strcmp(cc, "no-store") != 0)
            fail_msg("%s: Cache-Control %s", pages[i], cc ? cc : "missing");
        free(cc);
    }
    free(cookie);
    /* Static files keep their own rule. */
    char *cc = cache_control("/static/style.css", NULL, NULL);
    assert_non_null(cc);
    assert_null(strstr(cc, "no-store"));
    free(cc);
    /* over the wire, with the policy for forms and base URLs */
    char *raw;
    assert_int_equal(raw_exchange("127.0.0.2", "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n"
                                  "Connection: close\r\n\r\n", &raw), 401);
    assert_non_null(strstr(raw, "Cache-Control: no-store\r\n"));
    assert_non_null(strstr(raw, "form-action 'self'"));
    assert_non_null(strstr(raw, "base-uri 'none'"));
    free(raw);
}

static void test_a_new_password_ends_sessions_and_tokens(void **state)
{
    (void)state;
    char token[TOKEN_HEX_SIZE], hash[TOKEN_HEX_SIZE], auth[128], csrf[65], body[512];
    token_new(token);
    token_hash(token, hash);
    arena a = ARENA_INIT;
    user u;
    assert_int_equal(users_find(db, &a, "changer", &u, NULL), STORE_ROW);
    assert_int_equal(tokens_add(db, u.id, hash), STORE_OK);
    arena_free(&a);
    snprintf(auth, sizeof auth, "Bearer %s", token);
    assert_int_equal(status_of("GET", "/api/v1/me", NULL, NULL, auth), 200);
    char *other = login_cookie(db, "changer", "right-password", csrf);
    char *cookie = login_cookie(db, "changer", "right-password", csrf);
    /* the form asks twice: two that differ change nothing */
    snprintf(body, sizeof body, "csrf=%s&old=right-password&new=another-long-password-2&"
             "again=another-long-pasword-2", csrf);
    assert_int_equal(status_of("POST", "/account", cookie, body, NULL), 400);
    assert_int_equal(status_of("GET", "/api/v1/me", NULL, NULL, auth), 200);
    snprintf(body, sizeof body, "csrf=%s&old=right-password&new=another-long-password-2&"
             "again=another-long-password-2", csrf);
    exchange changed;
    run_request(&changed, db, "POST", "/account", cookie, body, NULL);
    assert_int_equal(changed.resp.status, 303);
    assert_string_equal(response_get_header(&changed.resp, "Location"),
                        "/login?changed=password");
    exchange_free(&changed);
    run_request(&changed, db, "GET", "/login?changed=password", NULL, NULL, NULL);
    assert_non_null(strstr(exchange_body(&changed), "class=\"notice\" role=\"status\">"));
    exchange_free(&changed);
    assert_int_equal(status_of("GET", "/api/v1/me", NULL, NULL, auth), 401);
    assert_int_equal(status_of("GET", "/my", other, NULL, NULL), 303); /* to the login */
    free(other);
    free(cookie);
}

static void test_secure_cookies_only_behind_a_declared_proxy(void **state)
{
    (void)state;
    static const char ask[] = "GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\n"
                              "Connection: close\r\n\r\n";
    char *raw;
    assert_int_equal(raw_exchange("127.0.0.2", ask, &raw), 200);
    assert_non_null(strstr(raw, "gp_csrf="));
    assert_null(strstr(raw, "Secure"));
    free(raw);
    server_config cfg = {test_path("hard.db"), NULL, "127.0.0.1", 0, 2};
    test_target(cfg.db_target, &cfg.db_target, &cfg.org);
    cfg.behind_tls_proxy = true;
    str err = STR_INIT;
    server *proxied = server_start(&cfg, &err);
    str_free(&err);
    assert_non_null(proxied);
    assert_int_equal(raw_exchange_on(server_port(proxied), "127.0.0.2", ask, strlen(ask), &raw),
                     200);
    assert_non_null(strstr(raw, "SameSite=Strict; Secure"));
    char *c = strstr(raw, "gp_csrf=");
    assert_non_null(c);
    char csrf[65];
    memcpy(csrf, c + 8, 64);
    csrf[64] = '\0';
    free(raw);
    /* Behind the proxy, X-Forwarded-For tells the clients apart for the
     * login throttle: one client waits, another does not. */
    int status = 0;
    for (int i = 0; i <= LOGIN_ADDRESS_LIMIT + 1; i++) {
        str body = STR_INIT, req = STR_INIT;
        str_printf(&body, "csrf=%s&login=forwarded%d&password=wrong", csrf, i);
        str_printf(&req, "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   "X-Forwarded-For: 192.0.2.%d, 198.51.100.7\r\nCookie: gp_csrf=%s\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %zu\r\n\r\n%s", i <= LOGIN_ADDRESS_LIMIT ? 1 : 2, csrf,
                   body.len, str_cstr(&body));
        status = raw_exchange_on(server_port(proxied), "127.0.0.4", req.p, req.len, NULL);
        if (i < LOGIN_ADDRESS_LIMIT)
            assert_int_equal(status, 401);
        else if (i == LOGIN_ADDRESS_LIMIT)
            assert_int_equal(status, 429);
        str_free(&body);
        str_free(&req);
    }
    /* The same last address (the one the proxy added) is the same client,
     * whatever the client claims before it. */
    assert_int_equal(status, 429);
    str body = STR_INIT, req = STR_INIT;
    str_printf(&body, "csrf=%s&login=forwarded-other&password=wrong", csrf);
    str_printf(&req, "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "X-Forwarded-For: 198.51.100.8\r\nCookie: gp_csrf=%s\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: %zu\r\n\r\n%s", csrf, body.len, str_cstr(&body));
    assert_int_equal(raw_exchange_on(server_port(proxied), "127.0.0.4", req.p, req.len, NULL),
                     401);
    str_free(&body);
    str_free(&req);
    server_stop(proxied);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slow_connections_from_one_address_do_not_starve_others),
        cmocka_unit_test(test_a_request_head_has_a_deadline),
        cmocka_unit_test(test_a_small_form_is_still_accepted),
        cmocka_unit_test(test_an_oversized_body_never_reaches_the_handler),
        cmocka_unit_test(test_large_bodies_only_for_logged_in_imports),
        cmocka_unit_test(test_malformed_heads_are_refused),
        cmocka_unit_test(test_absolute_form_is_served),
        cmocka_unit_test(test_next_stays_on_this_site),
        cmocka_unit_test(test_guessing_an_account_is_throttled),
        cmocka_unit_test(test_guessing_from_one_address_is_throttled),
        cmocka_unit_test(test_the_owner_hears_of_failed_logins),
        cmocka_unit_test(test_text_must_be_utf8),
        cmocka_unit_test(test_numbers_are_range_checked),
        cmocka_unit_test(test_ids_cannot_be_probed),
        cmocka_unit_test(test_personal_answers_are_not_cached),
        cmocka_unit_test(test_a_new_password_ends_sessions_and_tokens),
        cmocka_unit_test(test_secure_cookies_only_behind_a_declared_proxy),
    };
    return cmocka_run_group_tests_name("hardening", tests, setup, teardown);
}
