/* formats.h - the model in the file formats of DESIGN §4: each kind's
 * columns and its rows as typed cells (util/table.h writes them as CSV, JSON
 * or Excel). Reading, with validation, is in import.h. */
#ifndef GP_FORMATS_H
#define GP_FORMATS_H
#include <jansson.h>
#include "core/model.h"
#include "util/table.h"

#define EMPLOYEE_COLUMNS 18
#define ACTIVITY_COLUMNS 12
#define LEARNING_COLUMNS 12
#define FUNDING_COLUMNS 4
#define MENTOR_COLUMNS 4

/* The columns of each kind, in file order (indexes into the arrays below). */
enum employee_column {
    EC_EMPLOYEE_ID, EC_FIRST_NAME, EC_LAST_NAME, EC_EMAIL, EC_GENDER, EC_BIRTH_DATE,
    EC_HIRE_DATE, EC_EXIT_DATE, EC_DEPARTMENT, EC_FUNCTION, EC_CATEGORY, EC_CONTRACT, EC_FTE,
    EC_EDUCATION, EC_BORN_ABROAD, EC_DISABILITY, EC_MANAGER_ID, EC_SHIFT
};
enum activity_column {
    AC_CODE, AC_TITLE, AC_TYPE, AC_FORM, AC_PROVIDER, AC_INTERNAL, AC_HOURS, AC_COST,
    AC_VALIDITY_MONTHS, AC_MANDATORY, AC_TARGET_FUNCTIONS, AC_COMPETENCES
};
enum learning_column {
    LC_EMPLOYEE_ID, LC_ACTIVITY_CODE, LC_TITLE, LC_TYPE, LC_START_DATE, LC_END_DATE, LC_HOURS,
    LC_WORKING_TIME, LC_COST, LC_SUBSIDY, LC_TRAINING_LEAVE, LC_RESULT
};
enum funding_column { FC_YEAR, FC_TYPE, FC_CONTRIBUTIONS, FC_SUBSIDIES };
enum mentor_column { MC_EMPLOYEE_ID, MC_MENTOR_ID, MC_FROM, MC_TO };

extern const char *const employee_columns[];  /* NULL-terminated, file order */
extern const char *const activity_columns[];
extern const char *const learning_columns[];
extern const char *const funding_columns[];
extern const char *const mentor_columns[];

/* Fill OUT (the kind's number of columns) with the struct's cells. */
void employee_cells(const employee *e, cell out[EMPLOYEE_COLUMNS]);
void activity_cells(const activity *a, cell out[ACTIVITY_COLUMNS]);
void learning_cells(const learning_record *r, cell out[LEARNING_COLUMNS]);
void funding_cells(const funding *f, cell out[FUNDING_COLUMNS]);
struct mentor_assignment;
void mentor_cells(const struct mentor_assignment *m, cell out[MENTOR_COLUMNS]);

/* The value of V that the N bytes at S name: its canonical code or one of
 * the Dutch and French words people type for it (DESIGN §4: "V", "vrouw",
 * "femme" for F, "bediende", "employé" for white_collar, ...), compared
 * without regard to case, accented capitals included. -1 when none. The one
 * reader of coded values for every import and every form. */
int code_read(const vocab *v, const char *s, size_t n);
/* The other words code_read accepts for value I of V, as "vrouw, V, femme"
 * (empty when none), for templates and the import page. */
const char *code_aliases(const vocab *v, int i);

/* What was expected, in the current language, when date_read gave ST (not
 * DATE_READ_OK): the message of every import and date field. */
const char *date_expected(date_status st);

/* New JSON objects with the file's fields (NULL when out of memory). */
json_t *employee_json(const employee *e);
json_t *activity_json(const activity *a);
/* A learning record also carries its id. */
json_t *learning_json(const learning_record *r);

#endif
