/* formats.c - see formats.h. */
#include "core/formats.h"

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

static cell choice(int v, const vocab *names)
{
    return v < 0 ? cell_empty() : cell_text(vocab_name(names, v));
}

static cell yes_no(int v)
{
    return v < 0 ? cell_empty() : cell_text(v ? "yes" : "no");
}

void employee_cells(const employee *e, cell out[EMPLOYEE_COLUMNS])
{
    out[0] = cell_text(e->employee_id);
    out[1] = cell_text(e->first_name);
    out[2] = cell_text(e->last_name);
    out[3] = cell_text(e->email);
    out[4] = choice(e->gender, &vocab_gender);
    out[5] = cell_date(e->birth_date);
    out[6] = cell_date(e->hire_date);
    out[7] = cell_date(e->exit_date);
    out[8] = cell_text(e->department);
    out[9] = cell_text(e->function);
    out[10] = choice(e->category, &vocab_category);
    out[11] = choice(e->contract, &vocab_contract);
    out[12] = cell_number(e->fte, 4);
    out[13] = choice(e->education, &vocab_education);
    out[14] = choice(e->born_abroad, &vocab_answer);
    out[15] = choice(e->disability, &vocab_answer);
    out[16] = cell_text(e->manager_id);
    out[17] = choice(e->shift, &vocab_shift);
}

void activity_cells(const activity *a, cell out[ACTIVITY_COLUMNS])
{
    out[0] = cell_text(a->code);
    out[1] = cell_text(a->title);
    out[2] = choice(a->type, &vocab_type);
    out[3] = choice(a->form, &vocab_form);
    out[4] = cell_text(a->provider);
    out[5] = yes_no(a->internal);
    out[6] = a->hours >= 0 ? cell_number(a->hours, 2) : cell_empty();
    out[7] = a->cost >= 0 ? cell_money(a->cost) : cell_empty();
    out[8] = a->validity_months > 0 ? cell_number(a->validity_months, 0) : cell_empty();
    out[9] = yes_no(a->mandatory);
    out[10] = cell_text(a->competences);
}

void learning_cells(const learning_record *r, cell out[LEARNING_COLUMNS])
{
    out[0] = cell_text(r->employee_id);
    out[1] = cell_text(r->activity_code);
    out[2] = cell_text(r->title);
    out[3] = choice(r->own_type, &vocab_type);
    out[4] = cell_date(r->start_date);
    out[5] = cell_date(r->end_date);
    out[6] = cell_number(r->hours, 2);
    out[7] = yes_no(r->working_time);
    out[8] = cell_money(r->cost);
    out[9] = cell_money(r->subsidy);
    out[10] = yes_no(r->training_leave);
    out[11] = choice(r->result, &vocab_result);
}

void funding_cells(const funding *f, cell out[FUNDING_COLUMNS])
{
    out[0] = cell_number(f->year, 0);
    out[1] = choice(f->type, &vocab_type);
    out[2] = cell_money(f->contributions);
    out[3] = cell_money(f->subsidies);
}

json_t *employee_json(const employee *e)
{
    cell c[EMPLOYEE_COLUMNS];
    employee_cells(e, c);
    return table_json_object(employee_columns, c, EMPLOYEE_COLUMNS);
}

json_t *activity_json(const activity *a)
{
    cell c[ACTIVITY_COLUMNS];
    activity_cells(a, c);
    return table_json_object(activity_columns, c, ACTIVITY_COLUMNS);
}

json_t *learning_json(const learning_record *r)
{
    cell c[LEARNING_COLUMNS];
    learning_cells(r, c);
    c[2] = cell_text(r->title ? r->title : r->activity_title);
    json_t *o = table_json_object(learning_columns, c, LEARNING_COLUMNS);
    if (o && json_object_set_new(o, "id", json_integer(r->id)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

