/* auth.c - see auth.h. Secrets travel only as random tokens; the database
 * holds their hashes. */
#include "web/auth.h"
#include "util/crypto.h"
#include <string.h>

static const char *cookie_attrs(const request *req)
{
    return req->tls ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
                    : "; Path=/; HttpOnly; SameSite=Strict";
}

int auth_identify(request *req)
{
    char hash[TOKEN_HEX_SIZE];
    const char *bearer = req->authorization;
    if (bearer && strncmp(bearer, "Bearer ", 7) == 0) {
        token_hash(bearer + 7, hash);
        int rc = tokens_find(req->db, req->a, hash, &req->user);
        if (rc == STORE_ERROR)
            return -1;
        req->authenticated = req->by_token = rc == STORE_ROW;
        return 0;
    }
    const char *cookie = params_get(&req->cookies, "gp_session");
    if (cookie && *cookie) {
        str csrf = STR_INIT;
        token_hash(cookie, hash);
        int rc = sessions_find(req->db, req->a, hash, &req->user, &csrf);
        if (rc == STORE_ROW) {
            req->authenticated = true;
            req->csrf = arena_strdup(req->a, str_cstr(&csrf));
            req->session_hash = arena_strdup(req->a, hash);
        }
        str_free(&csrf);
        if (rc == STORE_ERROR)
            return -1;
    }
    if (!req->authenticated) {
        memset(&req->user, 0, sizeof req->user);
        req->csrf = params_get(&req->cookies, "gp_csrf");
    }
    return 0;
}

bool auth_csrf_ok(const request *req)
{
    const char *sent = params_get(&req->form, "csrf");
    if (!sent)
        sent = req->csrf_header;
    return sent && req->csrf && *req->csrf && secret_equal(sent, req->csrf);
}

const char *auth_anonymous_csrf(request *req, response *resp)
{
    if (req->csrf && *req->csrf)
        return req->csrf;
    char token[TOKEN_HEX_SIZE];
    token_new(token);
    str cookie = STR_INIT;
    str_printf(&cookie, "gp_csrf=%s%s", token, cookie_attrs(req));
    const char *value = str_ok(&cookie) ? arena_strdup(req->a, cookie.p) : NULL;
    str_free(&cookie);
    if (value)
        response_header(resp, "Set-Cookie", value);
    req->csrf = arena_strdup(req->a, token);
    return req->csrf;
}

int auth_login(request *req, response *resp, const char *login, const char *password)
{
    user u;
    str hash = STR_INIT;
    int rc = users_find(req->db, req->a, login, &u, &hash);
    bool ok = rc == STORE_ROW && password_verify(str_cstr(&hash), password);
    str_free(&hash);
    if (rc == STORE_ERROR)
        return -1;
    if (!ok)
        return 0;
    char token[TOKEN_HEX_SIZE], token_h[TOKEN_HEX_SIZE], csrf[TOKEN_HEX_SIZE];
    token_new(token);
    token_new(csrf);
    token_hash(token, token_h);
    if (store_begin(req->db) != STORE_OK)
        return -1;
    if (sessions_add(req->db, u.id, token_h, csrf, SESSION_SECONDS) != STORE_OK ||
        audit_write(req->db, login, "login", "session", login, NULL, NULL) != STORE_OK ||
        store_commit(req->db) != STORE_OK) {
        store_rollback(req->db);
        return -1;
    }
    str cookie = STR_INIT;
    str_printf(&cookie, "gp_session=%s%s; Max-Age=%d", token, cookie_attrs(req), SESSION_SECONDS);
    const char *value = str_ok(&cookie) ? arena_strdup(req->a, cookie.p) : NULL;
    str_free(&cookie);
    if (!value)
        return -1;
    response_header(resp, "Set-Cookie", value);
    req->user = u;
    req->authenticated = true;
    return 1;
}

void auth_logout(request *req, response *resp)
{
    if (req->session_hash) {
        if (store_begin(req->db) == STORE_OK) {
            if (sessions_delete(req->db, req->session_hash) == STORE_OK &&
                audit_write(req->db, req->user.login, "logout", "session", req->user.login, NULL,
                            NULL) == STORE_OK)
                store_commit(req->db);
            else
                store_rollback(req->db);
        }
    }
    response_header(resp, "Set-Cookie",
                    req->tls ? "gp_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0"
                             : "gp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}
