/* competences.c - see competences.h. */
#include "core/competences.h"
#include "core/rules.h"
#include "util/i18n.h"

static const char *const kind_names[] = {N_("technical"), N_("generic"), N_("attitude")};
const vocab vocab_competence_kind = {kind_names, 3};
static const char *const source_names[] = {N_("appraisal"), N_("self"), N_("test"),
                                           N_("observation")};
const vocab vocab_assessment_source = {source_names, 4};
/* The levels as codes, so that pages show their names (core/labels.c). */
static const char *const level_names[] = {"0", "1", "2", "3", "4"};
const vocab vocab_level = {level_names, 5};

static const char *const scope_names[] = {N_("person"), N_("team"), N_("function"),
                                          N_("department"), N_("everyone")};
const vocab vocab_need_scope = {scope_names, 5};
static const char *const need_source_names[] = {
    N_("employee"), N_("manager"), N_("representative"), N_("conversation"), N_("profile_gap"),
    N_("incident"), N_("strategy"), N_("legal"), N_("certification"), N_("evaluation")};
const vocab vocab_need_source = {need_source_names, 10};
static const char *const priority_names[] = {N_("high"), N_("medium"), N_("low")};
const vocab vocab_priority = {priority_names, 3};
static const char *const need_status_names[] = {N_("open"), N_("planned"), N_("addressed"),
                                                N_("declined")};
const vocab vocab_need_status = {need_status_names, 4};
static const char *const progress_names[] = {N_("open"), N_("under_way"), N_("done")};
const vocab vocab_dev_progress = {progress_names, 3};

bool need_status_allowed(int from, int to)
{
    switch (from) {
    case NEED_OPEN: return to == NEED_PLANNED || to == NEED_ADDRESSED || to == NEED_DECLINED;
    case NEED_PLANNED: return to == NEED_ADDRESSED || to == NEED_DECLINED || to == NEED_OPEN;
    case NEED_DECLINED: return to == NEED_OPEN;
    default: return false; /* addressed is where a need ends */
    }
}

bool need_listed_on_plan(int scope, int64_t people, int min_group)
{
    /* a person's need is about one, even when that one has left since */
    return privacy_count_shown(scope == SCOPE_PERSON ? 1 : people, -1, min_group);
}

int dev_item_progress(const dev_item *i)
{
    if (i->kind != ITEM_ACTION || i->learned_result < 0)
        return PROGRESS_OPEN;
    return i->learned_result == RESULT_COMPLETED ? PROGRESS_DONE
         : i->learned_result == RESULT_ONGOING   ? PROGRESS_UNDER_WAY
                                                 : PROGRESS_OPEN;
}

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
