/* router.h - the route table and the one function from request to response. */
#ifndef GP_ROUTER_H
#define GP_ROUTER_H
#include "web/http.h"

typedef void (*handler_fn)(request *req, response *resp);

/* Route flags. */
#define ROUTE_UPLOAD 1         /* takes a large body (an import) from the callers it allows */
#define ROUTE_HIDE_FORBIDDEN 2 /* names a person or record: a 403 from its handler is sent
                                  as 404, so that a caller cannot tell which ids exist */
#define ROUTE_ANY_LOGIN 4      /* any logged-in caller, also one with no role yet (on a
                                  site: still choosing an organisation, or a sector
                                  account); its roles are then not checked */
#define ROUTE_SESSION_FORM 8   /* changes the session, not an organisation: a form of
                                  another organisation of the session is taken
                                  (auth_session_csrf_ok) */

/* A route: METHOD and PATH (a segment ":x" matches any one segment, a final
 * "*" any rest, handed to the handler as req->arg), the roles allowed (0:
 * anyone, even without login) and its ROUTE_ flags. */
typedef struct route {
    const char *method, *path;
    handler_fn handler;
    int roles;
    int flags;
} route;

extern const route routes[]; /* routes.c; ends with a zero entry */

/* Runs REQ through identification, the route table, the role and CSRF checks
 * and the handler; RESP receives the whole answer. */
void router_handle(request *req, response *resp);
/* The largest body REQ may send (REQUEST_SMALL_BODY, or REQUEST_UPLOAD_BODY
 * for an upload route the identified caller may use); 0 when the caller
 * cannot be identified (the database failed). Runs no handler. */
size_t router_body_limit(request *req);
/* Where a switch of language on REQ's page goes back to: REQ's own path
 * and query for a GET (without a "next" parameter); for the answer to a form (a POST, such as a question
 * asking to confirm, which a redirect cannot ask again), the nearest page
 * above its path that a GET answers ("/sessions/42" for
 * "/sessions/42/group"), else "/". In REQ's arena; NULL when out of memory. */
const char *router_back_address(request *req);
/* Answers REQ with error STATUS (DETAIL may be NULL) in the caller's language
 * without running any handler. */
void router_refuse(request *req, response *resp, int status, const char *detail);
/* Says in the server's log that the database does not answer (WHY: the
 * driver's message, which names the server, not a request), at most once
 * every 10 seconds: every request fails meanwhile. */
void router_log_unreachable(const char *why);

#endif
