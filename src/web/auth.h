/* auth.h - who is asking: sessions, bearer tokens, CSRF. */
#ifndef GP_AUTH_H
#define GP_AUTH_H
#include "web/http.h"

#define SESSION_SECONDS (12 * 3600)

/* Identifies the caller from an Authorization: Bearer header or the session
 * cookie and fills req->user, req->csrf; 0 (possibly anonymous) or -1 when
 * the database failed. */
int auth_identify(request *req);
/* True when the form field "csrf" (or header X-CSRF-Token) matches. */
bool auth_csrf_ok(const request *req);
/* Gives an anonymous visitor a CSRF cookie (for the login form) when it has
 * none; returns the token forms must carry. */
const char *auth_anonymous_csrf(request *req, response *resp);
/* Checks LOGIN and PASSWORD, opens a session and sets its cookie: 1 when
 * logged in, 0 when the pair is wrong, -1 on a storage error. */
int auth_login(request *req, response *resp, const char *login, const char *password);
/* Ends the caller's session and clears the cookie. */
void auth_logout(request *req, response *resp);

#endif
