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
