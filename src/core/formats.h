/* formats.h - the model in the file formats of DESIGN §4: the column lists
 * and the conversion of a struct to a CSV line or a JSON object. Reading
 * (with validation) is in import.h. */
#ifndef GP_FORMATS_H
#define GP_FORMATS_H
#include <jansson.h>
#include "core/model.h"
#include "util/str.h"

extern const char *const employee_columns[];  /* NULL-terminated, file order */
extern const char *const activity_columns[];
extern const char *const learning_columns[];
extern const char *const funding_columns[];

/* Appends the header line of COLUMNS, separated by SEP, ending in "\r\n". */
bool csv_header(str *out, const char *const *columns, char sep);
bool employee_csv(str *out, const employee *e, char sep);
bool activity_csv(str *out, const activity *a, char sep);
bool learning_csv(str *out, const learning_record *r, char sep);
bool funding_csv(str *out, const funding *f, char sep);

/* New JSON objects with the same fields (NULL when out of memory). */
json_t *employee_json(const employee *e);
json_t *activity_json(const activity *a);
json_t *learning_json(const learning_record *r);
json_t *funding_json(const funding *f);

/* A scaled integer as an exact JSON number (e.g. 1234.5 for 123450 cents). */
json_t *json_decimal(int64_t value, int scale);

#endif
