/* layout.c - the one page layout, error pages and common answers. */
#include "web/pages.h"
#include "web/auth.h"
#include "web/router.h"
#include "store/data.h"
#include "core/labels.h"
#include "core/settings.h"
#include "store/site.h"
#include "web/site.h"
#include "util/decimal.h"
#include "util/locale_fmt.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

typedef struct nav_item {
    const char *href, *label;
    int roles;
} nav_item;

/* The navigation, by role; labels are message ids. */
static const nav_item nav[] = {
    {"/", N_("Overview"), ROLE_ANY},
    {"/employees", N_("Employees"), ROLE_ADMIN},
    {"/employees", N_("My team"), ROLE_MANAGER},
    {"/my", N_("My learning"), ROLE_EMPLOYEE | ROLE_MENTOR | ROLE_MANAGER},
    {"/my/right", N_("My training right"), ROLE_EMPLOYEE | ROLE_MENTOR | ROLE_MANAGER},
    {"/team/right", N_("Team training right"), ROLE_MANAGER},
    {"/my/log", N_("Log learning"), ROLE_EMPLOYEE | ROLE_MENTOR | ROLE_MANAGER},
    {"/my/badges", N_("My badges"), ROLE_EMPLOYEE | ROLE_MENTOR | ROLE_MANAGER},
    {"/team/claims", N_("To confirm"), ROLE_MANAGER | ROLE_ADMIN},
    {"/reports", N_("Figures"), ROLE_ADMIN | ROLE_REPRESENTATIVE},
    {"/onboarding", N_("Onboarding"), ROLE_ANY},
    {"/right", N_("Everyone's training right"), ROLE_ADMIN},
    {"/plans", N_("Training plan"), ROLE_ADMIN | ROLE_REPRESENTATIVE},
    {"/incentives", N_("Incentives"), ROLE_ADMIN},
    {"/badges", N_("Badges"), ROLE_ADMIN},
    {"/scans", N_("Policy scans"), ROLE_ADMIN | ROLE_REPRESENTATIVE},
    {"/import", N_("Import"), ROLE_ADMIN},
    {"/users", N_("Users"), ROLE_ADMIN},
    {"/settings", N_("Settings"), ROLE_ADMIN},
    {"/catalogue", N_("Training offer"), ROLE_ANY},
    {"/gaps", N_("Competences"), ROLE_ADMIN | ROLE_MANAGER | ROLE_REPRESENTATIVE},
    {"/my/competences", N_("My competences"), ROLE_EMPLOYEE | ROLE_MENTOR},
    {"/certifications", N_("Certifications"), ROLE_ANY},
    {"/evaluation", N_("Evaluation"), ROLE_ADMIN},
    {"/team/followups", N_("Follow-up"), ROLE_MANAGER},
    {"/sessions", N_("Sessions"), ROLE_ANY},
};

void form_open(request *req, response *resp, const char *attrs, ...)
{
    va_list ap;
    va_start(ap, attrs);
    html_raw(&resp->body, "<form method=\"post\" ");
    html_vprintf(&resp->body, attrs, ap);
    va_end(ap);
    html_printf(&resp->body, "><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                req->csrf ? req->csrf : "");
    if (req->site && req->org) /* to say so when it is sent after a switch */
        html_printf(&resp->body, "<input type=\"hidden\" name=\"form_org\" value=\"%s\">",
                    req->org);
}

static void write_nav(request *req, response *resp)
{
    /* The current item: the longest link the path is at or below. */
    const char *current = NULL;
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
        size_t n = strlen(nav[i].href);
        bool below = strcmp(req->path, nav[i].href) == 0 ||
                     (n > 1 && strncmp(req->path, nav[i].href, n) == 0 && req->path[n] == '/');
        if ((nav[i].roles & req->user.role) && below && (!current || n > strlen(current)))
            current = nav[i].href;
    }
    html_printf(&resp->body, "<nav aria-label=\"%s\"><ul>", _("Main menu"));
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
        if (!(nav[i].roles & req->user.role))
            continue;
        bool here = current && strcmp(current, nav[i].href) == 0;
        html_printf(&resp->body, "<li><a href=\"%s\" aria-current=\"%s\">%s</a></li>",
                    nav[i].href, here ? "page" : "false", _(nav[i].label));
    }
    html_raw(&resp->body, "</ul></nav>");
}

static void write_language_switch(request *req, response *resp)
{
    static const char *const langs[][2] = {{"nl", "Nederlands"}, {"fr", "Français"},
                                           {"en", "English"}};
    form_open(req, resp, "action=\"/language\" class=\"lang\"");
    const char *back = router_back_address(req);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                back ? back : "/");
    for (size_t i = 0; i < 3; i++)
        html_printf(&resp->body, "<button name=\"lang\" value=\"%s\" lang=\"%s\" "
                                 "aria-current=\"%s\">%s</button>",
                    langs[i][0], langs[i][0],
                    strcmp(req->lang, langs[i][0]) == 0 ? "true" : "false", langs[i][1]);
    html_raw(&resp->body, "</form>");
}

