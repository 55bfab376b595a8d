/* test_formats.c - the readers every import and form shares: coded values in
 * three languages, the columns the templates explain, the CSV formula guard
 * and Excel's serial dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/formats.h"
#include "core/import.h"
#include "util/csv.h"
#include "util/table.h"
#include "util/xlsx_read.h"
#include <stdio.h>
#include <unistd.h>
#include <zip.h>

static int code(const vocab *v, const char *s)
{
    return code_read(v, s, strlen(s));
}

static void test_codes_in_three_languages(void **state)
{
    (void)state;
    /* DESIGN §4, word for word */
    assert_int_equal(code(&vocab_gender, "V"), GENDER_F);
    assert_int_equal(code(&vocab_gender, "vrouw"), GENDER_F);
    assert_int_equal(code(&vocab_gender, "Femme"), GENDER_F);
    assert_int_equal(code(&vocab_gender, "f"), GENDER_F);
    assert_int_equal(code(&vocab_gender, "MAN"), GENDER_M);
    assert_int_equal(code(&vocab_gender, "h"), GENDER_M);
    assert_int_equal(code(&vocab_gender, "homme"), GENDER_M);
    assert_int_equal(code(&vocab_gender, "x"), GENDER_X);
    assert_int_equal(code(&vocab_category, "Arbeider"), CATEGORY_BLUE_COLLAR);
    assert_int_equal(code(&vocab_category, "ouvrier"), CATEGORY_BLUE_COLLAR);
    assert_int_equal(code(&vocab_category, "bediende"), CATEGORY_WHITE_COLLAR);
    assert_int_equal(code(&vocab_category, "EMPLOY\xC3\x89"), CATEGORY_WHITE_COLLAR);
    assert_int_equal(code(&vocab_category, "White_Collar"), CATEGORY_WHITE_COLLAR);
    assert_int_equal(code(&vocab_contract, "vast"), CONTRACT_PERMANENT);
    assert_int_equal(code(&vocab_contract, "Onbepaalde duur"), CONTRACT_PERMANENT);
    assert_int_equal(code(&vocab_contract, "cdi"), CONTRACT_PERMANENT);
    assert_int_equal(code(&vocab_contract, "bepaalde duur"), CONTRACT_FIXED_TERM);
    assert_int_equal(code(&vocab_contract, "tijdelijk"), CONTRACT_FIXED_TERM);
    assert_int_equal(code(&vocab_contract, "CDD"), CONTRACT_FIXED_TERM);
    assert_int_equal(code(&vocab_contract, "student"), CONTRACT_STUDENT);
    assert_int_equal(code(&vocab_contract, "jobstudent"), CONTRACT_STUDENT);
    assert_int_equal(code(&vocab_contract, "\xC3\x89tudiant"), CONTRACT_STUDENT);
    assert_int_equal(code(&vocab_contract, "stagiair"), CONTRACT_TRAINEE);
    assert_int_equal(code(&vocab_contract, "Stagiaire"), CONTRACT_TRAINEE);
    assert_int_equal(code(&vocab_education, "laag"), EDUCATION_LOW);
    assert_int_equal(code(&vocab_education, "bas"), EDUCATION_LOW);
    assert_int_equal(code(&vocab_education, "midden"), EDUCATION_MEDIUM);
    assert_int_equal(code(&vocab_education, "moyen"), EDUCATION_MEDIUM);
    assert_int_equal(code(&vocab_education, "hoog"), EDUCATION_HIGH);
    assert_int_equal(code(&vocab_education, "\xC3\xA9lev\xC3\xA9"), EDUCATION_HIGH);
    assert_int_equal(code(&vocab_answer, "ja"), ANSWER_YES);
    assert_int_equal(code(&vocab_answer, "OUI"), ANSWER_YES);
    assert_int_equal(code(&vocab_answer, "nee"), ANSWER_NO);
    assert_int_equal(code(&vocab_answer, "neen"), ANSWER_NO);
    assert_int_equal(code(&vocab_answer, "non"), ANSWER_NO);
    assert_int_equal(code(&vocab_answer, "onbekend"), ANSWER_UNKNOWN);
    assert_int_equal(code(&vocab_answer, "inconnu"), ANSWER_UNKNOWN);
    assert_int_equal(code(&vocab_yesno, "Ja"), 0);
    assert_int_equal(code(&vocab_yesno, "non"), 1);
    assert_int_equal(code(&vocab_shift, "dag"), SHIFT_DAY);
    assert_int_equal(code(&vocab_shift, "jour"), SHIFT_DAY);
    assert_int_equal(code(&vocab_shift, "nacht"), SHIFT_NIGHT);
    assert_int_equal(code(&vocab_shift, "nuit"), SHIFT_NIGHT);
    assert_int_equal(code(&vocab_shift, "wisselend"), SHIFT_ROTATING);
    assert_int_equal(code(&vocab_shift, "ploegen"), SHIFT_ROTATING);
    assert_int_equal(code(&vocab_shift, "alternant"), SHIFT_ROTATING);
    /* a word belongs to its own vocabulary only */
    assert_int_equal(code(&vocab_gender, "ja"), -1);
    assert_int_equal(code(&vocab_yesno, "onbekend"), -1);
    assert_int_equal(code(&vocab_gender, "vrouwen"), -1);
    assert_int_equal(code(&vocab_gender, ""), -1);
    assert_int_equal(code(&vocab_category, "employe"), -1);
    assert_string_equal(code_aliases(&vocab_gender, GENDER_F), "v, vrouw, femme");
    assert_string_equal(code_aliases(&vocab_gender, GENDER_X), "");
}

