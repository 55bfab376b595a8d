/* form_import.c - a web form saved through the import: one row built from
 * the form's fields, so a form entry meets exactly the checks (and messages)
 * of a file, and is written and audited the same way. */
#include "web/pages.h"
#include "store/import.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "core/labels.h"
#include <string.h>

/* import_form_row, or with CHECK_ONLY its checks alone (nothing written). */
static int form_row(request *req, int kind, const char *const *columns, int fixed,
                    const char *fixed_value, int64_t replace, bool check_only, import_log *log)
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
    opt.check_only = check_only;
    opt.whole_row = true;
    import_counts counts[IMPORT_KINDS];
    str err = STR_INIT;
    int rc = str_ok(&csv) ? import_run(req->db, &in, 1, &opt, log, counts, &err) : IMPORT_FAILED;
    str_free(&csv);
    str_free(&err);
    return rc;
}

int import_form_row(request *req, int kind, const char *const *columns, int fixed,
                    const char *fixed_value, int64_t replace, import_log *log)
{
    return form_row(req, kind, columns, fixed, fixed_value, replace, false, log);
}

int import_form_check(request *req, int kind, const char *const *columns, int fixed,
                      const char *fixed_value, import_log *log)
{
    return form_row(req, kind, columns, fixed, fixed_value, 0, true, log);
}

/* What each import column is called on a form (the labels of the form
 * fields), and the vocabulary of a coded column: a form's problem names the
 * field as the reader sees it, never by its column name. */
static const struct form_field {
    const char *column, *label;
    const vocab *v;
} form_fields[] = {
    {"employee_id", N_("Number"), NULL},
    {"first_name", N_("First name"), NULL},
    {"last_name", N_("Last name"), NULL},
    {"email", N_("E-mail"), NULL},
    {"gender", N_("Gender"), &vocab_gender},
    {"birth_date", N_("Date of birth"), NULL},
    {"hire_date", N_("Hired on"), NULL},
    {"exit_date", N_("Left on"), NULL},
    {"department", N_("Department"), NULL},
    {"function", N_("Function"), NULL},
    {"category", N_("Category"), &vocab_category},
    {"contract", N_("Contract"), &vocab_contract},
    {"fte", N_("FTE"), NULL},
    {"education", N_("Education"), &vocab_education},
    {"born_abroad", N_("Born abroad"), &vocab_answer},
    {"disability", N_("Disability"), &vocab_answer},
    {"manager_id", N_("Manager"), NULL},
    {"shift", N_("Shift"), &vocab_shift},
    {"code", N_("Code"), NULL},
    {"title", N_("Title"), NULL},
    {"type", N_("Type"), &vocab_type},
    {"form", N_("Form"), &vocab_form},
    {"provider", N_("Provider"), NULL},
    {"internal", N_("Internal"), &vocab_yesno},
    {"hours", N_("Hours"), NULL},
    {"cost", N_("Cost (euro)"), NULL},
    {"validity_months", N_("Valid for (months, for certificates)"), NULL},
    {"mandatory", N_("mandatory"), &vocab_yesno},
    {"target_functions", N_("Required for the functions"), NULL},
    {"competences", N_("Competences (codes separated by |)"), NULL},
    {"activity_code", N_("Activity from the catalogue"), NULL},
    {"start_date", N_("Start date"), NULL},
    {"end_date", N_("End date"), NULL},
    {"working_time", N_("During working time"), &vocab_yesno},
    {"subsidy", N_("Subsidy received (euro)"), NULL},
    {"training_leave", N_("Taken as Flemish training leave"), &vocab_yesno},
    {"result", N_("Result"), &vocab_result},
    {"year", N_("Year"), NULL},
    {"mentor_id", N_("Mentor (number)"), NULL},
    {"from", N_("From"), NULL},
    {"to", N_("To (optional)"), NULL},
};

/* The import's messages that name other columns, and how a form says them. */
static const char *const form_messages[][2] = {
    {N_("an activity_code, or a title for a one-off activity"),
     N_("an activity from the catalogue, or a title for a one-off activity")},
    {N_("a type (formal, informal or initial) when there is no activity_code"),
     N_("a type, when no activity from the catalogue is chosen")},
    {N_("a date on or after the start_date"), N_("a date on or after the start date")},
    {N_("a date on or after the hire_date"), N_("a date on or after the date of hiring")},
    {N_("the employee_id of someone in this file or already known"),
     N_("the number of an employee in groeipad")},
    {N_("the employee_id of a known employee"), N_("the number of an employee in groeipad")},
    {N_("an employee_id of this file or of the employees already imported"),
     N_("the number of an employee in groeipad")},
    {N_("a value (this column is required)"), N_("a value (this field is required)")},
};

static const struct form_field *form_field_of(const char *column)
{
    for (size_t i = 0; column && i < sizeof form_fields / sizeof *form_fields; i++)
        if (strcmp(form_fields[i].column, column) == 0)
            return &form_fields[i];
    return NULL;
}

/* Appends what the form expected for problem P: the import's words, with
 * a coded field's choices by their labels and no column names. */
static void expected_for_field(str *out, const import_problem *p, const struct form_field *f)
{
    for (size_t i = 0; i < sizeof form_messages / sizeof *form_messages; i++)
        if (strcmp(p->expected, _(form_messages[i][0])) == 0) {
            str_puts(out, _(form_messages[i][1]));
            return;
        }
    if (f && f->v) { /* the file's words and codes become the form's labels */
        str in_file = STR_INIT;
        bool listed = vocab_expected(f->v, true, &in_file) && strcmp(p->expected, in_file.p) == 0;
        str_free(&in_file);
        if (listed && vocab_expected(f->v, false, out))
            return;
    }
    str_puts(out, p->expected);
}

const char *form_column_label(const char *column)
{
    const struct form_field *f = form_field_of(column);
    return f ? _(f->label) : NULL;
}

const char *form_expected(request *req, const struct import_problem *p)
{
    str expected = STR_INIT;
    expected_for_field(&expected, p, form_field_of(p->column));
    const char *text = str_ok(&expected) ? arena_strdup(req->a, expected.p) : NULL;
    str_free(&expected);
    return text ? text : p->expected;
}

void form_problems(response *resp, const import_log *log)
{
    html_printf(&resp->body, "<div class=\"error\" role=\"alert\"><p>%s</p><ul>",
                _("Not saved:"));
    for (size_t i = 0; i < log->kept; i++) {
        const import_problem *p = &log->problems[i];
        const struct form_field *f = form_field_of(p->column);
        str expected = STR_INIT;
        expected_for_field(&expected, p, f);
        html_printf(&resp->body, "<li>%s: %s %s</li>",
                    f ? _(f->label) : p->column ? p->column : "", _("expected"),
                    str_ok(&expected) ? expected.p : p->expected);
        str_free(&expected);
    }
    html_raw(&resp->body, "</ul></div>");
}
