/* test_spreadsheets.c - groeipad and real spreadsheets: its XLSX exports read
 * by LibreOffice and by its own import, workbooks as Excel writes them (dates
 * as serial numbers, shared strings), the templates, and no formula carried
 * to a spreadsheet by a CSV export. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include "helpers.h"
#include "store/data.h"
#include "web/router.h"

static const char *const kinds[] = {"employees", "activities", "learning", "funding"};

/* Runs groeipad ARGS on DB and expects exit 0; its output (heap). */
static char *gp_ok(const char *db, const char *args)
{
    char *out;
    int rc = gp(db, args, NULL, &out);
    if (rc != 0)
        fail_msg("groeipad %s: exit %d: %s", args, rc, out);
    return out;
}

/* The CSV export of KIND from DB (heap). */
static char *export_csv(const char *db, const char *kind)
{
    char args[128];
    snprintf(args, sizeof args, "export %s", kind);
    return gp_ok(db, args);
}

/* Our own XLSX export imports back to the same data (dates are serial
 * numbers with a date style there, money has a currency format). */
static void test_own_xlsx_export_imports_back(void **state)
{
    (void)state;
    const char *src = test_path("xl-src.db"), *dst = test_path("xl-dst.db");
    free(gp_ok(src, "demo >/dev/null"));
    for (int i = 0; i < 4; i++) {
        char args[512];
        snprintf(args, sizeof args, "export %s --format xlsx > %s/own-%s.xlsx", kinds[i],
                 test_dir(), kinds[i]);
        free(gp_ok(src, args));
        snprintf(args, sizeof args, "import %s %s/own-%s.xlsx", kinds[i], test_dir(), kinds[i]);
        free(gp_ok(dst, args));
        char *a = export_csv(src, kinds[i]), *b = export_csv(dst, kinds[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

/* True when LibreOffice's soffice is on the PATH. */
static bool have_libreoffice(void)
{
    return run_shell("command -v soffice >/dev/null 2>&1", NULL, NULL) == 0;
}

/* The XLSX export opened by a real spreadsheet (LibreOffice, headless) and
 * saved as CSV "as shown" (money with its currency, as people save it)
 * imports to exactly what the CSV export says. */
static void test_libreoffice_reads_the_xlsx_export(void **state)
{
    (void)state;
    if (!have_libreoffice()) {
        print_message("SKIPPED: LibreOffice (soffice) is not installed; install Debian's "
                      "libreoffice-calc-nogui to open the XLSX export with a real reader\n");
        skip();
    }
    const char *src = test_path("lo-src.db"), *dst = test_path("lo-dst.db");
    free(gp_ok(src, "demo >/dev/null"));
    char args[1024];
    for (int i = 0; i < 4; i++) {
        snprintf(args, sizeof args, "export %s --format xlsx > %s/lo-%s.xlsx", kinds[i],
                 test_dir(), kinds[i]);
        free(gp_ok(src, args));
    }
    /* ';', '"', UTF-8, from line 1; cell contents as shown. The four
     * workbooks in one run of LibreOffice: each start costs seconds. */
    snprintf(args, sizeof args,
             "cd %s && soffice -env:UserInstallation=file://%s/lo-profile --headless "
             "--convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true' "
             "--outdir lo-out lo-%s.xlsx lo-%s.xlsx lo-%s.xlsx lo-%s.xlsx >/dev/null 2>&1",
             test_dir(), test_dir(), kinds[0], kinds[1], kinds[2], kinds[3]);
    assert_int_equal(run_shell(args, NULL, NULL), 0);
    for (int i = 0; i < 4; i++) {
        snprintf(args, sizeof args, "test -s %s/lo-out/lo-%s.csv", test_dir(), kinds[i]);
        assert_int_equal(run_shell(args, NULL, NULL), 0);
        snprintf(args, sizeof args, "import %s %s/lo-out/lo-%s.csv", kinds[i], test_dir(),
                 kinds[i]);
        free(gp_ok(dst, args));
        char *a = export_csv(src, kinds[i]), *b = export_csv(dst, kinds[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    /* and the money really came as shown, with its currency */
    char path[512], *shown;
    snprintf(path, sizeof path, "grep -c '\xE2\x82\xAC' %s/lo-out/lo-learning.csv", test_dir());
    assert_int_equal(run_shell(path, NULL, &shown), 0);
    assert_true(atoi(shown) > 10);
    free(shown);
}

/* Adds member NAME with TEXT to the archive Z. */
static void add_member(zip_t *z, const char *name, const char *text)
{
    char *copy = strdup(text);
    zip_source_t *s = zip_source_buffer(z, copy, strlen(copy), 1);
    assert_non_null(s);
    assert_true(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
}

/* Writes a workbook as Excel does: shared strings, a style table whose
 * styles 1 and 2 show dates (built-in format 14 and a custom "dd/mm/yyyy"),
 * and SHEET as its first sheet. Returns its path. */
static const char *write_workbook(const char *name, const char *strings, const char *sheet)
{
    const char *path = test_path(name);
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    add_member(z, "[Content_Types].xml",
               "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
               "2006/content-types\"/>");
    add_member(z, "xl/workbook.xml",
               "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
               "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
               "officeDocument/2006/relationships\"><workbookPr/><sheets>"
               "<sheet name=\"Personeel\" sheetId=\"1\" r:id=\"rId7\"/>"
               "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>");
    add_member(z, "xl/_rels/workbook.xml.rels",
               "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
               "package/2006/relationships\">"
               "<Relationship Id=\"rId8\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
               "<Relationship Id=\"rId7\" Type=\"worksheet\" Target=\"worksheets/data.xml\"/>"
               "</Relationships>");
    add_member(z, "xl/styles.xml",
               "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
               "spreadsheetml/2006/main\"><numFmts count=\"2\">"
               "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
               "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ [$&#8364;-813]\"/></numFmts>"
               "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
               "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
               "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>");
    add_member(z, "xl/sharedStrings.xml", strings);
    add_member(z, "xl/worksheets/data.xml", sheet);
    /* the second sheet must not be read */
    add_member(z, "xl/worksheets/sheet1.xml",
               "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
               "t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>");
    assert_int_equal(zip_close(z), 0);
    return path;
}

static const char excel_strings[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" count=\"20\" uniqueCount=\"14\">"
    "<si><t>employee_id</t></si><si><t>first_name</t></si><si><t>last_name</t></si>"
    "<si><t>gender</t></si><si><t>birth_date</t></si><si><t>hire_date</t></si>"
    "<si><t>department</t></si><si><t>function</t></si><si><t>category</t></si>"
    "<si><t>contract</t></si><si><t>fte</t></si><si><t>education</t></si>"
    /* 12: rich text in runs, with a phonetic reading that is not text */
    "<si><r><t>Pee</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ters &amp; Co</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
    "<si><t>vrouw</t></si></sst>";

/* Row 1 the header, row 2 shared strings and serial dates in two date
 * styles, row 3 empty, row 5 inline strings, a boolean-free text fte. */
static const char excel_sheet[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v>"
    "</c><c r=\"F1\" t=\"s\"><v>5</v></c><c r=\"G1\" t=\"s\"><v>6</v></c><c r=\"H1\" t=\"s\">"
    "<v>7</v></c><c r=\"I1\" t=\"s\"><v>8</v></c><c r=\"J1\" t=\"s\"><v>9</v></c>"
    "<c r=\"K1\" t=\"s\"><v>10</v></c><c r=\"L1\" t=\"s\"><v>11</v></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>101</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>An</t></is></c>"
    "<c r=\"C2\" t=\"s\"><v>12</v></c><c r=\"D2\" t=\"s\"><v>13</v></c>"
    "<c r=\"E2\" s=\"1\"><v>28919</v></c><c r=\"F2\" s=\"2\"><v>46357.75</v></c>"
    "<c r=\"G2\" t=\"inlineStr\"><is><t>Productie</t></is></c><c r=\"H2\" t=\"str\">"
    "<f>\"Oper\"&amp;\"ator\"</f><v>Operator</v></c><c r=\"I2\" t=\"inlineStr\"><is><t>Arbeider"
    "</t></is></c><c r=\"J2\" t=\"inlineStr\"><is><t>vast</t></is></c>"
    "<c r=\"K2\"><v>0.80000000000000004</v></c><c r=\"L2\" t=\"inlineStr\"><is><t>laag</t></is>"
    "</c></row>"
    "<row r=\"3\"/>"
    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>E102</t></is></c><c r=\"B5\" t=\"inlineStr\">"
    "<is><t>Jan</t></is></c><c r=\"C5\" t=\"inlineStr\"><is><t>Smet</t></is></c>"
    "<c r=\"D5\" t=\"inlineStr\"><is><t>M</t></is></c><c r=\"E5\" t=\"inlineStr\"><is>"
    "<t>5/03/1980</t></is></c><c r=\"F5\" s=\"1\"><v>43466</v></c><c r=\"G5\" t=\"inlineStr\">"
    "<is><t>Verkoop</t></is></c><c r=\"H5\" t=\"inlineStr\"><is><t>Verkoper</t></is></c>"
    "<c r=\"I5\" t=\"inlineStr\"><is><t>bediende</t></is></c><c r=\"J5\" t=\"inlineStr\"><is>"
    "<t>CDD</t></is></c><c r=\"K5\" s=\"3\"><v>1</v></c><c r=\"L5\" t=\"inlineStr\"><is>"
    "<t>hoog</t></is></c></row>"
    "</sheetData></worksheet>";

/* A workbook as Excel writes it imports like the same CSV, with the row
 * numbers of the sheet in the error report. */
static void test_excel_workbook_with_serial_dates(void **state)
{
    (void)state;
    const char *db = test_path("excel-book.db");
    const char *book = write_workbook("staff.xlsx", excel_strings, excel_sheet);
    char args[512];
    snprintf(args, sizeof args, "import employees %s", book);
    char *out = gp_ok(db, args);
    assert_non_null(strstr(out, "2 rows: 2 created"));
    free(out);
    out = export_csv(db, "employees");
    assert_non_null(strstr(out, "\n101,An,Peeters & Co,,F,1979-03-05,2026-12-01,,Productie,"
                                "Operator,blue_collar,permanent,0.8,low,,,,\r\n"));
    assert_non_null(strstr(out, "\nE102,Jan,Smet,,M,1980-03-05,2019-01-01,,Verkoop,Verkoper,"
                                "white_collar,fixed_term,1,high,,,,\r\n"));
    free(out);
    /* a bad cell: its sheet row (5) and its column's header name */
    char bad[sizeof excel_sheet];
    memcpy(bad, excel_sheet, sizeof excel_sheet);
    char *m = strstr(bad, "<t>M</t>");
    assert_non_null(m);
    m[3] = 'Q';
    char *t = strstr(bad, "<t>hoog</t>");
    memcpy(t + 3, "hi!!", 4);
    book = write_workbook("bad.xlsx", excel_strings, bad);
    snprintf(args, sizeof args, "import employees %s 2>&1", book);
    assert_int_equal(gp(test_path("excel-bad.db"), args, NULL, &out), 1);
    assert_non_null(strstr(out, "bad.xlsx:5: column gender: value 'Q': expected one of F|M|X"));
    assert_non_null(strstr(out, "bad.xlsx:5: column education: value 'hi!!'"));
    free(out);
}

/* Something that looks like a workbook but is not: a clear message, and no
 * bytes of the archive in it. */
static void test_unreadable_workbook_says_so(void **state)
{
    (void)state;
    const char *path = write_file("broken.xlsx", "PK\x03\x04 this is not really a zip archive");
    char args[512], *out;
    snprintf(args, sizeof args, "import employees %s 2>&1", path);
    assert_int_equal(gp(test_path("broken.db"), args, NULL, &out), 1);
    assert_non_null(strstr(out, "broken.xlsx:1: expected an Excel workbook (.xlsx)"));
    for (const char *p = out; *p; p++)
        assert_true(*p == '\n' || (unsigned char)*p >= ' ');
    assert_null(strstr(out, "PK"));
    free(out);
}

/* Runs GET TARGET as the admin; the response body or file (heap), its
 * length in *N. */
static char *admin_get(store *db, const char *cookie, const char *target, int *status,
                       size_t *n)
{
    exchange x;
    run_request(&x, db, "GET", target, cookie, NULL, NULL);
    *status = x.resp.status;
    char *data;
    if (x.resp.file) {
        assert_int_equal(fseek(x.resp.file, 0, SEEK_END), 0);
        long len = ftell(x.resp.file);
        rewind(x.resp.file);
        data = malloc((size_t)len + 1);
        assert_int_equal(fread(data, 1, (size_t)len, x.resp.file), (size_t)len);
        *n = (size_t)len;
    } else {
        *n = x.resp.body.len;
        data = malloc(*n + 1);
        memcpy(data, x.resp.body.p, *n);
    }
    data[*n] = '\0';
    exchange_free(&x);
    return data;
}

/* Writes N bytes of DATA to NAME in the test directory; its path. */
static const char *write_bytes(const char *name, const char *data, size_t n)
{
    const char *path = test_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

/* The member NAME of the workbook at PATH (heap), or NULL. */
static char *workbook_member(const char *path, const char *name)
{
    int err;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    char *text = NULL;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(z, name, 0);
        text = calloc(1, st.size + 1);
        assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
        zip_fclose(f);
    }
    zip_discard(z);
    return text;
}

/* Every kind has a template in CSV and XLSX that imports as it is; the
 * workbook explains the columns on a second sheet, and the import page lists
 * the same columns. */
static void test_templates_and_the_column_list(void **state)
{
    (void)state;
    store *db = demo_store(test_path("templates.db"));
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    int status;
    size_t n;
    char *page = admin_get(db, cookie, "/import", &status, &n);
    assert_int_equal(status, 200);
    assert_non_null(strstr(page, "/import/template/learning?format=xlsx"));
    assert_non_null(strstr(page, "<code translate=\"no\">training_leave</code>"));
    assert_non_null(strstr(page, "F (v, vrouw, femme), M (man, h, homme), X"));
    assert_non_null(strstr(page, "permanent (vast, onbepaalde duur, cdi, "
                                 "dur\xc3\xa9" "e ind\xc3\xa9termin\xc3\xa9" "e)"));
    free(page);
    const char *fresh = test_path("from-templates.db");
    for (int k = 0; k < 4; k++) {
        for (int f = 0; f < 2; f++) {
            char target[128], name[64], args[512];
            snprintf(target, sizeof target, "/import/template/%s?format=%s", kinds[k],
                     f ? "xlsx" : "csv");
            char *data = admin_get(db, cookie, target, &status, &n);
            assert_int_equal(status, 200);
            snprintf(name, sizeof name, "template-%s.%s", kinds[k], f ? "xlsx" : "csv");
            const char *path = write_bytes(name, data, n);
            if (!f) {
                assert_memory_equal(data, "\xEF\xBB\xBF", 3);
                assert_non_null(strstr(data, k == 0 ? "employee_id;first_name;" : ";"));
            } else {
                char *strings = workbook_member(path, "xl/sharedStrings.xml");
                assert_non_null(strings);
                /* the explanation in the reader's language (Dutch by default) */
                assert_non_null(strstr(strings, "Toegelaten waarden"));
                if (k == 0)
                    assert_non_null(strstr(strings, "F (v, vrouw, femme)"));
                free(strings);
                char *second = workbook_member(path, "xl/worksheets/sheet2.xml");
                assert_non_null(second);
                free(second);
            }
            free(data);
            /* the example row imports: the learning one once its employee and
             * activity are in, which the earlier kinds' templates made */
            snprintf(args, sizeof args, "import %s %s", kinds[k], path);
            free(gp_ok(fresh, args));
        }
    }
    char *out = export_csv(fresh, "employees");
    assert_non_null(strstr(out, "E100,An,Peeters,an.peeters@example.be,F,1979-03-05,"));
    free(out);
    int bad;
    free(admin_get(db, cookie, "/import/template/nothing?format=csv", &bad, &n));
    assert_int_equal(bad, 404);
    free(admin_get(db, cookie, "/import/template/employees?format=json", &bad, &n));
    assert_int_equal(bad, 404);
    free(cookie);
    store_close(db);
}

/* The upload page takes a workbook too. */
static void test_upload_page_takes_a_workbook(void **state)
{
    (void)state;
    store *db = demo_store(test_path("upload-xlsx.db"));
    char csrf[65];
    char *cookie = login_cookie(db, "admin", "demo-admin", csrf);
    const char *path = write_workbook("upload.xlsx", excel_strings, excel_sheet);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char book[65536];
    size_t n = fread(book, 1, sizeof book, f);
    fclose(f);
    str body = STR_INIT;
    const char *b = "XyZzY";
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", b,
               csrf);
    str_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"employees\"; "
                      "filename=\"staff.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n",
               b);
    str_append(&body, book, n);
    str_printf(&body, "\r\n--%s--\r\n", b);
    exchange x;
    memset(&x, 0, sizeof x);
    assert_true(request_init(&x.req, &x.a, db, "POST", "/import"));
    assert_true(params_parse_cookies(&x.a, &x.req.cookies, cookie));
    x.req.content_type = "multipart/form-data; boundary=XyZzY";
    assert_true(request_parse_multipart(&x.req, x.req.content_type, body.p, body.len));
    response_init(&x.resp);
    router_handle(&x.req, &x.resp);
    assert_int_equal(x.resp.status, 200);
    assert_non_null(strstr(str_cstr(&x.resp.body), "staff.xlsx"));
    exchange_free(&x);
    assert_true(employees_row(db, "E102") > 0);
    str_free(&body);
    free(cookie);
    store_close(db);
}

/* A name that a spreadsheet would run as a formula is exported as text and
 * imports back exactly. */
static void test_csv_export_carries_no_formula(void **state)
{
    (void)state;
    const char *db = test_path("formula.db"), *again = test_path("formula-again.db");
    const char *file = write_file("formula.csv",
        "employee_id,first_name,last_name,email,gender,birth_date,hire_date,department,function,"
        "category,contract,fte,education\n"
        "F1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",-Dash,@home,F,1990-01-01,"
        "2020-01-01,+Sales,''=kept,blue_collar,permanent,1,low\n");
    char args[512];
    snprintf(args, sizeof args, "import employees %s", file);
    free(gp_ok(db, args));
    char *out = export_csv(db, "employees");
    assert_non_null(strstr(out, "F1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","
                                "'-Dash,'@home,F,1990-01-01,2020-01-01,,'+Sales,''=kept,"));
    snprintf(args, sizeof args, "import employees %s", write_file("formula-out.csv", out));
    free(gp_ok(again, args));
    char *back = export_csv(again, "employees");
    assert_string_equal(out, back);
    free(out);
    free(back);
    out = gp_ok(again, "export employees --format json");
    assert_non_null(strstr(out, "\"first_name\":\"=HYPERLINK("));
    assert_non_null(strstr(out, "\"function\":\"'=kept\""));
    free(out);
}

/* LINES with the trailing empty cells a spreadsheet adds to short rows
 * removed and "\r\n" as "\n" (heap). */
static char *without_padding(const char *text)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ','))
            n--;
        memcpy(o, p, n);
        o += n;
        *o++ = '\n';
        p += end ? (size_t)(end - p) + 1 : strlen(p);
    }
    *o = '\0';
    return out;
}

/* The social balance in Excel holds what its CSV holds: the figures, the
 * National Bank codes and the warnings (people of gender X are not in the
 * codes). */
static void test_social_balance_xlsx_has_codes_and_warnings(void **state)
{
    (void)state;
    const char *db = test_path("sb.db");
    free(gp_ok(db, "demo >/dev/null"));
    char *csv = gp_ok(db, "report social-balance --year 2025 --format csv");
    assert_non_null(strstr(csv, "\r\ncode,value\r\n5801,"));
    assert_non_null(strstr(csv, "\r\nwarning\r\n"));
    char args[512];
    snprintf(args, sizeof args, "report social-balance --year 2025 --format xlsx > %s/sb.xlsx",
             test_dir());
    free(gp_ok(db, args));
    char *sheet = workbook_member(test_path("sb.xlsx"), "xl/worksheets/sheet1.xml");
    assert_non_null(sheet);
    assert_non_null(strstr(sheet, "<t>code</t>"));
    assert_non_null(strstr(sheet, "<t>warning</t>"));
    assert_non_null(strstr(sheet, "gender X"));
    free(sheet);
    if (have_libreoffice()) {
        snprintf(args, sizeof args,
                 "cd %s && soffice -env:UserInstallation=file://%s/lo-profile --headless "
                 "--convert-to csv --outdir sb-out sb.xlsx >/dev/null 2>&1 && cat sb-out/sb.csv",
                 test_dir(), test_dir());
        char *read;
        assert_int_equal(run_shell(args, NULL, &read), 0);
        char *a = without_padding(csv), *b = without_padding(read);
        assert_string_equal(a, b);
        free(a);
        free(b);
        free(read);
    } else {
        print_message("LibreOffice (soffice) is not installed: the social balance workbook "
                      "was only checked for its blocks, not opened\n");
    }
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_xlsx_export_imports_back),
        cmocka_unit_test(test_libreoffice_reads_the_xlsx_export),
        cmocka_unit_test(test_excel_workbook_with_serial_dates),
        cmocka_unit_test(test_unreadable_workbook_says_so),
        cmocka_unit_test(test_templates_and_the_column_list),
        cmocka_unit_test(test_upload_page_takes_a_workbook),
        cmocka_unit_test(test_csv_export_carries_no_formula),
        cmocka_unit_test(test_social_balance_xlsx_has_codes_and_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
