/* formats.c - see formats.h. */
#include "core/formats.h"
#include "util/csv.h"
#include "util/decimal.h"
#include <stdlib.h>

const char *const employee_columns[] = {
    "employee_id", "first_name", "last_name", "email", "gender", "birth_date", "hire_date",
    "exit_date", "department", "function", "category", "contract", "fte", "education",
    "born_abroad", "disability", "manager_id", "shift", NULL};
const char *const activity_columns[] = {
    "code", "title", "type", "form", "provider", "internal", "hours", "cost",
    "validity_months", "mandatory", "competences", NULL};
const char *const learning_columns[] = {
    "employee_id", "activity_code", "title", "type", "start_date", "end_date", "hours",
    "working_time", "cost", "subsidy", "training_leave", "result", NULL};
const char *const funding_columns[] = {"year", "type", "contributions", "subsidies", NULL};

bool csv_header(str *out, const char *const *columns, char sep)
{
    for (size_t i = 0; columns[i]; i++) {
        if (i)
            str_putc(out, sep);
        str_puts(out, columns[i]);
    }
    return str_puts(out, "\r\n");
}

/* Writes the fields of one line: each a text, NULL for empty. */
static bool csv_line(str *out, const char *const *fields, size_t n, char sep)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            str_putc(out, sep);
        if (fields[i])
            csv_put_field(out, fields[i], sep);
    }
    return str_puts(out, "\r\n");
}

/* Number texts for a CSV line, kept in small buffers on the caller's stack. */
typedef struct numtext {
    char b[40];
} numtext;

