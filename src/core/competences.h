/* competences.h - the competence catalogue, function profiles and
 * assessments as plain structs, their closed vocabularies and their file
 * formats (DESIGN §4: competences, profiles, assessments). Reading with
 * validation is in import.h; the gap rule in gaps.h. */
#ifndef GP_COMPETENCES_H
#define GP_COMPETENCES_H
#include <jansson.h>
#include "core/model.h"
#include "util/table.h"

/* Levels 0-4: none, basic, independent, experienced, expert (RULES §9). */
#define LEVEL_MIN 0
#define LEVEL_MAX 4

enum competence_kind { KIND_TECHNICAL, KIND_GENERIC, KIND_ATTITUDE };
enum assessment_source { SOURCE_APPRAISAL, SOURCE_SELF, SOURCE_TEST, SOURCE_OBSERVATION };

extern const vocab vocab_competence_kind, vocab_assessment_source, vocab_level;

/* The assessor column's word for a self-assessment. */
#define ASSESSOR_SELF "self"

typedef struct competence {
    int64_t id;
    const char *code, *name;
    int kind;
    const char *description; /* or NULL */
} competence;

/* What a function needs of one competence, now and in two to four years. */
typedef struct profile_line {
    const char *function;
    const char *competence; /* its code */
    int level_now, level_future;
} profile_line;

typedef struct assessment {
    int64_t id;               /* the order of entry: the latest of a day counts */
    const char *employee_id;
    const char *competence;   /* its code */
    int level;
    date_t assessed_on;
    const char *assessor;     /* an employee_id, "self", or NULL */
    int source;
    const char *note;         /* or NULL */
    const char *created_by;   /* who entered it (a login, "cli"), or NULL */
} assessment;

/* ---- training needs ---- */

enum need_scope { SCOPE_PERSON, SCOPE_TEAM, SCOPE_FUNCTION, SCOPE_DEPARTMENT, SCOPE_EVERYONE };
enum need_source {
    NEED_FROM_EMPLOYEE, NEED_FROM_MANAGER, NEED_FROM_REPRESENTATIVE, NEED_FROM_CONVERSATION,
    NEED_FROM_PROFILE_GAP, NEED_FROM_INCIDENT, NEED_FROM_STRATEGY, NEED_FROM_LEGAL,
    NEED_FROM_CERTIFICATION, NEED_FROM_EVALUATION
};
enum need_priority { PRIORITY_HIGH, PRIORITY_MEDIUM, PRIORITY_LOW };
enum need_status { NEED_OPEN, NEED_PLANNED, NEED_ADDRESSED, NEED_DECLINED };
extern const vocab vocab_need_scope, vocab_need_source, vocab_priority, vocab_need_status;

typedef struct training_need {
    int64_t id;
    const char *title;
    int scope;
    const char *employee_id;   /* the person, or the manager whose team; or NULL */
    const char *employee_name; /* shown to those who may see it */
    const char *function, *department, *competence; /* names / code, or NULL */
    int source, priority, status;
    const char *reason;        /* why declined, or NULL */
    int64_t initiative_id;     /* the plan initiative that takes it up, or 0 */
    const char *initiative_title;
    int plan_year;             /* that initiative's plan, or 0 */
    const char *created_by;    /* the login that signalled it */
    int created_role;
    const char *created_at;
} training_need;

/* Whether a need may go from status FROM to TO: open -> planned ->
 * addressed, open or planned -> declined (with a reason), and back from
 * declined or planned to open. */
bool need_status_allowed(int from, int to);

/* Whether the plan, which the works council reads, may list a need of
 * SCOPE about PEOPLE people (needs_people) on its own line (RULES.md §4):
 * a need of one person never, and none of a group smaller than MIN_GROUP.
 * The others are only counted. */
bool need_listed_on_plan(int scope, int64_t people, int min_group);

/* ---- personal development plans ---- */

enum dev_item_kind { ITEM_GOAL, ITEM_ACTION };
/* An action's progress, from the learning record. */
enum dev_progress { PROGRESS_OPEN, PROGRESS_UNDER_WAY, PROGRESS_DONE };
extern const vocab vocab_dev_progress;

typedef struct dev_plan {
    int64_t id;
    const char *employee_id, *employee_name;
    int year;
    date_t conversation_on;
    const char *conversation_with, *notes, *employee_comment;
} dev_plan;

typedef struct dev_item {
    int64_t id;
    int kind;
    const char *text;
    const char *competence;    /* code, or NULL */
    int64_t need_id;           /* or 0 */
    const char *activity_code; /* actions: an activity of the catalogue, or NULL */
    int form;                  /* actions: a form of workplace learning, or -1 */
    date_t target_date;
    /* From the learning record (store): the latest record of the activity
     * in the plan's year, its result (-1 none) and start date. */
    int learned_result;
    date_t learned_on;
} dev_item;

/* An action's progress: done when a record of its activity in the plan's
 * year was completed, under way when one is ongoing, else open. */
int dev_item_progress(const dev_item *i);

#define COMPETENCE_COLUMNS 4
#define PROFILE_COLUMNS 4
#define ASSESSMENT_COLUMNS 7

enum competence_column { CC_CODE, CC_NAME, CC_KIND, CC_DESCRIPTION };
enum profile_column { PC_FUNCTION, PC_COMPETENCE_CODE, PC_LEVEL_NOW, PC_LEVEL_FUTURE };
enum assessment_column {
    SC_EMPLOYEE_ID, SC_COMPETENCE_CODE, SC_LEVEL, SC_ASSESSED_ON, SC_ASSESSOR, SC_SOURCE, SC_NOTE
};

extern const char *const competence_columns[]; /* NULL-terminated, file order */
extern const char *const profile_columns[];
extern const char *const assessment_columns[];

void competence_cells(const competence *c, cell out[COMPETENCE_COLUMNS]);
void profile_cells(const profile_line *p, cell out[PROFILE_COLUMNS]);
void assessment_cells(const assessment *s, cell out[ASSESSMENT_COLUMNS]);

/* New JSON objects with the file's fields (NULL when out of memory). */
json_t *competence_json(const competence *c);
json_t *assessment_json(const assessment *s);

#endif
