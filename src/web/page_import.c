/* page_import.c - /import: the admin uploads the staff list, the catalogue,
 * the learning record and funding, one file or several at once (an employee
 * file and its learning file go in together), all or nothing. */
#include "web/pages.h"
#include "app/certifications.h"
#include "app/export.h"
#include "store/data.h"
#include "store/import.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_labels[IMPORT_KINDS] = {N_("Employees"), N_("Activities"),
                                                      N_("Learning record"), N_("Funding"),
                                                      N_("Competences"), N_("Function profiles"),
                                                      N_("Assessments"),
                                                      N_("Mentors")};

/* The upload form. YEAR: the year to replace as typed (0: none); REPLACING:
 * how many records of YEAR the import would delete, when the form comes back
 * to have that confirmed (0: no confirmation asked). */
/* A warning for each function a mandatory certification names that no
 * employee has (a typo makes it apply to nobody, silently), after an import
 * of the catalogue and on the catalogue itself. */
void unknown_targets_warn(request *req, response *resp)
{
    cert_unknown_target *unknown;
    size_t n;
    if (cert_unknown_targets(req->db, req->a, &unknown, &n) != STORE_OK)
        return;
    for (size_t i = 0; i < n; i++)
        html_printf(&resp->body, "<p class=\"warning\">%s %s: %s</p>",
                    _("No employee has the function named for"), unknown[i].activity_code,
                    unknown[i].function);
}

static void upload_form(request *req, response *resp, int year, int64_t replacing)
{
    form_open(req, resp, "action=\"/import\" enctype=\"multipart/form-data\" class=\"narrow\"");
    html_printf(&resp->body, "<p>%s</p>",
                _("CSV files as Excel saves them (';' or ',', decimal comma, dates as "
                  "5/03/2026 or YYYY-MM-DD) or Excel workbooks (.xlsx, the first sheet). Every "
                  "row is checked first: one bad row and nothing is imported."));
    for (int k = 0; k < IMPORT_KINDS; k++)
        html_printf(&resp->body, "<label for=\"f%d\">%s</label><input id=\"f%d\" name=\"%s\" "
                                 "type=\"file\" accept=\".csv,.xlsx,text/csv,application/"
                                 "vnd.openxmlformats-officedocument.spreadsheetml.sheet\">",
                    k, _(kind_labels[k]), k, import_kind_names[k]);
    html_printf(&resp->body, "<label for=\"ry\">%s</label><input id=\"ry\" name=\"replace_year\" "
                             "type=\"number\" min=\"1990\" max=\"2199\"",
                _("Year whose learning records the file replaces (optional)"));
    if (year)
        html_printf(&resp->body, " value=\"%d\"", year);
    html_raw(&resp->body, ">");
    if (replacing > 0) {
        /* A required box: the browser will not send the form unticked, and
         * the server deletes nothing without it either. */
        html_raw(&resp->body, "<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" "
                              "value=\"yes\" required> ");
        html_printf(&resp->body, P_("Yes, delete the %s learning record of %d and import",
                                    "Yes, delete the %s learning records of %d and import",
                                    (unsigned long)replacing),
                    show_count(req, replacing), year);
        html_raw(&resp->body, "</label>");
    }
    html_printf(&resp->body, "<button type=\"submit\">%s</button></form>", _("Import"));
}

/* Before a year is replaced: says how many records go (those that sessions,
 * onboarding and communities wrote too), and asks for the files again with
 * the confirmation, since a browser cannot send a chosen file twice. */
static void ask_to_replace(request *req, response *resp, int year, int64_t replacing)
{
    html_raw(&resp->body, "<div class=\"warning\" role=\"alert\" id=\"replace\"><p>");
    html_printf(&resp->body, P_("This import replaces the %s learning record of %d: it is "
                                "deleted first, also when a session, onboarding or a community "
                                "wrote it, with the evaluations given on it. Nothing was "
                                "imported yet.",
                                "This import replaces the %s learning records of %d: they are "
                                "deleted first, also those that sessions, onboarding and "
                                "communities wrote, with the evaluations given on them. "
                                "Nothing was imported yet.",
                                (unsigned long)replacing),
                show_count(req, replacing), year);
    html_printf(&resp->body, "</p><p>%s</p></div>",
                _("To go ahead, choose the files again, tick the confirmation and import. "
                  "To keep them, empty the year."));
    upload_form(req, resp, year, replacing);
}

/* Per kind: the template downloads and the columns with what they allow,
 * the same list as the template's explanation sheet. */
