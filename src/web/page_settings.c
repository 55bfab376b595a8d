/* page_settings.c - /settings: HR sets the organisation's settings in the
 * browser (its name, the hours of a working day, the privacy minimum, the
 * mail server, ...), checked as `groeipad settings KEY VALUE` checks them. */
#include "web/pages.h"
#include "core/settings.h"
#include "store/data.h"
#include "store/site.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <string.h>

/* How the page shows and reads a setting. */
enum setting_input { INPUT_TEXT, INPUT_NUMBER, INPUT_YES_NO, INPUT_SECRET };

typedef struct setting_field {
    const char *key;
    const char *label; /* the field's name on the page (N_) */
    enum setting_input input;
    int scale; /* decimals of a number */
} setting_field;

/* The settings of the page, grouped as HR looks for them: each group ends
 * before the field its successor starts with. behind_tls_proxy is left to
 * the command line: it is read when the server starts, and a wrong yes
 * would let anyone in front of it claim any address. */
static const setting_field fields[] = {
    {"name", N_("Name of the organisation"), INPUT_TEXT, 0},
    {"hours_per_day", N_("Hours in a working day"), INPUT_NUMBER, 2},
    {"employer_size", N_("Average FTE of the employer"), INPUT_NUMBER, 2},
    {"days_per_fte", N_("Training days per FTE (sector agreement)"), INPUT_NUMBER, 2},
    {"min_group", N_("Smallest group representatives see"), INPUT_NUMBER, 0},
    {"newcomer_months", N_("Months someone counts as a newcomer"), INPUT_NUMBER, 0},
    {"mentor_min_months", N_("Seniority a mentor needs (months)"), INPUT_NUMBER, 0},
    {"mentor_max_newcomers", N_("Newcomers per mentor before a warning"), INPUT_NUMBER, 0},
    {"warn_days", N_("Days before the end that count as expiring soon"), INPUT_NUMBER, 0},
    {"smtp_host", N_("Mail server"), INPUT_TEXT, 0},
    {"smtp_port", N_("Port of the mail server"), INPUT_NUMBER, 0},
    {"smtp_starttls", N_("Switch to TLS (STARTTLS)"), INPUT_YES_NO, 0},
    {"smtp_login", N_("Login at the mail server"), INPUT_TEXT, 0},
    {"smtp_password", N_("Password at the mail server"), INPUT_SECRET, 0},
    {"smtp_from", N_("Sender address"), INPUT_TEXT, 0},
    {"smtp_cafile", N_("CA certificate file"), INPUT_TEXT, 0},
    {"public_url", N_("Address of groeipad"), INPUT_TEXT, 0},
};

static const struct {
    const char *first; /* the key of the group's first field */
    const char *legend;
} groups[] = {
    {"name", N_("Organisation")},
    {"hours_per_day", N_("Training right and figures")},
    {"newcomer_months", N_("Onboarding")},
    {"warn_days", N_("Certifications")},
    {"smtp_host", N_("E-mail")},
    {"public_url", N_("Badges")},
};
#define NFIELDS (sizeof fields / sizeof *fields)

/* The value field F shows: what a refused form had (AGAIN), else the stored
 * value (a number in the page's language), else "" (the default applies). */
static const char *shown_value(request *req, const setting_field *f, bool again)
{
    if (again) {
        const char *v = request_form(req, f->key);
        return v ? v : "";
    }
    if (f->input == INPUT_SECRET)
        return ""; /* a secret is never sent back to the browser */
    str value = STR_INIT;
    int got = settings_get(req->db, f->key, &value);
    const char *out = "";
    if (got == STORE_ROW && f->input == INPUT_NUMBER) {
        int64_t v = setting_decimal(f->key, str_cstr(&value), f->scale);
        out = v >= 0 ? show_input_decimal(req, v, f->scale, f->scale) : "";
    } else if (got == STORE_ROW) {
        out = arena_strdup(req->a, str_cstr(&value));
    }
    str_free(&value);
    /* On a site an organisation without a name of its own is known by the
     * one it was registered with: the field shows that name, not nothing
     * (an empty field looked like an organisation without a name). */
    if (out && !*out && strcmp(f->key, "name") == 0 && req->site)
        out = site_org_name(req->db, req->a);
    return out ? out : "";
}