const char *org_display_name(request *req)
{
    /* Before a site's caller has chosen, the connection is at the registry,
     * which has no settings. */
    if (req->site && !req->org)
        return NULL;
    /* A site's request has the registry's name from its token already: the
     * name setting is the same one (site_rename_org). */
    if (req->org_name)
        return req->org_name;
    str name = STR_INIT;
    const char *out = NULL;
    if (settings_get(req->db, "name", &name) == STORE_ROW && name.len)
        out = arena_strdup(req->a, str_cstr(&name));
    str_free(&name);
    if (out)
        return out;
    /* serve --org of an organisation without a name setting: the
     * registry's name of the organisation the connection serves */
    req->org_name = site_org_name(req->db, req->a);
    return req->org_name;
}

void page_begin(request *req, response *resp, const char *title)
{
    /* A sector account works for all organisations; on a single file
     * without a name, the product's name stands in; a site's caller who has
     * not chosen yet (its login page) works for none. */
    const char *org = req->site && req->sector ? _("All organisations") : org_display_name(req);
    if (!org && !req->site)
        org = "groeipad";
    if (!req->csrf)
        auth_anonymous_csrf(req, resp);
    resp->content_type = "text/html; charset=utf-8";
    html_printf(&resp->body,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · %s</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
                "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
                "</head><body><a class=\"skip\" href=\"#main\">%s</a>"
                "<header class=\"top\"><a class=\"brand\" href=\"/\">groeipad</a>",
                req->lang, title, org ? org : "groeipad", _("Skip to content"));
    if (org && *org)
        html_printf(&resp->body, "<span class=\"org\">%s</span>", org);
    if (req->site && req->org && req->authenticated && !req->by_token &&
        site_several_orgs(req))
        html_printf(&resp->body, " <a class=\"switch\" href=\"/orgs\">%s</a>",
                    _("Switch organisation"));
    if (req->authenticated) {
        write_nav(req, resp);
        /* Without an organisation there is no role: a sector account has its
         * own account page (its password), who is still choosing none. */
        if (req->site && req->sector)
            html_printf(&resp->body, "<div class=\"who\"><a href=\"/account\" "
                                     "translate=\"no\">%s</a>%s",
                        req->user.login, _(" · sector account"));
        else if (req->site && !req->org)
            html_printf(&resp->body, "<div class=\"who\"><span translate=\"no\">%s</span>",
                        req->user.login);
        else
            html_printf(&resp->body, "<div class=\"who\"><a href=\"/account\" "
                                     "translate=\"no\">%s</a> · <span>%s</span>",
                        req->user.login, _(role_label(req->user.role)));
        form_open(req, resp, "action=\"/logout\"");
        html_printf(&resp->body, "<button>%s</button></form></div>", _("Log out"));
    }
    html_printf(&resp->body, "</header><main id=\"main\"><h1>%s</h1>", title);
}

void page_end(request *req, response *resp)
{
    html_raw(&resp->body, "</main><footer>");
    write_language_switch(req, resp);
    html_printf(&resp->body, "<p>groeipad · %s</p></footer></body></html>\n",
                _("training policy, together"));
}

static const char *status_title(int status)
{
    switch (status) {
    case 400: return _("The request is not valid");
    case 401: return _("Please log in first");
    case 403: return _("You do not have access to this");
    case 404: return _("This page does not exist");
    case 405: return _("This action is not possible here");
    case 409: return _("This cannot be done as things are now");
    case 413: return _("The upload is too large");
    /* a form's content was refused: the person corrects it, not us */
    case 422: return _("Not saved: please correct the form");
    default: return _("Something went wrong on our side");
    }
}

void respond_error(request *req, response *resp, int status, const char *detail)
{
    str_clear(&resp->body);
    resp->status = status;
    if (request_is_api(req)) {
        json_t *j = json_pack("{s:{s:i, s:s}}", "error", "status", status, "message",
                              detail ? detail : status_title(status));
        respond_json(req, resp, status, j);
        if (status == 401)
            response_header(resp, "WWW-Authenticate", "Bearer");
        return;
    }
    page_begin(req, resp, status_title(status));
    if (detail)
        html_printf(&resp->body, "<p>%s</p>", detail);
    if (status == 404)
        site_switch_hint(req, resp);
    if (status == 422)
        html_printf(&resp->body, "<p>%s</p>",
                    _("Your browser's Back button takes you to the form again, with what "
                      "you typed."));
    if (status == 401 || !req->authenticated)
        html_printf(&resp->body, "<p><a href=\"/login\">%s</a></p>", _("Log in"));
    else
        html_printf(&resp->body, "<p><a href=\"/\">%s</a></p>", _("Back to the overview"));
    page_end(req, resp);
    resp->status = status;
}

