/* fuzz_json.c - the JSON bodies of the API (POST /api/v1/employees,
 * activities, learning in web/api_data.c): jansson reads the body, the items
 * become CSV rows (util/table.c) and go through the import's validation.
 *
 * Every item must become exactly one record, so that no item is dropped or
 * split on its way to the import. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/formats.h"
#include "rows.h"
#include "util/csv.h"
#include "util/table.h"

/* Shapes BODY as the API does for KIND and validates the rows. */
static void check_kind(json_t *body, import_kind kind, const char *const *columns)
{
    str csv = STR_INIT, err = STR_INIT;
    if (table_csv_from_json(body, columns, &csv, &err)) {
        size_t items = json_is_array(body) ? json_array_size(body) : 1;
        char *copy = malloc(csv.len ? csv.len : 1);
        if (!copy)
            abort();
        memcpy(copy, csv.p, csv.len);
        csv_reader r;
        csv_open(&r, copy, csv.len);
        size_t records = 0;
        int rc;
        while ((rc = csv_next(&r)) > 0)
            records++;
        if (rc != 0 || records != items + 1)
            abort(); /* the header and one record per item */
        csv_close(&r);
        free(copy);
        fuzz_validate_rows(kind, csv.p, csv.len);
    } else if (err.len == 0 && str_ok(&csv)) {
        abort(); /* a refusal says why */
    }
    str_free(&csv);
    str_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *body = json_loadb((const char *)data, size, 0, &jerr);
    if (!body)
        return 0;
    check_kind(body, IMPORT_EMPLOYEES, employee_columns);
    check_kind(body, IMPORT_ACTIVITIES, activity_columns);
    check_kind(body, IMPORT_LEARNING, learning_columns);
    json_decref(body);
    return 0;
}
