/* formats.h - the model in the file formats of DESIGN §4: each kind's
 * columns and its rows as typed cells (util/table.h writes them as CSV, JSON
 * or Excel). Reading, with validation, is in import.h. */
#ifndef GP_FORMATS_H
#define GP_FORMATS_H
#include <jansson.h>
#include "core/model.h"
#include "util/table.h"

#define EMPLOYEE_COLUMNS 18
#define ACTIVITY_COLUMNS 11
#define LEARNING_COLUMNS 12
#define FUNDING_COLUMNS 4

extern const char *const employee_columns[];  /* NULL-terminated, file order */
extern const char *const activity_columns[];
extern const char *const learning_columns[];
extern const char *const funding_columns[];

/* Fill OUT (the kind's number of columns) with the struct's cells. */
void employee_cells(const employee *e, cell out[EMPLOYEE_COLUMNS]);
void activity_cells(const activity *a, cell out[ACTIVITY_COLUMNS]);
void learning_cells(const learning_record *r, cell out[LEARNING_COLUMNS]);
void funding_cells(const funding *f, cell out[FUNDING_COLUMNS]);

/* New JSON objects with the file's fields (NULL when out of memory). */
json_t *employee_json(const employee *e);
json_t *activity_json(const activity *a);
/* A learning record also carries its id. */
json_t *learning_json(const learning_record *r);
json_t *funding_json(const funding *f);

#endif
