/* xlsx_read.c - see xlsx_read.h. */
#include "util/xlsx_read.h"
#include "util/i18n.h"
#include "util/str.h"
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The most cells of one row we keep: a row beyond this is an error, not a
 * silent cut (no import kind has more than a few dozen columns). */
#define XLSX_MAX_COLUMNS 16384
#define CHUNK 65536
/* The most a part read whole (shared strings, styles) may unpack to: a
 * workbook is small when compressed, and a crafted one must not fill memory. */
#define MAX_PART (256u << 20)

/* One cell of the row being read: its column and its text in row_text. */
typedef struct row_cell {
    size_t col, off, len;
} row_cell;

struct xlsx_reader {
    zip_t *zip;
    zip_source_t *src;
    bool date1904;
    /* Shared strings: their text one after the other, and where each starts. */
    str strings;
    size_t *string_off, nstrings, capstrings;
    /* Per cell style (cellXfs index): whether it shows a date. */
    bool *date_style;
    size_t nstyles, capstyles;
    /* The sheet, streamed. */
    zip_file_t *sheet;
    XML_Parser parser;
    char chunk[CHUNK];
    bool at_end;       /* the whole sheet has been given to the parser */
    bool suspended;    /* the parser stopped at the end of a row */
    const char *error; /* a message id, once something went wrong */
    /* The row being read. */
    long row_number, last_row;
    row_cell *cells;
    size_t ncells, capcells;
    str row_text;
    bool row_done;
    /* The cell being read. */
    bool in_cell, in_value, in_inline_text;
    size_t cell_col, next_col; /* next_col: for cells without a reference */
    char cell_type[12];
    long cell_style;
    str value;
};

bool xlsx_is_workbook(const char *data, size_t n)
{
    return n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* ---- small helpers ---- */

/* The value of attribute NAME in expat's ATTS, or NULL. A prefixed name
 * ("r:id") matches on its local part too. */
static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2) {
        const char *a = atts[i];
        const char *colon = strchr(a, ':');
        if (strcmp(a, name) == 0 || (colon && strcmp(colon + 1, name) == 0))
            return atts[i + 1];
    }
    return NULL;
}

/* The local part of an element name ("x:row" -> "row"). */
static const char *local(const XML_Char *name)
{
    const char *colon = strchr(name, ':');
    return colon ? colon + 1 : name;
}

/* Reads the whole archive member NAME into OUT; false when it is missing or
 * cannot be read. */
static bool read_member(zip_t *zip, const char *name, str *out)
{
    zip_file_t *f = zip_fopen(zip, name, 0);
    if (!f)
        return false;
    char buf[CHUNK];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0 && out->len < MAX_PART)
        str_append(out, buf, (size_t)n);
    if (n > 0)
        n = -1; /* too large */
    zip_fclose(f);
    return n == 0 && str_ok(out);
}

/* Parses the whole of TEXT with the handlers set on P; false when the XML is
 * malformed. */
static bool parse_all(XML_Parser p, const str *text)
{
    return XML_Parse(p, text->p ? text->p : "", (int)text->len, 1) == XML_STATUS_OK;
}

/* ---- the workbook: first sheet and date system ---- */

typedef struct workbook_scan {
    char first_sheet_rid[64];
    bool date1904;
} workbook_scan;

static void workbook_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    workbook_scan *w = ctx;
    const char *n = local(name);
    if (strcmp(n, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(n, "sheet") == 0 && !w->first_sheet_rid[0]) {
        const char *id = attr(atts, "id");
        /* An id too long to keep is not looked up: the default path then. */
        if (id && strlen(id) < sizeof w->first_sheet_rid)
            memcpy(w->first_sheet_rid, id, strlen(id) + 1);
    }
}

typedef struct rels_scan {
    const char *id;
    char target[256];
} rels_scan;

static void rels_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    rels_scan *r = ctx;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (id && target && strcmp(id, r->id) == 0 && strlen(target) < sizeof r->target)
        memcpy(r->target, target, strlen(target) + 1);
}

/* Finds the archive name of the first sheet into PATH; "xl/worksheets/sheet1.xml"
 * when the workbook does not say. */
