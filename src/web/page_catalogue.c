/* page_catalogue.c - /catalogue: the training offer, for everyone. */
#include "web/pages.h"
#include "core/labels.h"
#include "core/formats.h"
#include "store/import.h"
#include "util/i18n.h"
#include <string.h>

void page_catalogue(request *req, response *resp)
{
    activity *list;
    size_t n;
    if (activities_list(req->db, req->a, &list, &n) != STORE_OK) {
        respond_error(req, resp, 500, NULL);
        return;
    }
    const char *type = request_query(req, "type"), *form = request_query(req, "form");
    page_begin(req, resp, _("Training offer"));
    html_printf(&resp->body, "<form method=\"get\" action=\"/catalogue\" class=\"filters\">"
                             "<label>%s <select name=\"type\"><option value=\"\">%s</option>",
                _("Type"), _("all"));
    for (int i = 0; i < vocab_type.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_type.names[i],
                    type && strcmp(type, vocab_type.names[i]) == 0 ? " selected" : "",
                    show_code(&vocab_type, i));
    html_printf(&resp->body, "</select></label><label>%s <select name=\"form\">"
                             "<option value=\"\">%s</option>", _("Form"), _("all"));
    for (int i = 0; i < vocab_form.count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", vocab_form.names[i],
                    form && strcmp(form, vocab_form.names[i]) == 0 ? " selected" : "",
                    show_code(&vocab_form, i));
    html_printf(&resp->body, "</select></label><button>%s</button></form>", _("Show"));
    bool admin = req->user.role == ROLE_ADMIN;
    if (admin)
        html_printf(&resp->body, "<p><a href=\"/catalogue/edit\">%s</a> · %s "
                                 "<a href=\"/export/activities?format=csv\">CSV</a> · "
                                 "<a href=\"/export/activities?format=xlsx\">Excel</a></p>",
                    _("Add an activity"), _("Download:"));
    if (admin)
        unknown_targets_warn(req, resp);
    html_printf(&resp->body,
                "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
                _("Code"), _("Title"), _("Type"), _("Form"), _("Hours"));
    size_t shown = 0;
    for (size_t i = 0; i < n; i++)
        if ((!type || !*type || strcmp(type, vocab_name(&vocab_type, list[i].type)) == 0) &&
            (!form || !*form || strcmp(form, vocab_name(&vocab_form, list[i].form)) == 0))
        {
            shown++;
            str edit = STR_INIT;
            if (admin) {
                str_puts(&edit, "/catalogue/edit?code=");
                url_encode(&edit, list[i].code);
            }
            html_printf(&resp->body, "<tr><td>%s", list[i].code);
            if (admin)
                html_printf(&resp->body, " <a href=\"%s\" aria-label=\"%s %s\">✎</a>",
                            str_cstr(&edit), _("correct"), list[i].code);
            str_free(&edit);
            html_printf(&resp->body,
                    "</td><td>%s%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>",
                    list[i].title, list[i].mandatory ? " *" : "",
                    show_code(&vocab_type, list[i].type),
                    show_code(&vocab_form, list[i].form),
                    list[i].hours >= 0 ? show_decimal(req, list[i].hours, 2, 2) : "");
        }
    /* an empty table says why, and to HR what to do about it */
    if (!shown)
        html_printf(&resp->body, "<tr><td colspan=\"5\">%s</td></tr>",
                    n ? _("No activity of this type and form.")
                    : admin ? _("The catalogue is empty: add an activity, or import the "
                                "catalogue on the Import page.")
                            : _("The catalogue is empty for now."));
    html_printf(&resp->body, "</tbody></table></div><p>* %s</p>", _("mandatory"));
    page_end(req, resp);
}

/* A select of the names of V, CURRENT selected. */
static void vocab_select(response *resp, const char *name, const char *label, const vocab *v,
                         const char *current)
{
    html_printf(&resp->body, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", name,
                label, name, name);
    for (int i = 0; i < v->count; i++)
        html_printf(&resp->body, "<option value=\"%s\"%s>%s</option>", v->names[i],
                    current && strcmp(current, v->names[i]) == 0 ? " selected" : "",
                    show_code(v, i));
    html_raw(&resp->body, "</select>");
}