/* The templates explain exactly the columns the import reads. */
static void test_column_table_matches_the_formats(void **state)
{
    (void)state;
    const char *const *names[IMPORT_KINDS] = {employee_columns, activity_columns,
                                              learning_columns, funding_columns,
                                              competence_columns, profile_columns,
                                              assessment_columns,
                                              mentor_columns};
    for (int k = 0; k < IMPORT_KINDS; k++) {
        const import_column *c = import_columns((import_kind)k);
        size_t i = 0;
        for (; names[k][i]; i++) {
            assert_non_null(c[i].name);
            assert_string_equal(c[i].name, names[k][i]);
            assert_non_null(c[i].meaning);
            assert_true(c[i].codes || c[i].allowed);
            assert_true(!c[i].required || *c[i].example); /* the example row imports */
        }
        assert_null(c[i].name);
    }
    str s = STR_INIT;
    assert_true(import_column_allowed(&import_columns(IMPORT_EMPLOYEES)[EC_GENDER], &s));
    assert_string_equal(str_cstr(&s), "F (v, vrouw, femme), M (man, h, homme), X");
    str_free(&s);
}

/* A text cell that a spreadsheet would run is written as text; reading takes
 * exactly that guard off again; numbers are never guarded. */
static void test_formula_guard(void **state)
{
    (void)state;
    static const char *const texts[] = {"=HYPERLINK(\"http://x\",\"y\")", "+32 3 123", "-dash",
                                        "@SUM(A1)", "\tTab", "\rCR", "'=already", "''+two",
                                        "'plain", "plain", "a=b", "", "'"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        str out = STR_INIT;
        assert_true(csv_put_text(&out, texts[i], ','));
        if (!*texts[i]) {
            assert_int_equal(out.len, 0);
            str_free(&out);
            continue;
        }
        /* read it back as the import does */
        csv_reader r;
        char *buf = strdup(str_cstr(&out));
        csv_open(&r, buf, strlen(buf));
        assert_int_equal(csv_next(&r), 1);
        const char *p = r.fields[0].p;
        size_t n = r.fields[0].len;
        bool guarded = csv_unguard(&p, &n);
        assert_int_equal(n, strlen(texts[i]));
        assert_memory_equal(p, texts[i], n);
        bool dangerous = i < 8;
        assert_int_equal(guarded, dangerous);
        if (dangerous)
            assert_int_equal(r.fields[0].p[0], '\'');
        csv_close(&r);
        free(buf);
        str_free(&out);
    }
    cell cells[3] = {cell_number(-500, 2), cell_text("-5"), cell_money(-1250)};
    str row = STR_INIT;
    assert_true(table_csv_row(&row, cells, 3, ','));
    assert_string_equal(str_cstr(&row), "-5,'-5,-12.5\r\n");
    str_free(&row);
}

static void test_excel_serial_dates(void **state)
{
    (void)state;
    date_t d;
    char text[DATE_TEXT_SIZE];
    assert_true(xlsx_serial_date(28919, false, &d)); /* Excel shows 5/03/1979 */
    date_format(d, text);
    assert_string_equal(text, "1979-03-05");
    assert_true(xlsx_serial_date(46357.75, false, &d)); /* a time of day is dropped */
    date_format(d, text);
    assert_string_equal(text, "2026-12-01");
    assert_true(xlsx_serial_date(61, false, &d)); /* after Excel's 29/02/1900 */
    date_format(d, text);
    assert_string_equal(text, "1900-03-01");
    assert_true(xlsx_serial_date(59, false, &d));
    date_format(d, text);
    assert_string_equal(text, "1900-02-28");
    assert_true(xlsx_serial_date(27457, true, &d)); /* the 1904 system */
    date_format(d, text);
    assert_string_equal(text, "1979-03-05");
    assert_false(xlsx_serial_date(0, false, &d));
    assert_false(xlsx_serial_date(-3, false, &d));
    assert_false(xlsx_serial_date(1e12, false, &d));
}