/* The default F falls back to when left empty, in words for the hint. */
static const char *default_text(request *req, const setting_def *d, const setting_field *f)
{
    /* on a site, an organisation without a name of its own shows the one
     * the site registered it with */
    if (strcmp(f->key, "name") == 0 && req->site) {
        const char *registered = site_org_name(req->db, req->a);
        if (registered)
            return registered;
    }
    /* without a public_url, badges name the address this server is reached at */
    if (strcmp(f->key, "public_url") == 0 && served_address(req))
        return served_address(req);
    if (!d->fallback)
        return NULL;
    if (f->input == INPUT_NUMBER) {
        int64_t v = setting_decimal(f->key, NULL, f->scale);
        return v >= 0 ? show_decimal(req, v, f->scale, f->scale) : d->fallback;
    }
    if (f->input == INPUT_YES_NO)
        return strcmp(d->fallback, "yes") == 0 ? _("yes") : _("no");
    return d->fallback;
}

/* TEXT with its first letter a capital (ASCII only: the descriptions begin
 * with one), in the request's arena; TEXT itself when out of memory. */
static const char *capitalized(request *req, const char *text)
{
    if (!(*text >= 'a' && *text <= 'z'))
        return text;
    char *copy = arena_strdup(req->a, text);
    if (!copy)
        return text;
    copy[0] = (char)(copy[0] - 'a' + 'A');
    return copy;
}

/* One field of the form, with what it means, its default and, after a
 * refusal, what was wrong with it (PROBLEMS[i] or NULL). */
static void setting_row(request *req, response *resp, const setting_field *f, bool again,
                        const char *problem)
{
    const setting_def *d = setting_find(f->key);
    const char *value = shown_value(req, f, again);
    html_printf(&resp->body, "<label for=\"s-%s\">%s</label>", f->key, _(f->label));
    field_problem(resp, f->key, problem);
    if (f->input == INPUT_YES_NO) {
        html_printf(&resp->body, "<select id=\"s-%s\" name=\"%s\"", f->key, f->key);
        field_described(resp, f->key, true, problem);
        html_printf(&resp->body, "><option value=\"\"%s>%s</option><option value=\"yes\"%s>%s"
                                 "</option><option value=\"no\"%s>%s</option></select>",
                    !*value ? " selected" : "", _("the default"),
                    strcmp(value, "yes") == 0 ? " selected" : "", _("yes"),
                    strcmp(value, "no") == 0 ? " selected" : "", _("no"));
    } else {
        html_printf(&resp->body, "<input id=\"s-%s\" name=\"%s\" value=\"%s\"", f->key, f->key,
                    value);
        if (f->input == INPUT_SECRET)
            html_raw(&resp->body, " type=\"password\" autocomplete=\"new-password\"");
        if (f->input == INPUT_NUMBER)
            html_raw(&resp->body, " inputmode=\"decimal\"");
        field_described(resp, f->key, true, problem);
        html_raw(&resp->body, ">");
    }
    /* What it means, what an empty field gives, and its name on the
     * command line (groeipad settings KEY VALUE). */
    const char *fallback = default_text(req, d, f);
    html_printf(&resp->body, "<p class=\"hint\" id=\"h-%s\">%s.", f->key,
                capitalized(req, _(d->description)));
    if (f->input == INPUT_SECRET)
        html_printf(&resp->body, " %s",
                    _("Left empty, the password set before stays; it is never shown."));
    else if (fallback)
        html_printf(&resp->body, " %s %s.", _("Left empty:"), fallback);
    if (strcmp(f->key, "min_group") == 0 && req->site)
        html_printf(&resp->body, " %s",
                    _("On this site it also holds for the sector's reports, which take the "
                      "highest any organisation sets."));
    html_printf(&resp->body, " %s <code translate=\"no\">%s</code></p>", _("Command line:"),
                f->key);
}

