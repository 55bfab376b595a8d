/* table.c - see table.h. */
#include "util/table.h"
#include "util/arena.h"
#include "util/csv.h"
#include "util/decimal.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

bool table_number_text(const cell *c, char *out, size_t n)
{
    if (!decimal_format(c->value, c->scale, c->scale, out, n))
        return false;
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    return true;
}

bool table_csv_header(str *out, const char *const *columns, char sep)
{
    for (size_t i = 0; columns[i]; i++) {
        if (i)
            str_putc(out, sep);
        csv_put_field(out, columns[i], sep);
    }
    return str_puts(out, "\r\n");
}

bool table_csv_row(str *out, const cell *cells, size_t n, char sep)
{
    char buf[48];
    for (size_t i = 0; i < n; i++) {
        if (i)
            str_putc(out, sep);
        switch (cells[i].kind) {
        case CELL_TEXT:
            csv_put_text(out, cells[i].text, sep);
            break;
        case CELL_NUMBER:
        case CELL_MONEY:
            if (!table_number_text(&cells[i], buf, sizeof buf))
                return false;
            str_puts(out, buf);
            break;
        case CELL_DATE:
            date_format(cells[i].date, buf);
            str_puts(out, buf);
            break;
        default:
            break;
        }
    }
    return str_puts(out, "\r\n");
}

bool table_new(arena *a, const char *const *columns, size_t nrows, report_table *t)
{
    t->columns = columns;
    t->ncols = 0;
    while (columns[t->ncols])
        t->ncols++;
    t->nrows = nrows;
    t->cells = arena_alloc(a, (nrows * t->ncols + 1) * sizeof *t->cells);
    return t->cells != NULL;
}

bool table_csv(str *out, const report_table *t, char sep)
{
    bool ok = table_csv_header(out, t->columns, sep);
    for (size_t r = 0; ok && r < t->nrows; r++)
        ok = table_csv_row(out, &t->cells[r * t->ncols], t->ncols, sep);
    return ok;
}