static bool find_first_sheet(xlsx_reader *x, char *path, size_t n)
{
    snprintf(path, n, "xl/worksheets/sheet1.xml");
    str text = STR_INIT;
    workbook_scan w = {{0}, false};
    bool ok = read_member(x->zip, "xl/workbook.xml", &text);
    if (ok) {
        XML_Parser p = XML_ParserCreate(NULL);
        if (!p) {
            str_free(&text);
            return false;
        }
        XML_SetUserData(p, &w);
        XML_SetStartElementHandler(p, workbook_start);
        ok = parse_all(p, &text);
        XML_ParserFree(p);
    }
    str_free(&text);
    if (!ok)
        return false;
    x->date1904 = w.date1904;
    if (!w.first_sheet_rid[0])
        return true;
    rels_scan r = {w.first_sheet_rid, {0}};
    text = (str)STR_INIT;
    if (read_member(x->zip, "xl/_rels/workbook.xml.rels", &text)) {
        XML_Parser p = XML_ParserCreate(NULL);
        if (p) {
            XML_SetUserData(p, &r);
            XML_SetStartElementHandler(p, rels_start);
            parse_all(p, &text);
            XML_ParserFree(p);
        }
    }
    str_free(&text);
    if (r.target[0] == '/')
        snprintf(path, n, "%s", r.target + 1);
    else if (r.target[0])
        snprintf(path, n, "xl/%s", r.target);
    return true;
}

/* ---- shared strings ---- */

typedef struct strings_scan {
    xlsx_reader *x;
    int depth_phonetic; /* inside <rPh>: reading aids, not the text */
    bool in_t, failed;
} strings_scan;

static void strings_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    strings_scan *s = ctx;
    const char *n = local(name);
    if (strcmp(n, "si") == 0) {
        xlsx_reader *x = s->x;
        if (x->nstrings == x->capstrings) {
            size_t cap = x->capstrings ? x->capstrings * 2 : 256;
            size_t *p = realloc(x->string_off, (cap + 1) * sizeof *p);
            if (!p) {
                s->failed = true;
                return;
            }
            x->string_off = p;
            x->capstrings = cap;
        }
        x->string_off[x->nstrings++] = x->strings.len;
    } else if (strcmp(n, "rPh") == 0) {
        s->depth_phonetic++;
    } else if (strcmp(n, "t") == 0) {
        s->in_t = true;
    }
}

static void strings_end(void *ctx, const XML_Char *name)
{
    strings_scan *s = ctx;
    const char *n = local(name);
    if (strcmp(n, "rPh") == 0)
        s->depth_phonetic--;
    else if (strcmp(n, "t") == 0)
        s->in_t = false;
}

static void strings_text(void *ctx, const XML_Char *text, int len)
{
    strings_scan *s = ctx;
    if (s->in_t && s->depth_phonetic == 0 && s->x->nstrings > 0)
        str_append(&s->x->strings, text, (size_t)len);
}

/* Reads xl/sharedStrings.xml (a workbook with only numbers has none). */
static bool read_shared_strings(xlsx_reader *x)
{
    str text = STR_INIT;
    if (!read_member(x->zip, "xl/sharedStrings.xml", &text)) {
        str_free(&text);
        return zip_name_locate(x->zip, "xl/sharedStrings.xml", 0) < 0;
    }
    strings_scan s = {x, 0, false, false};
    XML_Parser p = XML_ParserCreate(NULL);
    bool ok = p != NULL;
    if (ok) {
        XML_SetUserData(p, &s);
        XML_SetElementHandler(p, strings_start, strings_end);
        XML_SetCharacterDataHandler(p, strings_text);
        ok = parse_all(p, &text) && !s.failed && str_ok(&x->strings);
        XML_ParserFree(p);
    }
    str_free(&text);
    if (ok && x->string_off)
        x->string_off[x->nstrings] = x->strings.len; /* the end of the last one */
    return ok;
}

/* ---- styles: which cell styles show dates ---- */

/* The built-in number formats that show a date (ECMA-376 §18.8.30, and the
 * East Asian ones Excel also uses for dates). */
