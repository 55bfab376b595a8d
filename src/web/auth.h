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
/* auth_csrf_ok, or on a site a form the session made in another of its
 * organisations (named by its field "form_org"): for what concerns the
 * session, not an organisation (logging out, the language, the choice of
 * organisation), which a tab opened before a switch must still do. */
bool auth_session_csrf_ok(const request *req);
/* Gives an anonymous visitor a CSRF cookie (for the login form) when it has
 * none; returns the token forms must carry. */
const char *auth_anonymous_csrf(request *req, response *resp);
/* Guessing passwords: an account takes LOGIN_ACCOUNT_LIMIT failed logins in
 * LOGIN_WINDOW_SECONDS (since its last successful one), an address
 * LOGIN_ADDRESS_LIMIT; then it waits. Login names longer than LOGIN_NAME_MAX
 * count against the address only. */
#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_ACCOUNT_LIMIT 5
#define LOGIN_ADDRESS_LIMIT 20
#define LOGIN_NAME_MAX 200
#define AUTH_THROTTLED 2

/* Checks LOGIN and PASSWORD, opens a session and sets its cookie: 1 when
 * logged in, 0 when the pair is wrong (recorded in the audit log), -1 on a
 * storage error, AUTH_THROTTLED (and *retry_after seconds) when the account
 * or the caller's address has failed too often lately; then the password is
 * not even checked. Unknown and known logins take the same time. */
int auth_login(request *req, response *resp, const char *login, const char *password,
               int *retry_after);
/* Ends the caller's session and clears the cookie. */
void auth_logout(request *req, response *resp);

#endif