/* /catalogue/edit?code=X: HR adds (no code) or corrects an activity. */
void page_activity_edit(request *req, response *resp)
{
    const char *code = request_query(req, "code");
    if (!code)
        code = request_form(req, "code");
    import_log log;
    import_log_init(&log, req->a);
    bool posted = strcmp(req->method, "POST") == 0;
    if (posted) {
        int rc = import_form_row(req, IMPORT_ACTIVITIES, activity_columns, -1, NULL, 0, &log);
        if (rc == IMPORT_DONE) {
            response_redirect(req, resp, "/catalogue");
            return;
        }
        if (rc == IMPORT_FAILED) {
            respond_error(req, resp, 500, NULL);
            return;
        }
    }
    /* The values shown: what was posted, else the activity as it is. */
    activity current = {0};
    activity *list;
    size_t n;
    if (!posted && code && activities_list(req->db, req->a, &list, &n) == STORE_OK)
        for (size_t i = 0; i < n; i++)
            if (strcmp(list[i].code, code) == 0)
                current = list[i];
    cell cells[ACTIVITY_COLUMNS];
    activity_cells(&current, cells);
    char numbers[3][48];
    const char *value[ACTIVITY_COLUMNS];
    for (int c = 0; c < ACTIVITY_COLUMNS; c++) {
        value[c] = posted ? request_form(req, activity_columns[c]) : NULL;
        if (!posted && current.code) {
            if (cells[c].kind == CELL_TEXT)
                value[c] = cells[c].text;
            else if (cells[c].kind == CELL_NUMBER || cells[c].kind == CELL_MONEY) {
                char *b = numbers[c == AC_HOURS ? 0 : c == AC_COST ? 1 : 2];
                table_number_text(&cells[c], b, 48);
                value[c] = b;
            }
        }
        if (!value[c])
            value[c] = "";
    }
    /* a new activity is external and not mandatory until said otherwise,
     * as an import without those columns reads it (the selects would
     * otherwise start at their first choice, "yes") */
    if (!posted && !current.code) {
        value[AC_INTERNAL] = "no";
        value[AC_MANDATORY] = "no";
    }
    page_begin(req, resp, current.code || (posted && code && *code && log.total == 0)
                              ? _("Correct an activity") : _("Add an activity"));
    if (posted) {
        resp->status = 422;
        form_problems(resp, &log);
    }
    form_open(req, resp, "action=\"/catalogue/edit\" class=\"narrow\"");
    html_printf(&resp->body, "<label for=\"code\">%s</label><input id=\"code\" name=\"code\" "
                             "required value=\"%s\"%s><label for=\"title\">%s</label><input "
                             "id=\"title\" name=\"title\" required value=\"%s\">",
                _("Code"), value[AC_CODE], current.code ? " readonly" : "", _("Title"),
                value[AC_TITLE]);
    vocab_select(resp, "type", _("Type"), &vocab_type, value[AC_TYPE]);
    vocab_select(resp, "form", _("Form"), &vocab_form, value[AC_FORM]);
    html_printf(&resp->body, "<label for=\"provider\">%s</label><input id=\"provider\" "
                             "name=\"provider\" value=\"%s\">",
                _("Provider"), value[AC_PROVIDER]);
    vocab_select(resp, "internal", _("Internal"), &vocab_yesno, value[AC_INTERNAL]);
    html_printf(&resp->body, "<label for=\"hours\">%s</label><input id=\"hours\" name=\"hours\" "
                             "inputmode=\"decimal\" value=\"%s\"><label for=\"cost\">%s</label>"
                             "<input id=\"cost\" name=\"cost\" inputmode=\"decimal\" value=\"%s\">"
                             "<label for=\"validity_months\">%s</label><input "
                             "id=\"validity_months\" name=\"validity_months\" inputmode=\"numeric\" "
                             "value=\"%s\">",
                _("Hours"), value[AC_HOURS], _("Cost (euro)"), value[AC_COST],
                _("Valid for (months, for certificates)"), value[AC_VALIDITY_MONTHS]);
    vocab_select(resp, "mandatory", _("mandatory"), &vocab_yesno, value[AC_MANDATORY]);
    html_printf(&resp->body, "<label for=\"target_functions\">%s</label><input "
                             "id=\"target_functions\" name=\"target_functions\" "
                             "aria-describedby=\"target_functions_hint\" value=\"%s\">"
                             "<small class=\"hint\" id=\"target_functions_hint\">%s</small>",
                _("Required for the functions"), value[AC_TARGET_FUNCTIONS],
                _("Names separated by |, as in the employees list; empty: every function."));
    html_printf(&resp->body, "<label for=\"competences\">%s</label><input id=\"competences\" "
                             "name=\"competences\" value=\"%s\"><button>%s</button></form>",
                _("Competences (codes separated by |)"), value[AC_COMPETENCES], _("Save"));
    page_end(req, resp);
}
