/* form_import.c - a web form saved through the import: one row built from
 * the form's fields, so a form entry meets exactly the checks (and messages)
 * of a file, and is written and audited the same way. */
#include "web/pages.h"
#include "store/import.h"
#include "util/csv.h"
#include "util/i18n.h"

int import_form_row(request *req, int kind, const char *const *columns, int fixed,
                    const char *fixed_value, int64_t replace, import_log *log)
{
    str csv = STR_INIT;
    table_csv_header(&csv, columns, ',');
    for (int c = 0; columns[c]; c++) {
        if (c)
            str_putc(&csv, ',');
        const char *v = c == fixed ? fixed_value : request_form(req, columns[c]);
        csv_put_text(&csv, v ? v : "", ',');
    }
    str_puts(&csv, "\r\n");
    import_input in = {(import_kind)kind, _("the form"), csv.p, csv.len};
    import_options opt = {req->user.login, 0, replace, NULL, NULL};
    import_counts counts[IMPORT_KINDS];
    str err = STR_INIT;
    int rc = str_ok(&csv) ? import_run(req->db, &in, 1, &opt, log, counts, &err) : IMPORT_FAILED;
    str_free(&csv);
    str_free(&err);
    return rc;
}

void form_problems(response *resp, const import_log *log)
{
    html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s</p><ul>",
                _("Not saved:"));
    for (size_t i = 0; i < log->kept; i++)
        html_printf(&resp->body, "<li>%s: %s %s</li>", log->problems[i].column
                                                           ? log->problems[i].column : "",
                    _("expected"), log->problems[i].expected);
    html_raw(&resp->body, "</ul></div>");
}