static bool builtin_date_format(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

/* True when the format code CODE shows a date: after dropping quoted text,
 * escaped characters and [bracketed] parts, it has a day or a year. */
static bool custom_date_format(const char *code)
{
    bool quoted = false;
    int bracket = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '[')
            bracket++;
        else if (*p == ']' && bracket)
            bracket--;
        else if (!bracket && (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y'))
            return true;
    }
    return false;
}

typedef struct styles_scan {
    xlsx_reader *x;
    long *custom_ids;     /* numFmtId of the custom formats that show dates */
    size_t ncustom, capcustom;
    bool in_cell_xfs, failed;
} styles_scan;

static bool styles_push_custom(styles_scan *s, long id)
{
    if (s->ncustom == s->capcustom) {
        size_t cap = s->capcustom ? s->capcustom * 2 : 16;
        long *p = realloc(s->custom_ids, cap * sizeof *p);
        if (!p)
            return false;
        s->custom_ids = p;
        s->capcustom = cap;
    }
    s->custom_ids[s->ncustom++] = id;
    return true;
}

static void styles_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    styles_scan *s = ctx;
    const char *n = local(name);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (id && code && custom_date_format(code) && !styles_push_custom(s, strtol(id, NULL, 10)))
            s->failed = true;
    } else if (strcmp(n, "cellXfs") == 0) {
        s->in_cell_xfs = true;
    } else if (strcmp(n, "xf") == 0 && s->in_cell_xfs) {
        xlsx_reader *x = s->x;
        const char *id = attr(atts, "numFmtId");
        long fmt = id ? strtol(id, NULL, 10) : 0;
        bool date = builtin_date_format(fmt);
        for (size_t i = 0; !date && i < s->ncustom; i++)
            date = s->custom_ids[i] == fmt;
        if (x->nstyles == x->capstyles) {
            size_t cap = x->capstyles ? x->capstyles * 2 : 32;
            bool *p = realloc(x->date_style, cap * sizeof *p);
            if (!p) {
                s->failed = true;
                return;
            }
            x->date_style = p;
            x->capstyles = cap;
        }
        x->date_style[x->nstyles++] = date;
    }
}

static void styles_end(void *ctx, const XML_Char *name)
{
    styles_scan *s = ctx;
    if (strcmp(local(name), "cellXfs") == 0)
        s->in_cell_xfs = false;
}

static bool read_styles(xlsx_reader *x)
{
    str text = STR_INIT;
    if (!read_member(x->zip, "xl/styles.xml", &text)) {
        str_free(&text);
        return zip_name_locate(x->zip, "xl/styles.xml", 0) < 0;
    }
    styles_scan s = {x, NULL, 0, 0, false, false};
    XML_Parser p = XML_ParserCreate(NULL);
    bool ok = p != NULL;
    if (ok) {
        XML_SetUserData(p, &s);
        XML_SetElementHandler(p, styles_start, styles_end);
        ok = parse_all(p, &text) && !s.failed;
        XML_ParserFree(p);
    }
    free(s.custom_ids);
    str_free(&text);
    return ok;
}

/* ---- the sheet, a row at a time ---- */

bool xlsx_serial_date(double serial, bool date1904, date_t *out)
{
    if (!(serial >= 1 && serial < 200000))
        return false;
    long days = (long)floor(serial);
    /* Day 0 of the 1900 system is 1899-12-31, and Excel counts a 29 February
     * 1900 that never was (Lotus's error): from day 61 on, 1899-12-30 is the
     * base. The 1904 system counts from 1904-01-01. */
    date_t base = date1904 ? date_from_ymd(1904, 1, 1)
                : days >= 61 ? date_from_ymd(1899, 12, 30) : date_from_ymd(1899, 12, 31);
    date_t d = base + (date_t)days;
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    if (y < 1900 || y > 2199)
        return false;
    *out = d;
    return true;
}

/* The zero-based column of a cell reference such as "AB12", or -1. */
static long column_of(const char *ref)
{
    long col = 0;
    size_t letters = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
        col = col * 26 + (*ref - 'A' + 1);
    return letters == 0 || letters > 3 ? -1 : col - 1;
}

/* The row number in a cell reference ("AB12" -> 12), or 0. */
static long row_of_ref(const char *ref)
{
    while (*ref >= 'A' && *ref <= 'Z')
        ref++;
    return strtol(ref, NULL, 10);
}

static void fail(xlsx_reader *x, const char *why)
{
    if (!x->error)
        x->error = why;
    XML_StopParser(x->parser, XML_FALSE);
}

/* The text of a number cell: a date in a date style, otherwise the number
 * as a person would type it (Excel stores 0.1 as 0.10000000000000001:
 * fifteen significant digits are what it shows). */
