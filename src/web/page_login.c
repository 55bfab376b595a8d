/* page_login.c - /login, /logout and /language. */
#include "web/auth.h"
#include "web/pages.h"
#include "util/i18n.h"
#include <string.h>

/* A local path to return to after login; anything else goes home. */
static const char *safe_next(const char *next)
{
    return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : "/";
}

static void login_form(request *req, response *resp, const char *login, const char *error)
{
    page_begin(req, resp, _("Log in"));
    if (error)
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>", error);
    form_open(req, resp, "action=\"/login\" class=\"narrow\"");
    html_printf(&resp->body, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                safe_next(request_query(req, "next") ? request_query(req, "next")
                                                     : request_form(req, "next")));
    html_printf(&resp->body,
                "<label for=\"login\">%s</label>"
                "<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"%s\">"
                "<label for=\"password\">%s</label>"
                "<input id=\"password\" name=\"password\" type=\"password\" "
                "autocomplete=\"current-password\" required>"
                "<button type=\"submit\">%s</button></form>",
                _("Login name"), login ? login : "", _("Password"), _("Log in"));
    page_end(req, resp);
}

void page_login(request *req, response *resp)
{
    if (req->authenticated) {
        response_redirect(req, resp, "/");
        return;
    }
    login_form(req, resp, NULL, NULL);
}

void page_login_post(request *req, response *resp)
{
    const char *login = request_form(req, "login"), *password = request_form(req, "password");
    int rc = login && password ? auth_login(req, resp, login, password) : 0;
    if (rc < 0) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    if (rc == 0) {
        resp->status = 401;
        login_form(req, resp, login, _("That login name and password do not match."));
        return;
    }
    response_redirect(req, resp, safe_next(request_form(req, "next")));
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
        if (store_begin(req->db) != STORE_OK ||
            users_set_lang(req->db, req->user.id, lang) != STORE_OK ||
            audit_write(req->db, req->user.login, "update", "user_language", req->user.login,
                        req->user.lang, lang) != STORE_OK ||
            store_commit(req->db) != STORE_OK) {
            store_rollback(req->db);
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
    response_redirect(req, resp, safe_next(request_form(req, "next")));
}
