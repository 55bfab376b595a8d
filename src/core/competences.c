/* competences.c - see competences.h. */
#include "core/competences.h"
#include "util/i18n.h"

static const char *const kind_names[] = {N_("technical"), N_("generic"), N_("attitude")};
const vocab vocab_competence_kind = {kind_names, 3};
static const char *const source_names[] = {N_("appraisal"), N_("self"), N_("test"),
                                           N_("observation")};
const vocab vocab_assessment_source = {source_names, 4};
/* The levels as codes, so that pages show their names (core/labels.c). */
static const char *const level_names[] = {"0", "1", "2", "3", "4"};
const vocab vocab_level = {level_names, 5};

const char *const competence_columns[] = {"code", "name", "kind", "description", NULL};
const char *const profile_columns[] = {"function", "competence_code", "level_now",
                                       "level_future", NULL};
const char *const assessment_columns[] = {"employee_id", "competence_code", "level",
                                          "assessed_on", "assessor", "source", "note", NULL};

void competence_cells(const competence *c, cell out[COMPETENCE_COLUMNS])
{
    out[0] = cell_text(c->code);
    out[1] = cell_text(c->name);
    out[2] = cell_text(vocab_name(&vocab_competence_kind, c->kind));
    out[3] = cell_text(c->description);
}

void profile_cells(const profile_line *p, cell out[PROFILE_COLUMNS])
{
    out[0] = cell_text(p->function);
    out[1] = cell_text(p->competence);
    out[2] = cell_number(p->level_now, 0);
    out[3] = cell_number(p->level_future, 0);
}

void assessment_cells(const assessment *s, cell out[ASSESSMENT_COLUMNS])
{
    out[0] = cell_text(s->employee_id);
    out[1] = cell_text(s->competence);
    out[2] = cell_number(s->level, 0);
    out[3] = cell_date(s->assessed_on);
    out[4] = cell_text(s->assessor);
    out[5] = cell_text(vocab_name(&vocab_assessment_source, s->source));
    out[6] = cell_text(s->note);
}

json_t *competence_json(const competence *c)
{
    cell cells[COMPETENCE_COLUMNS];
    competence_cells(c, cells);
    return table_json_object(competence_columns, cells, COMPETENCE_COLUMNS);
}

json_t *assessment_json(const assessment *s)
{
    cell cells[ASSESSMENT_COLUMNS];
    assessment_cells(s, cells);
    json_t *o = table_json_object(assessment_columns, cells, ASSESSMENT_COLUMNS);
    if (o && json_object_set_new(o, "id", json_integer(s->id)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}