json_t *table_json_object(const char *const *columns, const cell *cells, size_t n)
{
    json_t *o = json_object();
    char buf[48];
    for (size_t i = 0; o && i < n && columns[i]; i++) {
        json_t *v;
        switch (cells[i].kind) {
        case CELL_TEXT:
            v = json_string(cells[i].text);
            if (!v && cells[i].text) {
                /* Invalid UTF-8 stored before the input was checked: the
                 * row is still written, its bad bytes as U+FFFD. */
                char *fixed = utf8_repair(cells[i].text, strlen(cells[i].text), NULL);
                v = fixed ? json_string(fixed) : NULL;
                free(fixed);
            }
            break;
        case CELL_NUMBER:
        case CELL_MONEY:
            if (cells[i].scale == 0) {
                v = json_integer(cells[i].value);
            } else {
                table_number_text(&cells[i], buf, sizeof buf);
                v = json_real(strtod(buf, NULL));
            }
            break;
        case CELL_DATE:
            date_format(cells[i].date, buf);
            v = json_string(buf);
            break;
        default:
            v = json_null();
        }
        if (json_object_set_new(o, columns[i], v) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

/* The index of KEY in COLUMNS, or -1. */
static int column_index(const char *const *columns, const char *key)
{
    for (int i = 0; columns[i]; i++)
        if (strcmp(columns[i], key) == 0)
            return i;
    return -1;
}

bool table_csv_from_json(json_t *items, const char *const *columns, str *out, str *err)
{
    size_t ncols = 0;
    while (columns[ncols])
        ncols++;
    json_t *list = json_is_array(items) ? json_incref(items) : json_pack("[O]", items);
    bool ok = list != NULL && table_csv_header(out, columns, ',');
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        if (!ok)
            break;
        if (!json_is_object(item)) {
            str_printf(err, "item %zu is not an object", i + 1);
            ok = false;
            break;
        }
        const char *key;
        json_t *v;
        json_object_foreach(item, key, v) {
            if (column_index(columns, key) < 0) {
                str_printf(err, "item %zu: unknown field '%s'", i + 1, key);
                ok = false;
            }
        }
        for (size_t c = 0; ok && c < ncols; c++) {
            if (c)
                str_putc(out, ',');
            v = json_object_get(item, columns[c]);
            char buf[64];
            if (json_is_string(v)) {
                csv_put_text(out, json_string_value(v), ',');
            } else if (json_is_integer(v)) {
                snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
                str_puts(out, buf);
            } else if (json_is_real(v)) {
                snprintf(buf, sizeof buf, "%.15g", json_real_value(v));
                str_puts(out, buf);
            } else if (json_is_boolean(v)) {
                str_puts(out, json_is_true(v) ? "yes" : "no");
            } else if (v && !json_is_null(v)) {
                str_printf(err, "item %zu: field '%s' must be text, a number or true/false",
                           i + 1, columns[c]);
                ok = false;
            }
        }
        str_puts(out, "\r\n");
    }
    json_decref(list);
    return ok && str_ok(out);
}

struct xlsx_table {
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_format *date, *money, *number, *header;
    lxw_row_t row;
    bool ok;
};

xlsx_table *xlsx_table_open(const char *path, const char *sheet, const char *const *columns)
{
    xlsx_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    t->book = workbook_new_opt(path, &opts);
    t->sheet = t->book ? workbook_add_worksheet(t->book, sheet) : NULL;
    if (!t->sheet) {
        if (t->book)
            workbook_close(t->book);
        free(t);
        return NULL;
    }
    t->date = workbook_add_format(t->book);
    format_set_num_format(t->date, "yyyy-mm-dd");
    t->money = workbook_add_format(t->book);
    format_set_num_format(t->money, "#,##0.00 [$\xE2\x82\xAC-813]");
    t->number = workbook_add_format(t->book);
    format_set_num_format(t->number, "0.00##");
    t->header = workbook_add_format(t->book);
    format_set_bold(t->header);
    t->ok = true;
    for (lxw_col_t c = 0; columns[c]; c++)
        t->ok &= worksheet_write_string(t->sheet, 0, c, columns[c], t->header) == LXW_NO_ERROR;
    t->row = 1;
    return t;
}

bool xlsx_table_row(xlsx_table *t, const cell *cells, size_t n)
{
    char buf[48];
    for (lxw_col_t c = 0; c < n; c++) {
        const cell *x = &cells[c];
        lxw_error e = LXW_NO_ERROR;
        if (x->kind == CELL_TEXT) {
            e = worksheet_write_string(t->sheet, t->row, c, x->text, NULL);
        } else if (x->kind == CELL_NUMBER || x->kind == CELL_MONEY) {
            table_number_text(x, buf, sizeof buf);
            e = worksheet_write_number(t->sheet, t->row, c, strtod(buf, NULL),
                                       x->kind == CELL_MONEY ? t->money
                                       : x->scale ? t->number : NULL);
        } else if (x->kind == CELL_DATE) {
            int y, m, d;
            date_to_ymd(x->date, &y, &m, &d);
            lxw_datetime dt = {y, m, d, 0, 0, 0};
            e = worksheet_write_datetime(t->sheet, t->row, c, &dt, t->date);
        }
        t->ok &= e == LXW_NO_ERROR;
    }
    t->row++;
    return t->ok;
}

bool xlsx_table_block(xlsx_table *t, const char *const *columns)
{
    t->row++;
    for (lxw_col_t c = 0; columns[c]; c++)
        t->ok &= worksheet_write_string(t->sheet, t->row, c, columns[c], t->header) ==
                 LXW_NO_ERROR;
    t->row++;
    return t->ok;
}

bool xlsx_table_close(xlsx_table *t)
{
    lxw_error closed = workbook_close(t->book);
    bool ok = t->ok && closed == LXW_NO_ERROR;
    free(t);
    return ok;
}