/* The page; after a refusal (PROBLEMS not NULL) every field shows what was
 * typed and the wrong ones say why. */
static void settings_page(request *req, response *resp, const char *const *problems)
{
    page_begin(req, resp, _("Settings"));
    if (problems) {
        resp->status = 422;
        html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s</p></div>",
                    _("Nothing was saved: the fields marked below need correcting."));
    } else if (request_query(req, "done")) {
        html_printf(&resp->body, "<p class=\"notice\" role=\"status\">%s</p>",
                    _("The settings were saved."));
    }
    html_printf(&resp->body, "<p>%s</p>",
                _("The settings of this organisation. A field left empty takes the default "
                  "again."));
    form_open(req, resp, "action=\"/settings\" class=\"narrow settings\"");
    size_t g = 0;
    for (size_t i = 0; i < NFIELDS; i++) {
        if (g < sizeof groups / sizeof *groups && strcmp(fields[i].key, groups[g].first) == 0) {
            if (g)
                html_raw(&resp->body, "</fieldset>");
            html_printf(&resp->body, "<fieldset><legend>%s</legend>", _(groups[g].legend));
            g++;
        }
        setting_row(req, resp, &fields[i], problems != NULL, problems ? problems[i] : NULL);
    }
    html_printf(&resp->body, "</fieldset><button>%s</button></form>", _("Save"));
    page_end(req, resp);
}

/* Checks every field of the posted form into VALUES (NULL: unset; the
 * secret left empty: SKIP); false with a message per wrong field. */
static bool read_fields(request *req, const char **values, const char **problems, bool *skip)
{
    bool ok = true;
    for (size_t i = 0; i < NFIELDS; i++) {
        const char *typed = request_form(req, fields[i].key);
        values[i] = NULL;
        problems[i] = NULL;
        skip[i] = fields[i].input == INPUT_SECRET && (!typed || !*typed);
        if (skip[i] || !typed || !*typed)
            continue;
        str normal = STR_INIT;
        const char *error = NULL;
        if (!setting_normalize(fields[i].key, typed, &normal, &error)) {
            problems[i] = _(error);
            ok = false;
        } else if (!str_ok(&normal) || !(values[i] = arena_strdup(req->a, str_cstr(&normal)))) {
            problems[i] = _("Something went wrong on our side");
            ok = false;
        }
        str_free(&normal);
    }
    return ok;
}

/* Saves the fields whose value changed, in one transaction (each change is
 * audited by settings_set). */
static int save_fields(request *req, const char *const *values, const bool *skip)
{
    int rc = store_begin(req->db);
    for (size_t i = 0; i < NFIELDS && rc == STORE_OK; i++) {
        if (skip[i])
            continue;
        str now = STR_INIT;
        int got = settings_get(req->db, fields[i].key, &now);
        bool same = got == STORE_ROW ? values[i] && strcmp(values[i], str_cstr(&now)) == 0
                                     : got == STORE_DONE && !values[i];
        /* the registered name the field showed for an unset name, sent back */
        if (got == STORE_DONE && values[i] && strcmp(fields[i].key, "name") == 0 && req->site) {
            const char *registered = site_org_name(req->db, req->a);
            same = registered && strcmp(values[i], registered) == 0;
        }
        str_free(&now);
        if (got == STORE_ERROR)
            rc = STORE_ERROR;
        else if (!same)
            rc = settings_set(req->db, req->user.login, fields[i].key, values[i]);
    }
    return store_end(req->db, rc);
}

void page_settings(request *req, response *resp)
{
    if (strcmp(req->method, "POST") != 0) {
        settings_page(req, resp, NULL);
        return;
    }
    const char *values[NFIELDS], *problems[NFIELDS];
    bool skip[NFIELDS];
    if (!read_fields(req, values, problems, skip)) {
        settings_page(req, resp, problems);
        return;
    }
    if (save_fields(req, values, skip) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    response_redirect(req, resp, "/settings?done=1");
}