static void number_text(xlsx_reader *x, const char *v, str *out)
{
    char *end;
    double d = strtod(v, &end);
    if (*v == '\0' || *end != '\0' || !isfinite(d)) {
        str_puts(out, v);
        return;
    }
    bool date = x->cell_style >= 0 && (size_t)x->cell_style < x->nstyles &&
                x->date_style[x->cell_style];
    date_t day;
    if (date && xlsx_serial_date(d, x->date1904, &day)) {
        char text[DATE_TEXT_SIZE];
        date_format(day, text);
        str_puts(out, text);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", d);
    str_puts(out, strchr(buf, 'e') ? v : buf);
}

/* Adds the finished cell to the row, as the text the import reads. */
static void finish_cell(xlsx_reader *x)
{
    const char *t = x->cell_type, *v = str_ok(&x->value) && x->value.p ? x->value.p : "";
    size_t off = x->row_text.len;
    if (strcmp(t, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (*v == '\0' || *end || i < 0 || (size_t)i >= x->nstrings) {
            fail(x, N_("a shared string that the workbook holds"));
            return;
        }
        str_append(&x->row_text, x->strings.p + x->string_off[i],
                   x->string_off[i + 1] - x->string_off[i]);
    } else if (strcmp(t, "b") == 0) {
        str_puts(&x->row_text, strcmp(v, "1") == 0 ? "yes" : "no");
    } else if (strcmp(t, "d") == 0) {
        str_append(&x->row_text, v, strlen(v) > 10 ? 10 : strlen(v)); /* ISO, time dropped */
    } else if (strcmp(t, "n") == 0 || t[0] == '\0') {
        number_text(x, v, &x->row_text);
    } else {
        str_puts(&x->row_text, v); /* inlineStr, str (a formula's text), e (an error) */
    }
    size_t len = x->row_text.len - off;
    if (len == 0)
        return;
    if (x->ncells == x->capcells) {
        size_t cap = x->capcells ? x->capcells * 2 : 32;
        row_cell *p = realloc(x->cells, cap * sizeof *p);
        if (!p) {
            fail(x, N_("enough memory to read the workbook"));
            return;
        }
        x->cells = p;
        x->capcells = cap;
    }
    x->cells[x->ncells++] = (row_cell){x->cell_col, off, len};
}

static void sheet_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    xlsx_reader *x = ctx;
    const char *n = local(name);
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        x->row_number = r ? strtol(r, NULL, 10) : x->last_row + 1;
        if (x->row_number <= x->last_row)
            x->row_number = x->last_row + 1;
        x->ncells = 0;
        x->next_col = 0;
        str_clear(&x->row_text);
    } else if (strcmp(n, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        long col = r ? column_of(r) : (long)x->next_col;
        if (col < 0 || col >= XLSX_MAX_COLUMNS) {
            fail(x, N_("cells within the first 16384 columns"));
            return;
        }
        if (r && row_of_ref(r) > 0 && !x->row_number)
            x->row_number = row_of_ref(r);
        x->in_cell = true;
        x->cell_col = (size_t)col;
        x->next_col = (size_t)col + 1;
        /* The types are short words; anything longer is no type we know,
         * and its cell is read as text. */
        snprintf(x->cell_type, sizeof x->cell_type, "%s",
                 !t ? "" : strlen(t) < sizeof x->cell_type ? t : "?");
        x->cell_style = s ? strtol(s, NULL, 10) : -1;
        str_clear(&x->value);
    } else if (x->in_cell && strcmp(n, "v") == 0) {
        x->in_value = true;
    } else if (x->in_cell && strcmp(n, "t") == 0) {
        x->in_inline_text = true;
    }
}

static void sheet_end(void *ctx, const XML_Char *name)
{
    xlsx_reader *x = ctx;
    const char *n = local(name);
    if (strcmp(n, "v") == 0) {
        x->in_value = false;
    } else if (strcmp(n, "t") == 0) {
        x->in_inline_text = false;
    } else if (strcmp(n, "c") == 0 && x->in_cell) {
        x->in_cell = false;
        finish_cell(x);
    } else if (strcmp(n, "row") == 0) {
        x->last_row = x->row_number;
        if (x->ncells > 0) {
            /* A row with something in it: stop here and hand it over. */
            x->row_done = true;
            XML_StopParser(x->parser, XML_TRUE);
        }
    }
}

static void sheet_text(void *ctx, const XML_Char *text, int len)
{
    xlsx_reader *x = ctx;
    if (x->in_value || x->in_inline_text)
        str_append(&x->value, text, (size_t)len);
}

/* Lets the parser go on until a row is done or the sheet ends: 1, 0 at the
 * end, -1 on an error (x->error). */
static int parse_until_row(xlsx_reader *x)
{
    x->row_done = false;
    for (;;) {
        enum XML_Status st;
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->parser);
        } else if (x->at_end) {
            return 0;
        } else {
            zip_int64_t n = zip_fread(x->sheet, x->chunk, sizeof x->chunk);
            if (n < 0) {
                x->error = N_("a workbook whose sheet can be unpacked");
                return -1;
            }
            x->at_end = n == 0;
            st = XML_Parse(x->parser, x->chunk, (int)n, x->at_end);
        }
        if (st == XML_STATUS_SUSPENDED) {
            x->suspended = true;
            return 1;
        }
        if (st == XML_STATUS_ERROR) {
            if (!x->error)
                x->error = N_("a workbook whose sheet is well-formed XML");
            return -1;
        }
        if (x->row_done)
            return 1; /* stopped at the very end of the chunk */
    }
}

