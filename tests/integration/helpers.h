/* helpers.h - shared by the integration tests: a demo database in a temp
 * directory, requests without a socket, a minimal HTTP client, running the
 * groeipad binary. */
#ifndef GP_TEST_HELPERS_H
#define GP_TEST_HELPERS_H
#include <stdint.h>
#include "web/http.h"

/* A fresh temporary directory (created once per process). */
const char *test_dir(void);
/* A path inside it. */
const char *test_path(const char *name);
/* Creates DB at PATH holding the demo organisation; aborts the test on failure. */
store *demo_store(const char *path);

/* The same suites run on SQLite and on PostgreSQL: with GROEIPAD_TEST_PG set
 * (tests/with-pg.sh sets it to a throw-away server), a database "file" PATH
 * stands for an organisation of that site, made on first use. */
const char *test_pg(void);
/* The organisation that stands for PATH (made and migrated on first use). */
const char *test_org(const char *path);
/* Opens PATH, or its organisation on the test site; migrated. */
store *test_store_open(const char *path);
/* Sets *TARGET and *ORG (a server's or store_open_org's) for PATH. */
void test_target(const char *path, const char **target, const char **org);

/* A finished socketless exchange. */
typedef struct exchange {
    arena a;
    request req;
    response resp;
} exchange;

/* Runs METHOD TARGET with COOKIES ("a=b; c=d" or NULL), a urlencoded BODY (or
 * NULL) and an Authorization header (or NULL) through the router. */
void run_request(exchange *x, store *db, const char *method, const char *target,
                 const char *cookies, const char *body, const char *authorization);
void exchange_free(exchange *x);
/* The body of X's response as text. */
const char *exchange_body(const exchange *x);
/* The status of GET TARGET through the router for LOGIN (logged in with
 * PASSWORD). */
int status_as(store *db, const char *login, const char *password, const char *target);
/* The value of the first response header NAME, or NULL. */
const char *response_get_header(const response *resp, const char *name);

/* Logs LOGIN in through the router; returns a cookie header holding the
 * session, with its CSRF token in CSRF (65 bytes). Fails the test if it
 * cannot. */
char *login_cookie(store *db, const char *login, const char *password, char *csrf);
/* Runs one statement of SQL on DB with ?1 bound to ID, in a transaction;
 * fails the test when it does not succeed. */
void exec_with(store *db, const char *sql, int64_t id);
/* Runs METHOD TARGET through the router as LOGIN of the demo organisation
 * (password demo-LOGIN), in English; a POST's urlencoded BODY gets the CSRF
 * field first (BODY NULL: no body). */
void run_as_demo(exchange *x, store *db, const char *login, const char *method,
                 const char *target, const char *body);

/* Runs "sh -c CMD" with INPUT on stdin; the exit status, and its stdout (heap)
 * in *out when OUT is not NULL. */
int run_shell(const char *cmd, const char *input, char **out);
/* The groeipad binary under test ($GROEIPAD). */
const char *groeipad_bin(void);

/* Runs groeipad with ARGS (a shell fragment) on database DB; see run_shell. */
int gp(const char *db, const char *args, const char *input, char **out);
/* gp, its messages and reports in language LANG ("nl") instead of English. */
int gp_lang(const char *lang, const char *db, const char *args, const char *input, char **out);
/* Writes TEXT to the file NAME in the test directory; returns its path. */
const char *write_file(const char *name, const char *text);
/* A digest of every row of every table of the database at PATH: equal
 * digests mean equal content. */
uint64_t db_digest(const char *path);

/* A connection to PORT on loopback; its descriptor. */
int http_connect(int port);
/* Reads everything the peer of FD sends into OUT, until it closes, and
 * closes FD. */
void http_read_all(int fd, str *out);
/* One HTTP/1.1 request over loopback; returns the status, and the whole raw
 * response (heap) in *raw. */
int http_request(int port, const char *method, const char *path, const char *headers,
                 const char *body, char **raw);

#endif