/* Adds NAME holding TEXT, stored without compression so that mutations hit
 * the XML itself. */
static void add_stored(zip_t *z, const char *name, const char *text)
{
    zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
    assert_non_null(src);
    zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    assert_true(i >= 0);
    assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0), 0);
}

/* A small workbook with every kind of cell, as bytes (heap), length in *N. */
static char *small_workbook(size_t *n)
{
    char path[] = "/tmp/groeipad-fuzz-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &err);
    assert_non_null(z);
    add_stored(z, "xl/workbook.xml", "<workbook><workbookPr date1904=\"0\"/><sheets><sheet "
                                     "r:id=\"rId1\"/></sheets></workbook>");
    add_stored(z, "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
                                               "Target=\"/xl/worksheets/s.xml\"/></Relationships>");
    add_stored(z, "xl/styles.xml", "<styleSheet><numFmts><numFmt numFmtId=\"170\" "
                                   "formatCode=\"d/m/yyyy\"/></numFmts><cellXfs><xf numFmtId=\"0\"/>"
                                   "<xf numFmtId=\"170\"/></cellXfs></styleSheet>");
    add_stored(z, "xl/sharedStrings.xml", "<sst><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t>"
                                          "</r></si></sst>");
    add_stored(z, "xl/worksheets/s.xml",
               "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" "
               "t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>40000</v></c>"
               "<c r=\"B2\" t=\"b\"><v>1</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>x</t></is>"
               "</c><c r=\"D2\" t=\"e\"><v>#N/A</v></c><c r=\"E2\"><v>0.1</v></c></row>"
               "</sheetData></worksheet>");
    assert_int_equal(zip_close(z), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *data = malloc(65536);
    *n = fread(data, 1, 65536, f);
    fclose(f);
    unlink(path);
    return data;
}

/* Reads every row of the workbook in DATA; the number of rows, or -1 when
 * it was refused. */
static int read_all(char *data, size_t n, csv_reader *r, const char **first_cell)
{
    const char *why;
    xlsx_reader *x = xlsx_open(data, n, r, &why);
    if (!x) {
        assert_non_null(why);
        return -1;
    }
    int rows = 0, rc;
    while ((rc = csv_next(r)) > 0) {
        if (rows == 1 && first_cell && r->nfields >= 5)
            *first_cell = r->fields[0].len == 10 ? "date" : "other";
        for (size_t i = 0; i < r->nfields; i++)
            for (size_t k = 0; k < r->fields[i].len; k++)
                (void)(volatile char)r->fields[i].p[k]; /* every byte readable */
        rows++;
    }
    assert_true(rc == 0 || (rc < 0 && r->error));
    csv_close(r);
    xlsx_close(x);
    return rc < 0 ? -1 : rows;
}

/* The workbook reader on damaged input: refused or read, never a crash or an
 * out-of-bounds read (run under ASan by make sanitize). */
static void test_xlsx_reader_survives_damage(void **state)
{
    (void)state;
    size_t n;
    char *good = small_workbook(&n);
    csv_reader r;
    const char *first = NULL;
    assert_int_equal(read_all(good, n, &r, &first), 2);
    assert_string_equal(first, "date");
    char *copy = malloc(n);
    unsigned seed = 7;
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, good, n);
        size_t len = n;
        int flips = 1 + (int)(rand_r(&seed) % 8);
        for (int i = 0; i < flips; i++) {
            size_t at = (size_t)rand_r(&seed) % n;
            static const char bytes[] = "<>/\"=&;0129AZrcvts \xff\x00";
            copy[at] = rand_r(&seed) % 2 ? (char)rand_r(&seed)
                                         : bytes[(size_t)rand_r(&seed) % (sizeof bytes - 1)];
        }
        if (round % 10 == 0)
            len = (size_t)rand_r(&seed) % n;
        read_all(copy, len, &r, NULL);
    }
    free(copy);
    free(good);
}