static void column_lists(response *resp)
{
    html_printf(&resp->body, "<h2>%s</h2><p>%s</p>", _("Columns and templates"),
                _("Download a template, fill it in and import it. Keep the column names of its "
                  "first row as they are; the values in the cells (such as vrouw, bediende, "
                  "ja) may be given in English, Dutch or French, in any case. Exports always "
                  "write the codes."));
    for (int k = 0; k < IMPORT_KINDS; k++) {
        html_printf(&resp->body, "<details><summary>%s</summary><p>%s "
                                 "<a href=\"/import/template/%s?format=csv\">CSV</a> "
                                 "<a href=\"/import/template/%s?format=xlsx\">Excel (XLSX)</a></p>"
                                 "<div class=\"scroll\" tabindex=\"0\"><table><caption>%s</caption><thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                                 "<tbody>",
                    _(kind_labels[k]), _("Template:"), import_kind_names[k], import_kind_names[k],
                    _(kind_labels[k]), _("Column"), _("Required?"), _("Meaning"),
                    _("Allowed values"));
        for (const import_column *c = import_columns((import_kind)k); c->name; c++) {
            str allowed = STR_INIT;
            import_column_allowed(c, &allowed);
            /* Column names and codes are what the file holds, not words of the
             * page: translate="no" says so to browsers and to the label walk. */
            html_printf(&resp->body, "<tr><td><code translate=\"no\">%s</code></td><td>%s</td>"
                                     "<td>%s</td>",
                        c->name, c->required ? _("must be filled") : _("may stay empty"),
                        _(c->meaning));
            html_raw(&resp->body, c->codes ? "<td translate=\"no\">" : "<td>");
            html_printf(&resp->body, "%s</td></tr>", str_ok(&allowed) ? str_cstr(&allowed) : "");
            str_free(&allowed);
        }
        html_raw(&resp->body, "</tbody></table></div></details>");
    }
}

void page_import(request *req, response *resp)
{
    page_begin(req, resp, _("Import"));
    upload_form(req, resp, 0, 0);
    column_lists(resp);
    page_end(req, resp);
}

/* GET /import/template/KIND?format=csv|xlsx: the template to fill in. */
void page_import_template(request *req, response *resp)
{
    int kind = import_kind_find(req->arg);
    int format = export_format_find(request_query(req, "format"));
    if (kind < 0 || format < 0 || format == EXPORT_JSON) {
        respond_error(req, resp, 404, NULL);
        return;
    }
    str err = STR_INIT, base = STR_INIT;
    FILE *data = download_open();
    bool written = data && export_template(kind, (enum export_format)format, download_write,
                                           data, &err) == STORE_OK;
    str_printf(&base, "groeipad-%s", req->arg);
    download_send(req, resp, data, written && str_ok(&base), format, str_cstr(&base));
    str_free(&base);
    str_free(&err);
}

/* The problems of a rejected file: each column by the name the file holds
 * and, where a form knows it, its label; what was expected in words (a coded
 * column's values by their labels, "yes or no"), as the forms say it. */
static void show_problems(request *req, response *resp, const import_log *log)
{
    html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p><div class=\"scroll\" tabindex=\"0\">"
                             "<table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                             "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                             "<tbody>",
                _("Nothing was imported. Correct these rows and try again."), _("Problems"),
                _("File"), _("Line"), _("Column"), _("Value"), _("Expected"));
    for (size_t i = 0; i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        const char *label = form_column_label(p->column);
        html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%ld</td><td>",
                    p->file, p->line);
        if (label)
            html_printf(&resp->body, "%s (<code translate=\"no\">%s</code>)", label, p->column);
        else if (p->column)
            html_printf(&resp->body, "<code translate=\"no\">%s</code>", p->column);
        html_printf(&resp->body, "</td><td translate=\"no\">%s</td><td>%s</td></tr>",
                    p->value ? p->value : "", form_expected(req, p));
    }
    html_raw(&resp->body, "</tbody></table></div>");
    if (log->total > log->kept)
        html_printf(&resp->body, P_("<p>… and %zu more problem.</p>", "<p>… and %zu more problems.</p>",
                                    log->total - log->kept),
                    log->total - log->kept);
    /* a refused first file adds nothing, so a later file's rows that name
     * what it would have added look wrong too */
    bool several = false;
    for (size_t i = 1; i < log->kept && !several; i++)
        several = strcmp(log->problems[i].file, log->problems[0].file) != 0;
    if (several)
        html_printf(&resp->body, "<p class=\"hint\">%s</p>",
                    _("The files are read in turn: people, catalogue, then the rest. While a "
                      "file is refused, what it adds is missing for the files after it, so "
                      "their rows that name it are listed too. Correct the first file first."));
}

