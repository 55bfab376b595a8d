/* test_util.c - dates, decimals, rounding, CSV, growable strings, i18n. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "util/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/csv.h"
#include "util/date.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/jsonw.h"
#include "util/str.h"
#include "util/text.h"
#include "util/locale_fmt.h"

static date_t parse(const char *s)
{
    date_t d;
    assert_true(date_parse(s, strlen(s), &d));
    return d;
}

static void test_date_formats(void **state)
{
    (void)state;
    char buf[DATE_TEXT_SIZE];
    assert_int_equal(parse("2024-02-29"), parse("29/02/2024"));
    date_format(parse("31/12/2025"), buf);
    assert_string_equal(buf, "2025-12-31");
    date_t d;
    assert_false(date_parse("31/02/2025", 10, &d));
    assert_false(date_parse("2025-02-29", 10, &d)); /* not a leap year */
    assert_false(date_parse("2100-02-29", 10, &d)); /* centuries are not */
    assert_true(date_parse("2000-02-29", 10, &d));  /* but 400s are */
    assert_false(date_parse("2025-13-01", 10, &d));
    assert_false(date_parse("2025-1-01", 9, &d));
    assert_false(date_parse("2025/01/01", 10, &d));
    assert_false(date_parse("1/1/20255", 9, &d));
    assert_false(date_parse("5/03-1979", 9, &d)); /* two different separators */
    assert_false(date_parse("123/03/1979", 11, &d));
    assert_false(date_parse("5//1979", 7, &d));
    /* what Belgian Excel writes: one or two digits for day and month */
    static const char *const belgian[] = {"5/03/1979", "05/03/1979", "5-3-1979", "5.03.1979",
                                          "05-03-1979", "5.3.1979", "05/3/1979"};
    for (size_t i = 0; i < sizeof belgian / sizeof *belgian; i++) {
        assert_int_equal(date_read(belgian[i], strlen(belgian[i]), &d), DATE_READ_OK);
        assert_int_equal(d, parse("1979-03-05"));
    }
    assert_int_equal(date_read("1/12/2026", 9, &d), DATE_READ_OK);
    assert_int_equal(d, parse("2026-12-01"));
    assert_int_equal(date_read("5/03/79", 7, &d), DATE_READ_SHORT_YEAR);
    assert_int_equal(date_read("5-3-79", 6, &d), DATE_READ_SHORT_YEAR);
    assert_int_equal(date_read("31/02/2025", 10, &d), DATE_READ_NO_SUCH_DAY);
    assert_int_equal(date_read("5/13/2025", 9, &d), DATE_READ_SYNTAX);
    assert_false(date_parse("2025/01/01", 10, &d));
    assert_false(date_parse("", 0, &d));
    assert_int_equal(parse("1970-01-01"), 0);
    assert_int_equal(parse("1970-01-02") - parse("1969-12-31"), 2);
    date_format(DATE_NONE, buf);
    assert_string_equal(buf, "");
}

static void test_months_in_year(void **state)
{
    (void)state;
    /* whole year */
    assert_int_equal(date_months_employed(parse("2020-05-01"), DATE_NONE, 2025), 12);
    /* hired on the last day of March: March counts whole */
    assert_int_equal(date_months_employed(parse("2025-03-31"), DATE_NONE, 2025), 10);
    /* left on the first of June: June counts */
    assert_int_equal(date_months_employed(parse("2020-01-01"), parse("2025-06-01"), 2025), 6);
    /* hired and left in the same month */
    assert_int_equal(date_months_employed(parse("2025-02-10"), parse("2025-02-20"), 2025), 1);
    /* left before the year, hired after it */
    assert_int_equal(date_months_employed(parse("2020-01-01"), parse("2024-12-31"), 2025), 0);
    assert_int_equal(date_months_employed(parse("2026-01-01"), DATE_NONE, 2025), 0);
    /* hired on the last day of the year */
    assert_int_equal(date_months_employed(parse("2025-12-31"), DATE_NONE, 2025), 1);
    assert_true(date_employed_on(parse("2025-01-01"), parse("2025-01-01"), parse("2025-01-01")));
    assert_false(date_employed_on(parse("2025-01-02"), DATE_NONE, parse("2025-01-01")));
}