/* The learning record's words as the pages show them in Dutch and French. */
/* The words with an accent also as macOS writes them, decomposed: a letter
 * then a combining accent (e + U+0301), in any case. */
static void test_decomposed_accents(void **state)
{
    (void)state;
    assert_int_equal(code(&vocab_category, "employe\xCC\x81"), CATEGORY_WHITE_COLLAR);
    assert_int_equal(code(&vocab_category, "EMPLOYE\xCC\x81"), CATEGORY_WHITE_COLLAR);
    assert_int_equal(code(&vocab_contract, "E\xCC\x81tudiant"), CONTRACT_STUDENT);
    assert_int_equal(code(&vocab_education, "e\xCC\x81leve\xCC\x81"), EDUCATION_HIGH);
    assert_int_equal(code(&vocab_education, "E\xCC\x81LEVE\xCC\x81"), EDUCATION_HIGH);
    assert_int_equal(code(&vocab_education, "e\xCC\x81lev\xC3\xA9"), EDUCATION_HIGH);
    /* another accent is another word; a lone combining mark stays itself */
    assert_int_equal(code(&vocab_category, "employe\xCC\x80"), -1);
    assert_int_equal(code(&vocab_category, "\xCC\x81" "employe"), -1);
    assert_int_equal(code(&vocab_category, "employe\xCC"), -1);
}

/* A log keeps every problem of the first IMPORT_MAX_ROWS bad rows, of any
 * file and in any order (a file's manager checks come after its rows), and
 * counts the rest; a rewind forgets the rows after the mark too. */
static void test_problem_log_keeps_rows(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    import_log log;
    import_log_init(&log, &a);
    log.file = "a.csv";
    for (long line = 2; line < 82; line++) {
        import_problem_add(&log, line, "gender", "Q", 1, "%s", "F, M or X");
        import_problem_add(&log, line, "fte", "2", 1, "%s", "at most 1");
    }
    size_t kept = log.kept, total = log.total;
    assert_int_equal(kept, 160);
    log.file = "b.csv";
    for (long line = 2; line < 52; line++)
        import_problem_add(&log, line, "hours", "0", 1, "more than %d", 0);
    assert_int_equal(log.nrows, IMPORT_MAX_ROWS);
    assert_int_equal(log.kept, 180);   /* b.csv's first 20 rows */
    assert_int_equal(log.total, 210);
    assert_string_equal(log.problems[179].expected, "more than 0");
    assert_int_equal(log.problems[179].line, 21);
    log.file = "a.csv"; /* a later check of a row kept already is kept */
    import_problem_add(&log, 40, "manager_id", "ZZ", 2, "%s", "someone known");
    assert_int_equal(log.kept, 181);
    import_problem_add(&log, 90, "manager_id", "ZZ", 2, "%s", "someone known");
    assert_int_equal(log.kept, 181);
    assert_int_equal(log.total, 212);
    import_log_rewind(&log, kept, total);
    assert_int_equal(log.nrows, 80);
    import_problem_add(&log, 90, "manager_id", "ZZ", 2, "%s", "someone known");
    assert_int_equal(log.kept, 161);
    arena_free(&a);
}

static void test_learning_words_as_pages_show_them(void **state)
{
    (void)state;
    assert_int_equal(code(&vocab_type, "Formeel"), TYPE_FORMAL);
    assert_int_equal(code(&vocab_type, "informelle"), TYPE_INFORMAL);
    assert_int_equal(code(&vocab_result, "voltooid"), RESULT_COMPLETED);
    assert_int_equal(code(&vocab_result, "Niet geslaagd"), RESULT_FAILED);
    assert_int_equal(code(&vocab_result, "\xc3\x89" "chou\xc3\xa9"), RESULT_FAILED);
    assert_int_equal(code(&vocab_result, "en cours"), RESULT_ONGOING);
    assert_int_equal(code(&vocab_form, "Peterschap"), 5);
    assert_int_equal(code(&vocab_form, "Congr\xc3\xa8s"), 10);
    assert_int_equal(code(&vocab_form, "zelfstudie"), 11);
    assert_int_equal(code(&vocab_type, "voltooid"), -1); /* a word of another list */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_in_three_languages),
        cmocka_unit_test(test_learning_words_as_pages_show_them),
        cmocka_unit_test(test_decomposed_accents),
        cmocka_unit_test(test_problem_log_keeps_rows),
        cmocka_unit_test(test_column_table_matches_the_formats),
        cmocka_unit_test(test_formula_guard),
        cmocka_unit_test(test_excel_serial_dates),
        cmocka_unit_test(test_xlsx_reader_survives_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
