/* auth.c - see auth.h. Secrets travel only as random tokens; the database
 * holds their hashes. */
#include "web/auth.h"
#include "util/crypto.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *cookie_attrs(const request *req)
{
    return req->tls ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
                    : "; Path=/; HttpOnly; SameSite=Strict";
}

int auth_identify(request *req)
{
    char hash[TOKEN_HEX_SIZE];
    const char *bearer = request_bearer(req);
    if (bearer) {
        token_hash(bearer, hash);
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
            req->csrf = req->session_csrf = arena_strdup(req->a, str_cstr(&csrf));
            req->session_hash = arena_strdup(req->a, hash);
            if (req->site && req->org && req->csrf) {
                /* On a site, a form holds the token of the organisation it
                 * was made in: sent after a switch in another tab, it is
                 * refused instead of writing into the organisation the
                 * session serves now. */
                char own[TOKEN_HEX_SIZE];
                token_derived(req->csrf, req->org, own);
                req->csrf = arena_strdup(req->a, own);
            }
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

/* The form's token: its field "csrf", else the header X-CSRF-Token. */
static const char *sent_token(const request *req)
{
    const char *sent = params_get(&req->form, "csrf");
    return sent ? sent : req->csrf_header;
}

bool auth_session_csrf_ok(const request *req)
{
    if (auth_csrf_ok(req))
        return true;
    /* a form of another organisation of the session: the token derived
     * for the organisation it names (form_org), which only the session's
     * own token gives */
    const char *sent = sent_token(req), *org = params_get(&req->form, "form_org");
    if (!sent || !org || !req->site || !req->session_csrf || !*req->session_csrf)
        return false;
    char theirs[TOKEN_HEX_SIZE];
    token_derived(req->session_csrf, org, theirs);
    return secret_equal(sent, theirs);
}

bool auth_csrf_ok(const request *req)
{
    const char *sent = sent_token(req);
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

/* ---- guessing passwords ---- */

/* Failed logins from one address, counted in fixed windows of
 * LOGIN_WINDOW_SECONDS; the oldest entry makes room for a new address. */
#define ADDRESS_SLOTS 1024

typedef struct address_failures {
    char address[48];
    time_t window_start;
    int failures;
} address_failures;

static address_failures by_address[ADDRESS_SLOTS];
static pthread_mutex_t by_address_lock = PTHREAD_MUTEX_INITIALIZER;

static time_t monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

/* The slot of ADDRESS; when it has none, NULL, or with CREATE an empty one
 * or else the one whose window started longest ago. The caller holds the
 * lock. */
static address_failures *address_slot(const char *address, time_t now, bool create)
{
    address_failures *victim = NULL;
    for (int i = 0; i < ADDRESS_SLOTS; i++) {
        address_failures *f = &by_address[i];
        if (strcmp(f->address, address) == 0) {
            if (now - f->window_start >= LOGIN_WINDOW_SECONDS) {
                f->window_start = now;
                f->failures = 0;
            }
            return f;
        }
        bool empty = !f->address[0], victim_empty = victim && !victim->address[0];
        if (!victim || (empty && !victim_empty) ||
            (!empty && !victim_empty && f->window_start < victim->window_start))
            victim = f;
    }
    if (!create)
        return NULL;
    snprintf(victim->address, sizeof victim->address, "%s", address);
    victim->window_start = now;
    victim->failures = 0;
    return victim;
}

/* Seconds until ADDRESS may try again (0: now); with FAILED, counts one more
 * failure first. */
static int address_wait(const char *address, bool failed)
{
    if (!address || strlen(address) >= sizeof by_address[0].address)
        return 0;
    time_t now = monotonic_now();
    pthread_mutex_lock(&by_address_lock);
    address_failures *f = address_slot(address, now, failed);
    if (failed)
        f->failures++;
    int wait = f && f->failures >= LOGIN_ADDRESS_LIMIT
                   ? (int)(f->window_start + LOGIN_WINDOW_SECONDS - now) : 0;
    pthread_mutex_unlock(&by_address_lock);
    return wait > 0 ? wait : 0;
}

/* An argon2id hash made once with the same cost as every real one: an
 * unknown login is checked against it, so that it takes as long to refuse as
 * a known one (the time would tell which login names exist). */
static char dummy_hash[256];
static bool dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    char secret[TOKEN_HEX_SIZE];
    token_new(secret);
    dummy_ok = password_hash(secret, dummy_hash, sizeof dummy_hash);
}

/* True when PASSWORD is the password of the account with HASH; for an
 * unknown account (HASH NULL) false, after the same work. */
static bool password_matches(const char *hash, const char *password)
{
    if (hash)
        return password_verify(hash, password);
    pthread_once(&dummy_once, make_dummy_hash);
    if (dummy_ok)
        password_verify(dummy_hash, password);
    return false;
}

int auth_login(request *req, response *resp, const char *login, const char *password,
               int *retry_after)
{
    *retry_after = address_wait(req->remote_addr, false);
    if (*retry_after)
        return AUTH_THROTTLED;
    bool recordable = strlen(login) <= LOGIN_NAME_MAX;
    int64_t recent = 0, wait = 0;
    if (recordable &&
        logins_failed_recent(req->db, login, LOGIN_WINDOW_SECONDS, &recent, &wait) != STORE_OK)
        return -1;
    if (recent >= LOGIN_ACCOUNT_LIMIT) {
        *retry_after = wait > 0 ? (int)wait : 1;
        return AUTH_THROTTLED;
    }
    user u;
    str hash = STR_INIT;
    int rc = recordable ? users_find(req->db, req->a, login, &u, &hash) : STORE_DONE;
    bool ok = password_matches(rc == STORE_ROW ? str_cstr(&hash) : NULL, password);
    str_free(&hash);
    if (rc == STORE_ERROR)
        return -1;
    if (!ok) {
        address_wait(req->remote_addr, true);
        if (!recordable)
            return 0;
        int failed = store_begin(req->db);
        if (failed == STORE_OK)
            failed = logins_failed_add(req->db, login, req->remote_addr);
        return store_end(req->db, failed) == STORE_OK ? 0 : -1;
    }
    char token[TOKEN_HEX_SIZE], token_h[TOKEN_HEX_SIZE], csrf[TOKEN_HEX_SIZE];
    token_new(token);
    token_new(csrf);
    token_hash(token, token_h);
    int saved = store_begin(req->db);
    if (saved == STORE_OK)
        saved = sessions_add(req->db, u.id, token_h, csrf, SESSION_SECONDS);
    if (saved == STORE_OK)
        saved = audit_write(req->db, login, "login", "session", login, NULL, NULL);
    if (store_end(req->db, saved) != STORE_OK)
        return -1;
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
        /* The cookie goes whatever happens: a failed write only leaves a
         * session that expires on its own. */
        int rc = store_begin(req->db);
        if (rc == STORE_OK)
            rc = sessions_delete(req->db, req->session_hash);
        if (rc == STORE_OK)
            rc = audit_write(req->db, req->user.login, "logout", "session", req->user.login,
                             NULL, NULL);
        store_end(req->db, rc);
    }
    response_header(resp, "Set-Cookie",
                    req->tls ? "gp_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0"
                             : "gp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}
