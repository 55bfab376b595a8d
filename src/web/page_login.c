/* page_login.c - /login, /logout and /language. */
#include "web/auth.h"
#include "web/pages.h"
#include "util/i18n.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* True when the N bytes at P make a path of this site that no browser reads
 * as another host: a single '/' then a path character (or nothing), and no
 * control character, backslash or non-ASCII byte anywhere. */
static bool local_path(const char *p, size_t n)
{
    if (n == 0 || p[0] != '/')
        return false;
    if (n > 1 && !isalnum((unsigned char)p[1]) && !strchr("-._~?#", p[1]))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] < 0x21 || (unsigned char)p[i] >= 0x7f || p[i] == '\\')
            return false;
    return true;
}

/* The decoded form of a local path: its path part (up to '?' or '#') as
 * strict as local_path, since that is what could name another host
 * ("//evil.example"); after it, a query's decoded text may hold spaces and
 * letters such as é ("search=Jan Peeters"), but no control character. */
static bool decoded_local(const char *p, size_t n)
{
    size_t path = strcspn(p, "?#");
    if (path > n)
        path = n;
    if (!local_path(p, path))
        return false;
    for (size_t i = path; i < n; i++)
        if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] == 0x7f)
            return false;
    return true;
}

/* A local path to return to after login (or a change of language); anything
 * else goes home. Checked as given and once more with its %-escapes decoded,
 * so that "/%2F/evil.example" and "/%09/evil.example" go home too. */
const char *safe_next(request *req, const char *next)
{
    if (!next || strlen(next) > 2000 || !local_path(next, strlen(next)))
        return "/";
    size_t n;
    const char *decoded = percent_decode(req->a, next, strlen(next), &n);
    return decoded && decoded_local(decoded, n) ? next : "/";
}

const char *next_address(request *req, const char *to)
{
    const char *target = request_target(req, NULL);
    str loc = STR_INIT;
    str_puts(&loc, to);
    if (target)
        url_encode(&loc, target);
    const char *out = target && str_ok(&loc) ? arena_strdup(req->a, str_cstr(&loc)) : NULL;
    str_free(&loc);
    return out;
}

static void login_form(request *req, response *resp, const char *login, const char *error)
{
    page_begin(req, resp, _("Log in"));
    const char *changed = request_query(req, "changed");
    if (error)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    else if (changed && strcmp(changed, "password") == 0)
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("Your password is changed. Log in with the new one."));
    form_open(req, resp, "action=\"/login\" class=\"narrow\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                safe_next(req, request_query(req, "next") ? request_query(req, "next")
                                                     : request_form(req, "next")));
    html_printf(&resp->body,
                "<label for=\"login\">%s</label>"
                "<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"%s\">"
                "<label for=\"password\">%s</label>"
                "<input id=\"password\" name=\"password\" type=\"password\" "
                "autocomplete=\"current-password\" required>"
                "<button type=\"submit\">%s</button></form>",
                _("Login name"), login ? login : "", _("Password"), _("Log in"));
    /* there is no mail-a-link reset: who forgot says where to go; on a site
     * the password is the person's in every organisation (docs/scale.md) */
    html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                req->site ? _("Your password is the same for every organisation of this site. "
                              "Forgot it? HR of your organisation gives you a new one on the "
                              "Users page; when you work for several organisations of the site, "
                              "the site's administrator does, for all of them at once.")
                          : _("Forgot your password? HR (an administrator of groeipad) gives "
                              "you a new one on the Users page."));
    page_end(req, resp);
}

/* After a login: what happened to the account since the previous one, when
 * someone failed to log in to it; a continue link to NEXT. Answers false
 * (nothing written) when there is nothing to tell. */
static bool failed_logins_notice(request *req, response *resp, const char *next)
{
    int64_t count;
    const char *at, *address;
    if (logins_failed_before_last(req->db, req->a, req->user.login, &count, &at, &address) !=
            STORE_OK ||
        count == 0)
        return false;
    page_begin(req, resp, _("Failed attempts to log in"));
    html_printf(&resp->body, "<p role=\"alert\">%s</p><ul><li>%s: %lld</li><li>%s: %s</li>"
                "<li>%s: %s</li></ul><p>%s <a href=\"/account\">%s</a></p>"
                "<p><a href=\"%s\">%s</a></p>",
                _("Since your previous login, someone tried to log in to your account with a "
                  "wrong password."),
                _("Failed attempts"), (long long)count, _("The last one at (UTC)"), show_timestamp(req, at),
                _("From the address"), address ? address : "?",
                _("If this was not you, choose a new password."), _("Change my password now"),
                next, _("Continue to the page you asked for"));
    page_end(req, resp);
    return true;
}

void page_login(request *req, response *resp)
{
    const char *next = safe_next(req, request_query(req, "next"));
    if (req->authenticated) {
        if (!failed_logins_notice(req, resp, next))
            response_redirect(req, resp, next);
        return;
    }
    login_form(req, resp, NULL, NULL);
}

void page_login_post(request *req, response *resp)
{
    const char *login = request_form(req, "login"), *password = request_form(req, "password");
    int retry_after = 0;
    int rc = login && password ? auth_login(req, resp, login, password, &retry_after) : 0;
    if (rc < 0) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (rc == AUTH_THROTTLED) {
        resp->status = 429;
        char text[16];
        snprintf(text, sizeof text, "%d", retry_after);
        const char *seconds = arena_strdup(req->a, text);
        if (seconds)
            response_header(resp, "Retry-After", seconds);
        login_form(req, resp, login, _("Too many failed attempts to log in. Please wait a few "
                                       "minutes and try again."));
        return;
    }
    if (rc == 0) {
        resp->status = 401;
        login_form(req, resp, login, _("That login name and password do not match."));
        return;
    }
    const char *next = safe_next(req, request_form(req, "next"));
    int64_t count;
    const char *at, *address;
    if (logins_failed_before_last(req->db, req->a, login, &count, &at, &address) == STORE_OK &&
        count > 0) {
        /* The owner sees the notice first (GET /login shows it). */
        str loc = STR_INIT;
        str_puts(&loc, "/login?next=");
        url_encode(&loc, next);
        const char *where = str_ok(&loc) ? arena_strdup(req->a, str_cstr(&loc)) : NULL;
        str_free(&loc);
        response_redirect(req, resp, where ? where : next);
        return;
    }
    response_redirect(req, resp, next);
}

void page_logout(request *req, response *resp)
{
    auth_logout(req, resp);
    response_redirect(req, resp, "/login");
}

void page_language(request *req, response *resp)
{
    const char *lang = request_form(req, "lang");
    if (!lang || !i18n_supported(lang)) {
        respond_error(req, resp, 400, NULL);
        return;
    }
    if (req->authenticated) {
        int rc = store_begin(req->db);
        if (rc == STORE_OK)
            rc = users_set_lang(req->db, req->user.id, lang);
        if (rc == STORE_OK)
            rc = audit_write(req->db, req->user.login, "update", "user_language", req->user.login,
                             req->user.lang, lang);
        if (store_end(req->db, rc) != STORE_OK) {
            respond_error(req, resp, 500, NULL);
            return;
        }
    }
    str cookie = STR_INIT;
    str_printf(&cookie, "gp_lang=%s; Path=/; SameSite=Strict; Max-Age=31536000", lang);
    const char *value = str_ok(&cookie) ? arena_strdup(req->a, cookie.p) : NULL;
    str_free(&cookie);
    if (value)
        response_header(resp, "Set-Cookie", value);
    response_redirect(req, resp, safe_next(req, request_form(req, "next")));
}