void respond_unavailable(request *req, response *resp)
{
    respond_error(req, resp, 503, _("This could not be looked up just now. Please try again "
                                    "in a moment."));
    response_header(resp, "Retry-After", "5");
}

void respond_json(request *req, response *resp, int status, json_t *j)
{
    (void)req;
    str_clear(&resp->body);
    resp->status = status;
    resp->content_type = "application/json";
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(j);
    if (!text) {
        resp->status = 500;
        str_puts(&resp->body, "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}");
        return;
    }
    str_puts(&resp->body, text);
    str_putc(&resp->body, '\n');
    free(text);
}

void field_described(response *resp, const char *name, bool hinted, const char *problem)
{
    if (problem)
        html_raw(&resp->body, " aria-invalid=\"true\"");
    if (problem && hinted)
        html_printf(&resp->body, " aria-describedby=\"h-%s e-%s\"", name, name);
    else if (problem || hinted)
        html_printf(&resp->body, " aria-describedby=\"%s-%s\"", problem ? "e" : "h", name);
}

void field_problem(response *resp, const char *name, const char *problem)
{
    if (problem)
        html_printf(&resp->body, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, problem);
}

const char *text_of(request *req, const char *fmt, ...)
{
    str s = STR_INIT;
    va_list ap;
    va_start(ap, fmt);
    str_vprintf(&s, fmt, ap);
    va_end(ap);
    const char *copy = str_ok(&s) ? arena_strdup(req->a, str_cstr(&s)) : NULL;
    str_free(&s);
    return copy ? copy : "?";
}

void respond_attachment(request *req, response *resp, const char *filename)
{
    str disp = STR_INIT;
    /* On a site the organisation's slug comes first: files of several
     * organisations downloaded side by side keep apart. */
    str_printf(&disp, "attachment; filename=\"%s%s%s\"", req->org ? req->org : "",
               req->org ? "-" : "", filename);
    const char *value = str_ok(&disp) ? arena_strdup(req->a, disp.p) : NULL;
    str_free(&disp);
    if (value)
        response_header(resp, "Content-Disposition", value);
}

void respond_download(request *req, response *resp, const char *content_type,
                      const char *filename, FILE *file)
{
    str_clear(&resp->body);
    if (resp->file)
        fclose(resp->file);
    resp->file = file;
    resp->content_type = content_type;
    respond_attachment(req, resp, filename);
}

FILE *download_open(void)
{
    return tmpfile();
}

bool download_write(void *file, const char *data, size_t n)
{
    return fwrite(data, 1, n, file) == n;
}