/* "2 department or function names were matched ...", in the request's arena. */
static const char *matched_text(request *req, size_t matched)
{
    str t = STR_INIT;
    str_printf(&t, P_("%zu department or function name was written differently from one "
                      "already known (letter case or spaces around it) and was matched to "
                      "that one.",
                      "%zu department or function names were written differently from one "
                      "already known (letter case or spaces around it) and were matched to "
                      "that one.",
                      matched),
               matched);
    const char *out = str_ok(&t) ? arena_strdup(req->a, str_cstr(&t)) : "";
    str_free(&t);
    return out ? out : "";
}

void page_import_post(request *req, response *resp)
{
    import_input inputs[IMPORT_KINDS];
    size_t n = 0;
    for (int k = 0; k < IMPORT_KINDS; k++) {
        const upload *u = request_upload(req, import_kind_names[k]);
        if (u && u->len > 0)
            inputs[n++] = (import_input){(import_kind)k, u->filename && *u->filename
                                                             ? u->filename
                                                             : import_kind_names[k],
                                         u->data, u->len};
    }
    /* a year typed wrong is refused, never read as "no year" (which would
     * add the records instead of replacing that year's) */
    const char *ry = request_form(req, "replace_year");
    long long asked = 0;
    bool year_ok = !ry || !*ry || number_parse(ry, 1990, 2199, &asked);
    int year = (int)asked;
    page_begin(req, resp, _("Import"));
    if (n == 0 || !year_ok) {
        html_printf(&resp->body, "<p class=\"error\" role=\"alert\">%s</p>",
                    n == 0 ? _("Choose at least one file.")
                           : _("The year to replace is a year from 1990 to 2199, or none."));
        upload_form(req, resp, 0, 0);
        page_end(req, resp);
        resp->status = 400;
        return;
    }
    const char *confirmed = request_form(req, "confirm");
    if (year && !(confirmed && strcmp(confirmed, "yes") == 0)) {
        int64_t replacing = learning_count_year(req->db, year);
        if (replacing < 0) {
            respond_error(req, resp, 500, NULL);
            return;
        }
        if (replacing > 0) { /* nothing deleted before it is confirmed */
            ask_to_replace(req, resp, year, replacing);
            page_end(req, resp);
            return;
        }
    }
    import_options opt = {req->user.login, year, 0, NULL, NULL};
    import_log log;
    import_log_init(&log, req->a);
    import_counts counts[IMPORT_KINDS];
    str err = STR_INIT;
    int rc = import_run(req->db, inputs, n, &opt, &log, counts, &err);
    if (rc == IMPORT_DONE) {
        html_printf(&resp->body, "<p role=\"status\">%s</p><table><caption>%s</caption><thead>"
                                 "<tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s"
                                 "</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
                                 "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                                 "</tr></thead><tbody>",
                    _("Imported."), _("Result"), _("File"), _("Rows"), _("Created"), _("Updated"),
                    _("Unchanged"));
        for (size_t i = 0; i < n; i++) {
            const import_counts *c = &counts[inputs[i].kind];
            html_printf(&resp->body, "<tr><td>%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
                                     "<td class=\"num\">%s</td></tr>",
                        inputs[i].name, show_count(req, (int64_t)c->rows),
                        show_count(req, (int64_t)c->created), show_count(req, (int64_t)c->updated),
                        show_count(req, (int64_t)c->unchanged));
        }
        html_raw(&resp->body, "</tbody></table>");
        size_t matched = 0;
        for (size_t i = 0; i < n; i++)
            matched += counts[inputs[i].kind].matched;
        if (matched)
            html_printf(&resp->body, "<p id=\"matched-names\">%s</p>",
                        matched_text(req, matched));
        unknown_targets_warn(req, resp);
        int64_t repeated = counts[IMPORT_LEARNING].repeated;
        if (repeated > 0)
            html_printf(&resp->body, "<p class=\"warning\">%s</p>",
                        text_of(req, P_("%s learning record was stored already (the same person, "
                                        "start date, activity and hours) and now counts twice. "
                                        "To import a file again, give the year it replaces "
                                        "below.",
                                        "%s learning records were stored already (the same "
                                        "person, start date, activity and hours) and now count "
                                        "twice. To import a file again, give the year it "
                                        "replaces below.",
                                        (unsigned long)repeated),
                                show_count(req, repeated)));
        if (year)
            html_printf(&resp->body, P_("<p>%lld record of %d was replaced.</p>",
                                        "<p>%lld records of %d were replaced.</p>",
                                        (unsigned long)counts[IMPORT_LEARNING].deleted),
                        (long long)counts[IMPORT_LEARNING].deleted, year);
    } else if (rc == IMPORT_REJECTED) {
        resp->status = 422;
        show_problems(req, resp, &log);
    } else {
        str_free(&err);
        respond_error(req, resp, 500, NULL);
        return;
    }
    str_free(&err);
    upload_form(req, resp, 0, 0);
    page_end(req, resp);
}