static const char *num(numtext *t, int64_t v, int scale)
{
    /* Keep what was given: trailing zeros of the fraction are dropped. */
    decimal_format(v, scale, scale, t->b, sizeof t->b);
    char *dot = NULL;
    for (char *p = t->b; *p; p++)
        if (*p == '.')
            dot = p;
    if (dot) {
        char *end = dot + 1;
        while (*end)
            end++;
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    return t->b;
}

static const char *date_text(char buf[DATE_TEXT_SIZE], date_t d)
{
    date_format(d, buf);
    return d == DATE_NONE ? NULL : buf;
}

static const char *answer(int v, const vocab *names)
{
    return v < 0 ? NULL : vocab_name(names, v);
}

bool employee_csv(str *out, const employee *e, char sep)
{
    char birth[DATE_TEXT_SIZE], hire[DATE_TEXT_SIZE], exit_[DATE_TEXT_SIZE];
    numtext fte;
    const char *f[] = {e->employee_id, e->first_name, e->last_name, e->email,
                       vocab_name(&vocab_gender, e->gender), date_text(birth, e->birth_date),
                       date_text(hire, e->hire_date), date_text(exit_, e->exit_date),
                       e->department, e->function, vocab_name(&vocab_category, e->category),
                       vocab_name(&vocab_contract, e->contract), num(&fte, e->fte, 4),
                       vocab_name(&vocab_education, e->education),
                       answer(e->born_abroad, &vocab_answer), answer(e->disability, &vocab_answer),
                       e->manager_id, answer(e->shift, &vocab_shift)};
    return csv_line(out, f, sizeof f / sizeof *f, sep);
}

bool activity_csv(str *out, const activity *a, char sep)
{
    numtext hours, cost, validity;
    const char *f[] = {a->code, a->title, vocab_name(&vocab_type, a->type),
                       vocab_name(&vocab_form, a->form), a->provider, a->internal ? "yes" : "no",
                       a->hours >= 0 ? num(&hours, a->hours, 2) : NULL,
                       a->cost >= 0 ? num(&cost, a->cost, 2) : NULL,
                       a->validity_months > 0 ? num(&validity, a->validity_months, 0) : NULL,
                       a->mandatory ? "yes" : "no", a->competences};
    return csv_line(out, f, sizeof f / sizeof *f, sep);
}

bool learning_csv(str *out, const learning_record *r, char sep)
{
    char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
    numtext hours, cost, subsidy;
    const char *f[] = {r->employee_id, r->activity_code, r->activity_code ? NULL : r->title,
                       r->own_type >= 0 ? vocab_name(&vocab_type, r->own_type) : NULL,
                       date_text(start, r->start_date), date_text(end, r->end_date),
                       num(&hours, r->hours, 2),
                       r->working_time < 0 ? NULL : r->working_time ? "yes" : "no",
                       num(&cost, r->cost, 2), num(&subsidy, r->subsidy, 2),
                       r->training_leave ? "yes" : "no", vocab_name(&vocab_result, r->result)};
    return csv_line(out, f, sizeof f / sizeof *f, sep);
}

bool funding_csv(str *out, const funding *fu, char sep)
{
    numtext year, contributions, subsidies;
    const char *f[] = {num(&year, fu->year, 0), vocab_name(&vocab_type, fu->type),
                       num(&contributions, fu->contributions, 2),
                       num(&subsidies, fu->subsidies, 2)};
    return csv_line(out, f, sizeof f / sizeof *f, sep);
}

json_t *json_decimal(int64_t value, int scale)
{
    char buf[48];
    if (!decimal_format(value, scale, scale, buf, sizeof buf))
        return NULL;
    if (scale == 0)
        return json_integer(value);
    return json_real(strtod(buf, NULL));
}

static json_t *json_date(date_t d)
{
    char buf[DATE_TEXT_SIZE];
    date_format(d, buf);
    return d == DATE_NONE ? json_null() : json_string(buf);
}

static json_t *json_text(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *employee_json(const employee *e)
{
    return json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:o, s:s, "
                     "s:o, s:o, s:o, s:o}",
                     "employee_id", e->employee_id, "first_name", e->first_name, "last_name",
                     e->last_name, "email", json_text(e->email), "gender",
                     vocab_name(&vocab_gender, e->gender), "birth_date",
                     json_date(e->birth_date), "hire_date", json_date(e->hire_date),
                     "exit_date", json_date(e->exit_date), "department", e->department,
                     "function", e->function, "category",
                     vocab_name(&vocab_category, e->category), "contract",
                     vocab_name(&vocab_contract, e->contract), "fte", json_decimal(e->fte, 4),
                     "education", vocab_name(&vocab_education, e->education), "born_abroad",
                     json_text(answer(e->born_abroad, &vocab_answer)), "disability",
                     json_text(answer(e->disability, &vocab_answer)), "manager_id",
                     json_text(e->manager_id), "shift", json_text(answer(e->shift, &vocab_shift)));
}

json_t *activity_json(const activity *a)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:o, s:o, s:o, s:b, s:o}", "code", a->code,
                     "title", a->title, "type", vocab_name(&vocab_type, a->type), "form",
                     vocab_name(&vocab_form, a->form), "provider", json_text(a->provider),
                     "internal", a->internal, "hours",
                     a->hours >= 0 ? json_decimal(a->hours, 2) : json_null(), "cost",
                     a->cost >= 0 ? json_decimal(a->cost, 2) : json_null(), "validity_months",
                     a->validity_months > 0 ? json_integer(a->validity_months) : json_null(),
                     "mandatory", a->mandatory, "competences", json_text(a->competences));
}

json_t *learning_json(const learning_record *r)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s}", "id",
                     (json_int_t)r->id, "employee_id", r->employee_id, "activity_code",
                     json_text(r->activity_code), "title", json_text(r->title), "type",
                     vocab_name(&vocab_type, r->type), "start_date", json_date(r->start_date),
                     "end_date", json_date(r->end_date), "hours", json_decimal(r->hours, 2),
                     "working_time",
                     r->working_time < 0 ? json_null() : json_boolean(r->working_time), "cost",
                     json_decimal(r->cost, 2), "subsidy", json_decimal(r->subsidy, 2),
                     "training_leave", r->training_leave, "result",
                     vocab_name(&vocab_result, r->result));
}

json_t *funding_json(const funding *f)
{
    return json_pack("{s:i, s:s, s:o, s:o}", "year", f->year, "type",
                     vocab_name(&vocab_type, f->type), "contributions",
                     json_decimal(f->contributions, 2), "subsidies", json_decimal(f->subsidies, 2));
}