void download_send(request *req, response *resp, FILE *file, bool written, int format,
                   const char *base)
{
    static const char *const types[] = {
        "text/csv; charset=utf-8", "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    static const char *const extensions[] = {"csv", "json", "xlsx"};
    if (!file || !written || fflush(file) != 0 || format < 0 || format > 2) {
        if (file)
            fclose(file);
        respond_error(req, resp, 500, NULL);
        return;
    }
    str name = STR_INIT;
    str_printf(&name, "%s.%s", base, extensions[format]);
    const char *filename = str_ok(&name) ? arena_strdup(req->a, name.p) : NULL;
    str_free(&name);
    respond_download(req, resp, types[format], filename ? filename : "groeipad", file);
}

const char *show_decimal(request *req, int64_t value, int scale, int places)
{
    char buf[FMT_SIZE];
    if (!fmt_number(req->lang, value, scale, places, buf, sizeof buf))
        return "?";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

const char *show_euro(request *req, int64_t cents)
{
    const char *amount = show_decimal(req, cents, 2, 2);
    /* French writes the sign after the amount, kept to it (U+202F, as its
     * thousands and its percent sign); Dutch and English before it */
    return req->lang && strcmp(req->lang, "fr") == 0 ? text_of(req, "%s\u202f€", amount)
                                                     : text_of(req, "€ %s", amount);
}

const char *show_input_decimal(request *req, int64_t value, int scale, int places)
{
    char buf[48];
    if (!decimal_format(value, scale, places, buf, sizeof buf))
        return "?";
    if (strcmp(req->lang, "en") != 0) {
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ',';
    }
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

const char *show_percent(request *req, int64_t num, int64_t den)
{
    char buf[FMT_SIZE];
    if (!fmt_percent(req->lang, num, den, 1, buf, sizeof buf))
        return "?";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "?";
}

const char *show_count(request *req, int64_t n)
{
    return show_decimal(req, n, 0, 0);
}

const char *show_date(request *req, date_t d)
{
    char buf[FMT_SIZE];
    if (d == DATE_NONE || !fmt_date(req->lang, d, buf, sizeof buf))
        return "";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "";
}

const char *show_timestamp(request *req, const char *stamp)
{
    char buf[FMT_SIZE];
    if (!stamp || !fmt_timestamp(req->lang, stamp, buf, sizeof buf))
        return "";
    const char *copy = arena_strdup(req->a, buf);
    return copy ? copy : "";
}

const char *show_group(request *req, int dim, const char *name)
{
    if (!dimension_groups_are_codes(dim))
        return name;
    str s = STR_INIT;
    code_labels_text(&s, name);
    const char *copy = str_ok(&s) ? arena_strdup(req->a, s.p) : NULL;
    str_free(&s);
    return copy ? copy : name;
}

const char *show_code(const vocab *v, int i)
{
    return _(code_label(v, i));
}

void confirm_box(request *req, response *resp, const char *question, const char *action,
                 const char *name, const char *value, const char *yes, const char *back,
                 const char *no)
{
    html_printf(&resp->body, "<div class=\"warning\" role=\"alert\" id=\"confirm\"><p>%s</p>",
                question);
    form_open(req, resp, "action=\"%s\"", action);
    if (name)
        html_printf(&resp->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, value);
    html_printf(&resp->body, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                             "<button>%s</button> <a href=\"%s\">%s</a></form></div>",
                yes, back, no);
}

const char *person_of_login(request *req, const char *login)
{
    const char *name = NULL;
    if (!login || employees_name_of_login(req->db, req->a, login, &name) != STORE_ROW || !name)
        return login;
    return name;
}

const char *form_again(request *req, bool again, const char *name)
{
    const char *v = again ? request_form(req, name) : NULL;
    return v ? v : "";
}

const char *form_date_type(const char *value)
{
    date_t d;
    bool iso = value && strlen(value) == 10 && value[4] == '-' && value[7] == '-' &&
               date_parse(value, 10, &d);
    return !value || !*value || iso ? "date" : "text";
}

const char *form_checked(request *req, bool again, const char *name, const char *value)
{
    for (size_t i = 0; again && i < req->form.n; i++)
        if (strcmp(req->form.v[i].name, name) == 0 && strcmp(req->form.v[i].value, value) == 0)
            return " checked";
    return "";
}

void form_refused(response *resp, const char *problem, const char *anchor)
{
    resp->status = 422;
    html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s %s", _("Not saved:"),
                problem);
    if (anchor)
        html_printf(&resp->body, " <a href=\"#%s\">%s</a>", anchor, _("To the form"));
    html_raw(&resp->body, "</p></div>");
}

void form_refused_note(response *resp, const char *problem)
{
    if (problem)
        html_printf(&resp->body, "<p class=\"error\">%s %s</p>", _("Not saved:"), problem);
}

const char *show_person(request *req, const char *employee_id)
{
    employee e;
    if (!employee_id || !*employee_id)
        return "";
    if (employees_get(req->db, req->a, employee_id, &e) != STORE_ROW)
        return employee_id; /* no longer known: the number is all there is */
    str name = STR_INIT;
    str_printf(&name, "%s %s", e.first_name, e.last_name);
    const char *copy = str_ok(&name) ? arena_strdup(req->a, name.p) : NULL;
    str_free(&name);
    return copy ? copy : employee_id;
}

/* True when HOST is a plain host[:port] (letters, digits, '.', '-', ':',
 * brackets of an IPv6 address): what a shown address may be built from. */
static bool plain_host(const char *host)
{
    if (!host || !*host || strlen(host) > 255)
        return false;
    for (const char *p = host; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == ':' || *p == '[' || *p == ']'))
            return false;
    return true;
}

const char *served_address(const request *req)
{
    return req->public_url ? req->public_url : req->local_url;
}

const char *public_address(request *req, const char *path)
{
    str url = STR_INIT;
    if (settings_get(req->db, "public_url", &url) != STORE_ROW || !url.len) {
        str_clear(&url);
        if (req->public_url)
            str_puts(&url, req->public_url);
        else if (plain_host(req->host))
            str_printf(&url, "%s://%s", req->tls ? "https" : "http", req->host);
        else
            str_puts(&url, setting_find("public_url")->fallback);
    }
    while (url.len && url.p[url.len - 1] == '/') /* "https://x.example/" */
        url.p[--url.len] = '\0';
    str_puts(&url, path);
    const char *copy = str_ok(&url) ? arena_strdup(req->a, url.p) : NULL;
    str_free(&url);
    return copy ? copy : path;
}