static void test_add_months_and_age(void **state)
{
    (void)state;
    char buf[DATE_TEXT_SIZE];
    date_format(date_add_months(parse("2024-01-31"), 1), buf);
    assert_string_equal(buf, "2024-02-29");
    date_format(date_add_months(parse("2025-01-31"), 1), buf);
    assert_string_equal(buf, "2025-02-28");
    date_format(date_add_months(parse("2025-11-15"), 14), buf);
    assert_string_equal(buf, "2027-01-15");
    assert_int_equal(date_age_on(parse("2000-12-31"), parse("2025-12-31")), 25);
    assert_int_equal(date_age_on(parse("2001-01-01"), parse("2025-12-31")), 24);
    assert_int_equal(date_age_on(parse("2000-02-29"), parse("2025-02-28")), 24);
}

static decimal_status dec(const char *s, int scale, int64_t *v)
{
    return decimal_parse(s, strlen(s), scale, v);
}

static void test_decimal_parse(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(dec("12", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 1200);
    assert_int_equal(dec("12.5", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 1250);
    assert_int_equal(dec("12,5", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 1250);
    assert_int_equal(dec("1.234,56", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 123456);
    assert_int_equal(dec("1,234.56", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 123456);
    assert_int_equal(dec("1.234.567", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 123456700);
    assert_int_equal(dec("0,8", 4, &v), DECIMAL_OK);
    assert_int_equal(v, 8000);
    assert_int_equal(dec("0.1234", 4, &v), DECIMAL_OK);
    assert_int_equal(v, 1234);
    assert_int_equal(dec("-3,25", 2, &v), DECIMAL_OK);
    assert_int_equal(v, -325);
    /* one mark and three digits: thousands where two decimals are the most */
    assert_int_equal(dec("2.000", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 200000);
    assert_int_equal(dec("1.500", 0, &v), DECIMAL_OK);
    assert_int_equal(v, 1500);
    /* a lone comma is the decimal mark: 7,555 hours is too precise, not 7555 */
    assert_int_equal(dec("7,555", 2, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("1,500", 0, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("0.125", 2, &v), DECIMAL_TOO_PRECISE); /* a lone 0 groups nothing */
    assert_int_equal(dec("2000.125", 2, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("0,800", 4, &v), DECIMAL_OK); /* FTE: the mark is decimal */
    assert_int_equal(v, 8000);
    assert_int_equal(dec("1.000", 4, &v), DECIMAL_OK);
    assert_int_equal(v, 10000);
    assert_int_equal(dec("2.000,50", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 200050);
    assert_int_equal(dec("2000.5", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 200050);
    /* spaces group thousands: plain, no-break (U+00A0) and narrow (U+202F) */
    assert_int_equal(dec("2 000", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 200000);
    assert_int_equal(dec("1\xC2\xA0" "234,56", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 123456);
    assert_int_equal(dec("12\xE2\x80\xAF" "345.6", 2, &v), DECIMAL_OK);
    assert_int_equal(v, 1234560);
    assert_int_equal(dec("1 234 567", 0, &v), DECIMAL_OK);
    assert_int_equal(v, 1234567);
    assert_int_equal(dec("12 34", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("1 234.5 6", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("1 234.567,5", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("2 000,505", 2, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("1.234", 3, &v), DECIMAL_OK); /* three decimals allowed: decimal */
    assert_int_equal(v, 1234);
    assert_int_equal(dec("0.12345", 4, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("1.5", 0, &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(dec("12,34,5", 2, &v), DECIMAL_SYNTAX);  /* groups not by three */
    assert_int_equal(dec("1.23,45.6", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("1,2.345,6", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("12.", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("-", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("1e3", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec(" 12", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("€12", 2, &v), DECIMAL_SYNTAX);
    assert_int_equal(dec("99999999999999999999", 2, &v), DECIMAL_RANGE);
}

static decimal_status money(const char *s, int64_t *v)
{
    return decimal_parse_money(s, strlen(s), v);
}

/* Money cells as Excel and LibreOffice save them "as displayed". */
static void test_money_parse(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(money("950,00 \xE2\x82\xAC", &v), DECIMAL_OK);
    assert_int_equal(v, 95000);
    assert_int_equal(money("\xE2\x82\xAC 1.234,56", &v), DECIMAL_OK);
    assert_int_equal(v, 123456);
    assert_int_equal(money("4.350,00\xC2\xA0\xE2\x82\xAC", &v), DECIMAL_OK);
    assert_int_equal(v, 435000);
    assert_int_equal(money("EUR 12,50", &v), DECIMAL_OK);
    assert_int_equal(v, 1250);
    assert_int_equal(money("12,50 eur", &v), DECIMAL_OK);
    assert_int_equal(v, 1250);
    assert_int_equal(money("\xE2\x82\xAC" "2.000", &v), DECIMAL_OK);
    assert_int_equal(v, 200000);
    assert_int_equal(money("1234.5", &v), DECIMAL_OK);
    assert_int_equal(v, 123450);
    assert_int_equal(money("\xE2\x82\xAC", &v), DECIMAL_SYNTAX);
    assert_int_equal(money("EUR", &v), DECIMAL_SYNTAX);
    assert_int_equal(money("1234,505 \xE2\x82\xAC", &v), DECIMAL_TOO_PRECISE);
    assert_int_equal(money("\xE2\x82\xAC 12 \xE2\x82\xAC", &v), DECIMAL_SYNTAX);
    assert_int_equal(money("$ 12", &v), DECIMAL_SYNTAX);
    /* hours and FTE take no currency */
    assert_int_equal(dec("12 \xE2\x82\xAC", 2, &v), DECIMAL_SYNTAX);
}

static void test_rounding(void **state)
{
    (void)state;
    assert_int_equal(div_round(5, 2), 3);
    assert_int_equal(div_round(-5, 2), -3);
    assert_int_equal(div_round(4, 3), 1);
    assert_int_equal(div_round(-4, 3), -1);
    assert_int_equal(div_round(15, 10), 2);
    assert_int_equal(div_round(14, 10), 1);
    char buf[32];
    assert_true(decimal_format(12345, 4, 2, buf, sizeof buf)); /* 1.2345 */
    assert_string_equal(buf, "1.23");
    assert_true(decimal_format(12350, 4, 2, buf, sizeof buf)); /* 1.2350: half up */
    assert_string_equal(buf, "1.24");
    assert_true(decimal_format(-12350, 4, 2, buf, sizeof buf)); /* away from zero */
    assert_string_equal(buf, "-1.24");
    assert_true(decimal_format(-4, 4, 2, buf, sizeof buf)); /* no "-0.00" */
    assert_string_equal(buf, "0.00");
    assert_true(fraction_format(1, 3, 4, buf, sizeof buf));
    assert_string_equal(buf, "0.3333");
    assert_true(fraction_format(2, 3, 4, buf, sizeof buf));
    assert_string_equal(buf, "0.6667");
    assert_true(fraction_format(1, 8, 2, buf, sizeof buf)); /* 0.125 */
    assert_string_equal(buf, "0.13");
    assert_true(fraction_format(7, 1, 0, buf, sizeof buf));
    assert_string_equal(buf, "7");
    assert_false(decimal_format(123456789, 2, 2, buf, 4)); /* does not fit: says so */
}

static void test_csv_reader(void **state)
{
    (void)state;
    char text[] = "\xEF\xBB\xBF" "a;b;c\r\n1;\"x;y\";\"line\nbreak\"\r\n\r\n2;\"say \"\"hi\"\"\";\n";
    csv_reader r;
    csv_open(&r, text, strlen(text));
    assert_int_equal(r.sep, ';');
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 3);
    assert_int_equal(r.record_line, 1);
    assert_memory_equal(r.fields[0].p, "a", 1);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 2);
    assert_int_equal(r.fields[1].len, 3);
    assert_memory_equal(r.fields[1].p, "x;y", 3);
    assert_memory_equal(r.fields[2].p, "line\nbreak", 10);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 5); /* the blank line 4 is skipped */
    assert_int_equal(r.nfields, 3);
    assert_memory_equal(r.fields[1].p, "say \"hi\"", 8);
    assert_int_equal(r.fields[2].len, 0);
    assert_int_equal(csv_next(&r), 0);
    csv_close(&r);

    /* Excel's "sep=" line names the separator, even one the header uses
     * less than another, and is not a record; lines count from it. */
    char hinted[] = "\xEF\xBB\xBF" "SEP=;\r\nname,x;note\n\"a,b\";2\n";
    csv_open(&r, hinted, strlen(hinted));
    assert_int_equal(r.sep, ';');
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 2);
    assert_int_equal(r.nfields, 2);
    assert_memory_equal(r.fields[0].p, "name,x", 6);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 3);
    assert_memory_equal(r.fields[0].p, "a,b", 3);
    assert_int_equal(csv_next(&r), 0);
    csv_close(&r);
    /* lines that end with a lone CR (old Mac files), the hint's too */
    char mac[] = "sep=;\rname;x\ra;2\r";
    csv_open(&r, mac, strlen(mac));
    assert_int_equal(r.sep, ';');
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 2);
    assert_memory_equal(r.fields[0].p, "name", 4);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.record_line, 3);
    assert_int_equal(r.nfields, 2);
    assert_memory_equal(r.fields[1].p, "2", 1);
    assert_int_equal(csv_next(&r), 0);
    csv_close(&r);
    /* a "sep=" of a letter or a byte no spreadsheet separates by is a header */
    char letter[] = "sep=x\na,b\n";
    csv_open(&r, letter, strlen(letter));
    assert_int_equal(r.sep, ',');
    assert_int_equal(csv_next(&r), 1);
    assert_memory_equal(r.fields[0].p, "sep=x", 5);
    csv_close(&r);
    /* "sep=" followed by more is an ordinary header */
    char header[] = "sep=;x,y\n1,2\n";
    csv_open(&r, header, strlen(header));
    assert_int_equal(r.sep, ',');
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 2);
    csv_close(&r);

    char bad[] = "a,b\n1,\"open\n";
    csv_open(&r, bad, strlen(bad));
    assert_int_equal(r.sep, ',');
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(csv_next(&r), -1);
    assert_non_null(r.error);
    csv_close(&r);

    str out = STR_INIT;
    csv_put_field(&out, "plain", ',');
    str_putc(&out, ',');
    csv_put_field(&out, "a,\"b\"", ',');
    assert_string_equal(str_cstr(&out), "plain,\"a,\"\"b\"\"\"");
    str_free(&out);
}

static void test_str(void **state)
{
    (void)state;
    str s = STR_INIT;
    assert_string_equal(str_cstr(&s), "");
    for (int i = 0; i < 1000; i++)
        assert_true(str_printf(&s, "%d,", i));
    assert_int_equal(strncmp(s.p, "0,1,2,", 6), 0);
    assert_true(str_ok(&s));
    char *p = str_steal(&s);
    assert_null(s.p);
    free(p);
    char small[4];
    assert_false(copy_text(small, sizeof small, "toolong"));
    assert_string_equal(small, "");
    assert_true(copy_text(small, sizeof small, "abc"));
}

static void test_json_writer(void **state)
{
    (void)state;
    str out = STR_INIT;
    jsonw w;
    jw_init(&w, &out, false);
    jw_object(&w);
    jw_key(&w, "text");
    jw_string(&w, "a \"quote\", a \\ and a\nline\x01");
    jw_key(&w, "list");
    jw_array(&w);
    jw_fraction(&w, 1250, 100, 2);   /* 12.50 is written 12.5 */
    jw_fraction(&w, 1, 3, 4);
    jw_fraction(&w, 500, 100, 2);    /* 5 */
    jw_fraction(&w, -1, 1000, 2);    /* -0.001 rounds to 0 */
    jw_fraction(&w, 7, 0, 2);        /* no denominator: 0 */
    jw_int(&w, -3);
    jw_null(&w);
    jw_bool(&w, true);
    jw_end(&w);
    jw_key(&w, "empty");
    jw_object(&w);
    jw_end(&w);
    jw_end(&w);
    assert_true(jw_finish(&w));
    assert_string_equal(str_cstr(&out), "{\"text\":\"a \\\"quote\\\", a \\\\ and a\\nline\\u0001\","
                                        "\"list\":[12.5,0.3333,5,0,0,-3,null,true],\"empty\":{}}");
    str_clear(&out);
    jw_init(&w, &out, true);
    jw_object(&w);
    jw_key(&w, "a");
    jw_array(&w);
    jw_int(&w, 1);
    jw_end(&w);
    jw_end(&w);
    assert_true(jw_finish(&w));
    assert_string_equal(str_cstr(&out), "{\n  \"a\": [\n    1\n  ]\n}\n");
    /* an open container is an error */
    str_clear(&out);
    jw_init(&w, &out, false);
    jw_array(&w);
    assert_false(jw_finish(&w));
    str_free(&out);
}

static void test_encodings(void **state)
{
    (void)state;
    assert_true(utf8_valid("plain", 5));
    assert_true(utf8_valid("H\xc3\xa9l\xc3\xa8ne \xe2\x82\xac", 12));
    assert_false(utf8_valid("H\xe9l\xe8ne", 7));           /* Windows-1252 */
    assert_false(utf8_valid("\xc3", 1));                    /* cut short */
    assert_false(utf8_valid("\xc0\xaf", 2));                /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3));            /* a surrogate */
    size_t n;
    char *u = cp1252_to_utf8("H\xe9l\xe8ne \x80 D\x92Hondt", 16, &n);
    assert_non_null(u);
    assert_string_equal(u, "H\xc3\xa9l\xc3\xa8ne \xe2\x82\xac D\xe2\x80\x99Hondt");
    assert_int_equal(n, strlen(u));
    assert_true(utf8_valid(u, n));
    free(u);
}

/* "Did you mean": within two edits (a swap counts as one) and fewer than
 * half the letters; nothing for a word far from every choice. */
static void test_month_names(void **state)
{
    (void)state;
    char out[FMT_SIZE];
    assert_true(fmt_month("nl", 2026, 12, out, sizeof out));
    assert_string_equal(out, "december 2026");
    assert_true(fmt_month("fr", 2027, 2, out, sizeof out));
    assert_string_equal(out, "février 2027");
    assert_true(fmt_month("en", 2027, 5, out, sizeof out));
    assert_string_equal(out, "May 2027");
    assert_false(fmt_month("nl", 2027, 13, out, sizeof out));
    assert_false(fmt_month("nl", 2027, 1, out, 8)); /* "januari 2027" does not fit */
    assert_string_equal(out, "");
}

static void test_utf8_prefix(void **state)
{
    (void)state;
    bool cut = true;
    assert_int_equal(utf8_prefix("abc", 3, 3, &cut), 3);
    assert_false(cut);
    assert_int_equal(utf8_prefix("abcd", 4, 3, &cut), 3);
    assert_true(cut);
    /* "aé": a cut inside the é keeps "a", never half of it */
    assert_int_equal(utf8_prefix("a\xC3\xA9x", 4, 2, &cut), 1);
    assert_true(cut);
    assert_int_equal(utf8_prefix("a\xC3\xA9x", 4, 3, NULL), 3);
    /* a four-byte character at the start, cut anywhere in it: nothing */
    assert_int_equal(utf8_prefix("\xF0\x9F\x98\x80z", 5, 3, &cut), 0);
    assert_true(cut);
}

static void test_closest_word(void **state)
{
    (void)state;
    static const char *const commands[] = {"init", "demo", "report", "restore", "import",
                                           "export", "user", NULL};
    assert_string_equal(text_closest("reprot", commands), "report");
    assert_string_equal(text_closest("improt", commands), "import");
    assert_string_equal(text_closest("exprt", commands), "export");
    assert_string_equal(text_closest("users", commands), "user");
    assert_null(text_closest("frobnicate", commands));
    assert_null(text_closest("us", commands));   /* two of four letters: too far */
    assert_null(text_closest("", commands));
    static const char *const options[] = {"--year", "--format", "--by", NULL};
    assert_string_equal(text_closest("--yaer", options), "--year");
    assert_string_equal(text_closest("--fromat", options), "--format");
    assert_null(text_closest("--colour", options));
}

static void test_i18n(void **state)
{
    (void)state;
    assert_string_equal(i18n_negotiate(NULL), "nl");
    assert_string_equal(i18n_negotiate("fr-BE,fr;q=0.9,en;q=0.8"), "fr");
    assert_string_equal(i18n_negotiate("de-DE,en;q=0.5"), "en");
    assert_string_equal(i18n_negotiate("en;q=0.3, nl-BE;q=0.9"), "nl");
    assert_string_equal(i18n_negotiate("frx"), "nl");
    i18n_set_lang("nl");
    assert_string_equal(_("Log in"), "Aanmelden");
    i18n_set_lang("fr");
    assert_string_equal(_("Log in"), "Se connecter");
    i18n_set_lang("en");
    assert_string_equal(_("Log in"), "Log in");
    assert_string_equal(_("blue_collar"), "blue collar");
    i18n_set_lang("de");
    assert_string_equal(i18n_lang(), "nl");
    assert_string_equal(_("a message nobody translated"), "a message nobody translated");
}

/* The map: short keys kept in the slot and long ones in the arena, values
 * replaced, absent keys, prefixes, and growth past many thousand keys. */
static void test_map(void **state)
{
    (void)state;
    map m = MAP_INIT;
    int64_t v = -1;
    assert_false(map_get(&m, "E001", 4, &v));
    assert_true(map_put(&m, "E001", 4, 1));
    assert_true(map_put(&m, "", 0, 2));
    assert_true(map_put(&m, "12345678", 8, 3));         /* exactly a slot's room */
    assert_true(map_put(&m, "123456789", 9, 4));        /* one byte more: the arena */
    assert_true(map_put(&m, "Opleiding veiligheid", 20, 5));
    assert_true(map_get(&m, "E001", 4, &v) && v == 1);
    assert_true(map_get(&m, "", 0, &v) && v == 2);
    assert_true(map_get(&m, "12345678", 8, &v) && v == 3);
    assert_true(map_get(&m, "123456789", 9, &v) && v == 4);
    assert_true(map_get(&m, "Opleiding veiligheid", 20, &v) && v == 5);
    assert_false(map_get(&m, "E00", 3, &v));             /* a prefix is another key */
    assert_false(map_get(&m, "1234567", 7, &v));
    assert_false(map_get(&m, "E001\0", 5, &v));
    assert_true(map_put(&m, "E001", 4, 10));             /* replaced, not added */
    assert_true(map_get(&m, "E001", 4, &v) && v == 10);
    assert_int_equal(m.count, 5);
    char key[32];
    for (int i = 0; i < 50000; i++) {
        int n = snprintf(key, sizeof key, i % 2 ? "E%07d" : "employee-%d", i);
        assert_true(map_put(&m, key, (size_t)n, i));
    }
    assert_int_equal(m.count, 50005);
    for (int i = 0; i < 50000; i++) {
        int n = snprintf(key, sizeof key, i % 2 ? "E%07d" : "employee-%d", i);
        assert_true(map_get(&m, key, (size_t)n, &v));
        assert_int_equal(v, i);
        n = snprintf(key, sizeof key, i % 2 ? "X%07d" : "employee-%d-", i);
        assert_false(map_get(&m, key, (size_t)n, &v));
    }
    assert_true(map_get(&m, "123456789", 9, &v) && v == 4);
    map_free(&m);
    assert_false(map_get(&m, "E001", 4, &v));
}

/* arena_grow: contents kept and new bytes zeroed across moves, other
 * allocations in between untouched, shrinking allowed, and a pointer the
 * arena did not grow refused. */
static void test_arena_grow(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    int *v = NULL;
    size_t cap = 0;
    char *between[20] = {0};
    for (int i = 0; i < 100000; i++) {
        if ((size_t)i == cap) {
            size_t more = cap ? cap * 2 : 16;
            int *grown = arena_grow(&a, v, cap * sizeof *v, more * sizeof *v);
            assert_non_null(grown);
            for (size_t k = (size_t)i; k < more; k++)
                assert_int_equal(grown[k], 0);
            v = grown;
            cap = more;
            /* Something else in the arena after each move. */
            between[i ? __builtin_ctz((unsigned)i) : 0] = arena_strdup(&a, "kept");
        }
        v[i] = i * 3;
    }
    for (int i = 0; i < 100000; i++)
        assert_int_equal(v[i], i * 3);
    for (size_t k = 0; k < 17; k++)
        if (between[k])
            assert_string_equal(between[k], "kept");
    v = arena_grow(&a, v, cap * sizeof *v, 10 * sizeof *v); /* shrink */
    assert_non_null(v);
    assert_int_equal(v[9], 27);
    char *plain = arena_alloc(&a, 64);
    assert_null(arena_grow(&a, plain + 16, 0, 128));
    arena_free(&a);
    assert_null(a.head);
}

/* The key a department or function name is matched by: case and
 * surrounding spaces (no-break spaces too) do not count; inner ones do. */
static void test_name_key(void **state)
{
    (void)state;
    str a = STR_INIT, b = STR_INIT;
    assert_true(text_name_key(" Logistiek\t", 11, &a));
    assert_true(text_name_key("LOGISTIEK", 9, &b));
    assert_string_equal(str_cstr(&a), "logistiek");
    assert_string_equal(str_cstr(&b), "logistiek");
    assert_true(text_name_key("\xC2\xA0" "EXP\xC3\x89" "DITION \xC3\x97 \xC3\xA9", 19, &a));
    assert_string_equal(str_cstr(&a), "exp\xC3\xA9" "dition \xC3\x97 \xC3\xA9");
    assert_true(text_name_key("Logis tiek", 10, &b));
    assert_string_equal(str_cstr(&b), "logis tiek");
    assert_true(text_name_key("  ", 2, &b));
    assert_string_equal(str_cstr(&b), "");
    str_free(&a);
    str_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_formats),   cmocka_unit_test(test_months_in_year),
        cmocka_unit_test(test_add_months_and_age), cmocka_unit_test(test_decimal_parse), cmocka_unit_test(test_money_parse),
        cmocka_unit_test(test_rounding),       cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_str),            cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_closest_word),   cmocka_unit_test(test_utf8_prefix),
        cmocka_unit_test(test_month_names),      cmocka_unit_test(test_i18n),
        cmocka_unit_test(test_map),            cmocka_unit_test(test_arena_grow),
        cmocka_unit_test(test_name_key),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
