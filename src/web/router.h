/* router.h - the route table and the one function from request to response. */
#ifndef GP_ROUTER_H
#define GP_ROUTER_H
#include "web/http.h"

typedef void (*handler_fn)(request *req, response *resp);

/* A route: METHOD and PATH (a segment ":x" matches any one segment, a final
 * "*" any rest, handed to the handler as req->arg), and the roles allowed
 * (0: anyone, even without login). */
typedef struct route {
    const char *method, *path;
    handler_fn handler;
    int roles;
} route;

extern const route routes[]; /* routes.c; ends with a zero entry */

/* Runs REQ through identification, the route table, the role and CSRF checks
 * and the handler; RESP receives the whole answer. */
void router_handle(request *req, response *resp);

#endif
