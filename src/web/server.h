/* server.h - the built-in HTTP server (libmicrohttpd, a thread pool). */
#ifndef GP_SERVER_H
#define GP_SERVER_H
#include <stdbool.h>
#include "util/str.h"

typedef struct server_config {
    const char *db_target; /* each worker thread opens its own connection */
    const char *org;       /* the organisation of a PostgreSQL site, or NULL */
    const char *bind;      /* an IPv4 address; NULL: all */
    int port;              /* 0: any free port */
    int threads;           /* 0: one per core */
    int max_per_address;   /* connections one client address may hold; 0: the default */
    int header_seconds;    /* the deadline for a request's head; 0: the default */
    bool behind_tls_proxy; /* trust X-Forwarded-Proto: https (for the Secure cookie);
                              false: as the setting behind_tls_proxy says */
    const char *public_url; /* the address the server is reached at, without a
                               trailing slash, for organisations without a
                               public_url setting of their own; NULL: none */
} server_config;

typedef struct server server;

/* Appends to OUT the address a server of CFG listens on, http://HOST:PORT
 * (localhost for all addresses): what badges name when no public_url is
 * set. False, OUT unchanged, for port 0 (the system chooses it later). */
bool server_local_url(const server_config *cfg, str *out);

/* Writes a line of the server's log to stderr: "groeipad: ", then FMT, a
 * msgid translated into the language the server was started in (whichever
 * request's language this thread speaks now), with its arguments. */
void server_log(const char *fmt, ...) GP_PRINTF(1, 2);

/* Starts serving in the background; NULL (and ERR says why) on failure. */
server *server_start(const server_config *cfg, str *err);
/* The port it listens on. */
int server_port(const server *s);
void server_stop(server *s);
/* Serves until SIGINT or SIGTERM; 0 on a clean stop, -1 when it cannot start.
 * READY (may be NULL) is called once it listens, with the port it listens on
 * (the one the system chose, for port 0). */
int server_run(const server_config *cfg, void (*ready)(int port, void *ctx), void *ctx,
               str *err);

#endif