/* csv_reader's source: the next row with content as the record's fields. */
static int next_row(void *ctx, csv_reader *r)
{
    xlsx_reader *x = ctx;
    int rc = parse_until_row(x);
    if (rc < 0) {
        r->error = x->error;
        return -1;
    }
    if (rc == 0)
        return 0;
    if (!str_ok(&x->row_text)) {
        r->error = N_("enough memory to read the workbook");
        return -1;
    }
    r->line = r->record_line = x->row_number;
    /* Every column up to the last filled one, empty where the sheet has
     * no cell. */
    size_t last = 0;
    for (size_t i = 0; i < x->ncells; i++)
        if (x->cells[i].col > last)
            last = x->cells[i].col;
    for (size_t c = 0; c <= last; c++)
        if (!csv_push_field(r, x->row_text.p + x->row_text.len, 0)) {
            r->error = N_("enough memory to read the workbook");
            return -1;
        }
    for (size_t i = 0; i < x->ncells; i++)
        r->fields[x->cells[i].col] = (csv_field){x->row_text.p + x->cells[i].off, x->cells[i].len};
    return 1;
}

xlsx_reader *xlsx_open(const char *data, size_t n, csv_reader *r, const char **error)
{
    *error = N_("an Excel workbook (.xlsx) that can be opened");
    xlsx_reader *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->strings = (str)STR_INIT;
    x->row_text = (str)STR_INIT;
    x->value = (str)STR_INIT;
    zip_error_t ze;
    zip_error_init(&ze);
    x->src = zip_source_buffer_create(data, n, 0, &ze);
    x->zip = x->src ? zip_open_from_source(x->src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!x->zip) {
        if (x->src)
            zip_source_free(x->src);
        x->src = NULL;
        xlsx_close(x);
        return NULL;
    }
    char path[300];
    if (!find_first_sheet(x, path, sizeof path) || !read_shared_strings(x) || !read_styles(x)) {
        *error = N_("an Excel workbook (.xlsx) whose parts can be read");
        xlsx_close(x);
        return NULL;
    }
    x->sheet = zip_fopen(x->zip, path, 0);
    x->parser = x->sheet ? XML_ParserCreate(NULL) : NULL;
    if (!x->parser) {
        *error = N_("an Excel workbook (.xlsx) with a worksheet");
        xlsx_close(x);
        return NULL;
    }
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(x->parser, sheet_text);
    csv_open_source(r, next_row, x);
    *error = NULL;
    return x;
}

void xlsx_close(xlsx_reader *x)
{
    if (!x)
        return;
    if (x->parser)
        XML_ParserFree(x->parser);
    if (x->sheet)
        zip_fclose(x->sheet);
    if (x->zip)
        zip_discard(x->zip); /* read only: nothing to write back; frees the source */
    str_free(&x->strings);
    str_free(&x->row_text);
    str_free(&x->value);
    free(x->string_off);
    free(x->date_style);
    free(x->cells);
    free(x);
}
