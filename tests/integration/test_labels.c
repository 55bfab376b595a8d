/* test_labels.c - every page, for every role, in Dutch and in French, reads
 * in the reader's language: no raw code of a vocabulary, no English message
 * left untranslated, no ISO date in the visible text.
 *
 * The walk finds its pages from each role's header (navigation and account
 * links) plus a list of detail pages, through the router on a demo database.
 * Visible text is the page without tags, attributes, <script> and <style>,
 * and without elements marked translate="no" (logins and other identifiers
 * that are data, not words). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "core/labels.h"
#include "util/embed.h"
#include "util/i18n.h"
#include "util/locale_fmt.h"
#include "web/router.h"

static store *db;

static int setup(void **state)
{
    (void)state;
    db = demo_store(test_path("labels.db"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

/* ---- visible text ---- */

/* Appends the N bytes at S to the growing buffer *OUT. */
static void put(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *out = realloc(*out, *cap);
        assert_non_null(*out);
    }
    memcpy(*out + *len, s, n);
    *len += n;
    (*out)[*len] = '\0';
}

/* The end of the element that starts with the tag at P named NAME (length N):
 * just after its closing tag, or the end of the text. */
static const char *skip_element(const char *p, const char *name, size_t n)
{
    for (const char *q = strstr(p, "</"); q; q = strstr(q + 2, "</"))
        if (strncasecmp(q + 2, name, n) == 0 && q[2 + n] == '>')
            return q + 3 + n;
    return p + strlen(p);
}

/* The visible text of the HTML page (heap): tags become line breaks (so each
 * line is one text node), entities are decoded, script, style and
 * translate="no" elements are left out. */
static char *visible_text(const char *html)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    put(&out, &len, &cap, "", 0);
    for (const char *p = html; *p;) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            if (!end)
                break;
            const char *name = p + 1;
            size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
            bool hidden = n > 0 && ((n == 6 && strncmp(name, "script", 6) == 0) ||
                                    (n == 5 && strncmp(name, "style", 5) == 0));
            const char *no = strstr(p, "translate=\"no\"");
            if (n > 0 && no && no < end)
                hidden = true;
            p = hidden ? skip_element(end + 1, name, n) : end + 1;
            put(&out, &len, &cap, "\n", 1);
            continue;
        }
        if (*p == '&') {
            static const char *const entities[][2] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
            bool done = false;
            for (size_t i = 0; i < 5 && !done; i++)
                if (strncmp(p, entities[i][0], strlen(entities[i][0])) == 0) {
                    put(&out, &len, &cap, entities[i][1], 1);
                    p += strlen(entities[i][0]);
                    done = true;
                }
            if (done)
                continue;
        }
        put(&out, &len, &cap, p, 1);
        p++;
    }
    return out;
}

/* ---- what must not be there ---- */

static bool word_byte(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Where WORD (N bytes) occurs in TEXT as a whole word, or NULL. */
static const char *find_word(const char *text, const char *word, size_t n)
{
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool before = p > text && word_byte((unsigned char)p[-1]) &&
                      word_byte((unsigned char)word[0]);
        bool after = word_byte((unsigned char)p[n]) && word_byte((unsigned char)word[n - 1]);
        if (!before && !after)
            return p;
    }
    return NULL;
}

/* Where WORD (N bytes) is a whole text node of TEXT (a line, spaces and a
 * closing colon aside), or NULL. */
static const char *find_node(const char *text, const char *word, size_t n)
{
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        const char *b = p, *e = p + n;
        while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        while (*e == ' ' || *e == ':' || *e == '\t')
            e++;
        if ((b == text || b[-1] == '\n') && (*e == '\n' || *e == '\0'))
            return p;
    }
    return NULL;
}

/* Where CODE (N bytes) is shown as a word of the interface in TEXT: a whole
 * text node, between quotes, or anywhere when it has an underscore (no
 * language writes one); NULL when it is not. Codes that are also words of
 * prose ("over", "no") are only caught standing alone or quoted, so that the
 * organisation's own texts do not count. */
static const char *find_code(const char *text, const char *code, size_t n)
{
    if (memchr(code, '_', n))
        return find_word(text, code, n);
    const char *at = find_node(text, code, n);
    if (at)
        return at;
    static const char *const quotes[][2] = {
        {"\u201e", "\u201d"}, {"\u201c", "\u201d"}, {"\u00ab ", " \u00bb"}, {"\"", "\""}};
    for (size_t i = 0; i < sizeof quotes / sizeof *quotes; i++) {
        char quoted[128];
        int w = snprintf(quoted, sizeof quoted, "%s%.*s%s", quotes[i][0], (int)n, code,
                         quotes[i][1]);
        if (w > 0 && (size_t)w < sizeof quoted && (at = strstr(text, quoted)))
            return at;
    }
    return NULL;
}

/* A finding: what was found, where, with a little context. */
static int findings;

static void report(const char *lang, const char *role, const char *path, const char *what,
                   const char *text, const char *at)
{
    const char *from = at - (at - text > 40 ? 40 : at - text);
    char context[128];
    snprintf(context, sizeof context, "%.90s", from);
    for (char *c = context; *c; c++)
        if (*c == '\n')
            *c = ' ';
    fprintf(stderr, "[%s %s %s] %s: ...%s...\n", lang, role, path, what, context);
    findings++;
}

/* True when CODE (of any vocabulary) is also a word of the labels of LANG, so
 * that seeing it proves nothing ("mentor", "coaching", "e-learning"). */
static bool code_is_a_word(const char *code)
{
    for (size_t k = 0; labelled_vocabularies[k]; k++)
        for (int i = 0; i < labelled_vocabularies[k]->count; i++) {
            const char *label = i18n_gettext(code_label(labelled_vocabularies[k], i));
            if (find_word(label, code, strlen(code)))
                return true;
        }
    return false;
}

/* Codes of every vocabulary found as whole words in TEXT. */
static void check_codes(const char *lang, const char *role, const char *path, const char *text)
{
    for (size_t k = 0; labelled_vocabularies[k]; k++)
        for (int i = 0; i < labelled_vocabularies[k]->count; i++) {
            const char *code = labelled_vocabularies[k]->names[i];
            if (strlen(code) < 2 || code_is_a_word(code))
                continue;
            const char *at = find_code(text, code, strlen(code));
            if (at) {
                char what[96];
                snprintf(what, sizeof what, "code \"%s\"", code);
                report(lang, role, path, what, text, at);
            }
        }
}

static uint32_t word32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* English left on a Dutch or French page: the message ids that Dutch
 * translates into other words (the ids of nl.mo whose msgstr differs), found
 * in TEXT although LANG's translation does not contain them; so an id that
 * French forgot to translate is found too. Ids with a printf directive are
 * checked by their longest fixed piece. The thread's language must be LANG. */
static void check_english(const char *lang, const char *role, const char *path,
                          const char *text)
{
    const struct embedded_file *mo = embed_find(embedded_catalogs, "nl.mo");
    assert_non_null(mo);
    const unsigned char *d = mo->data;
    uint32_t n = word32(d + 8), orig = word32(d + 12), trans = word32(d + 16);
    for (uint32_t i = 0; i < n; i++) {
        const char *id = (const char *)d + word32(d + orig + 8 * i + 4);
        const char *tr = (const char *)d + word32(d + trans + 8 * i + 4);
        if (!*id || strcmp(id, tr) == 0)
            continue;
        /* The longest piece of the id between printf directives. */
        const char *best = id;
        size_t best_n = 0;
        for (const char *p = id; *p;) {
            size_t k = strcspn(p, "%");
            if (k > best_n) {
                best = p;
                best_n = k;
            }
            p += k;
            if (*p == '%')
                p += 1 + strcspn(p + 1, "sdfuzl%") + 1;
            if (p > id + strlen(id))
                break;
        }
        if (best_n < 2)
            continue;
        /* One short word that is also a code or a word of the translation
         * (or of the data) proves little; the code check covers codes. */
        char piece[256];
        if (best_n >= sizeof piece)
            best_n = sizeof piece - 1;
        memcpy(piece, best, best_n);
        piece[best_n] = '\0';
        if (code_label_any(piece, best_n) || find_word(tr, piece, best_n) ||
            find_word(i18n_gettext(id), piece, best_n))
            continue;
        /* One word is English only standing alone (a heading, a button, a
         * cell): inside prose it may be a word of the language too. */
        const char *at = memchr(piece, ' ', best_n) ? find_word(text, piece, best_n)
                                                    : find_node(text, piece, best_n);
        if (at) {
            char what[320];
            snprintf(what, sizeof what, "English \"%s\"", piece);
            report(lang, role, path, what, text, at);
        }
    }
}

/* ISO dates (YYYY-MM-DD) in TEXT. */
static void check_dates(const char *lang, const char *role, const char *path, const char *text)
{
    for (const char *p = text; *p; p++) {
        if ((p == text || !isalnum((unsigned char)p[-1])) && isdigit((unsigned char)p[0]) &&
            isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
            isdigit((unsigned char)p[3]) && p[4] == '-' && isdigit((unsigned char)p[5]) &&
            isdigit((unsigned char)p[6]) && p[7] == '-' && isdigit((unsigned char)p[8]) &&
            isdigit((unsigned char)p[9]) && !isalnum((unsigned char)p[10]))
            report(lang, role, path, "ISO date", text, p);
    }
}

/* Markup that went through a %s and came out escaped (an attribute given
 * as a value: class=&quot;num&quot;), or text escaped twice, in the page's
 * HTML. The demo's data has no such characters. */
static void check_markup(const char *lang, const char *role, const char *path, const char *html)
{
    static const char *const signs[] = {"=&quot;", "&lt;/", "&amp;amp;", "&amp;quot;",
                                        "&amp;#", "&amp;lt;", NULL};
    for (const char *const *sign = signs; *sign; sign++) {
        const char *at = strstr(html, *sign);
        if (at)
            report(lang, role, path, "escaped markup", html, at);
    }
}

/* ---- the walk ---- */

/* Pages not reached from the header: one of each kind of detail page. */
static const char *const detail_pages[] = {
    "/employees/E002", "/employees/E002/learning", "/employees/E001", "/learning/1",
    "/learning/40", "/my", "/my/log", "/my/right", "/team/right", "/team/claims",
    "/catalogue/edit", "/catalogue/edit?code=HACCP", "/account",
    "/scans/readiness", "/scans/readiness/compare", "/scans/policy", "/scans/policy/compare",
    "/scans/potential", "/scans/potential/compare", "/does-not-exist", NULL};

typedef struct walk {
    char *paths[128];
    int n;
} walk;

static void walk_add(walk *w, const char *path, size_t len)
{
    if (len == 0 || path[0] != '/' || strncmp(path, "/static/", 8) == 0 ||
        strncmp(path, "/export/", 8) == 0 || strncmp(path, "/api/", 5) == 0)
        return;
    for (int i = 0; i < w->n; i++)
        if (strlen(w->paths[i]) == len && strncmp(w->paths[i], path, len) == 0)
            return;
    assert_true(w->n < 128);
    w->paths[w->n++] = strndup(path, len);
}

/* The links of the page's header: the navigation and the account. */
static void walk_header_links(walk *w, const char *html)
{
    const char *start = strstr(html, "<header"), *end = strstr(html, "</header>");
    if (!start || !end)
        return;
    for (const char *p = strstr(start, "href=\""); p && p < end; p = strstr(p, "href=\"")) {
        p += 6;
        walk_add(w, p, strcspn(p, "\"?"));
    }
}

/* Runs GET PATH for COOKIE and checks the page's text; the number of pages
 * checked (0 or 1). */
static int check_page(const char *lang, const char *role, const char *cookie, const char *path)
{
    exchange x;
    run_request(&x, db, "GET", path, cookie, NULL, NULL);
    const char *type = response_get_header(&x.resp, "Content-Type");
    int checked = 0;
    if (x.resp.status != 303 && (!type || strncmp(type, "text/html", 9) == 0) &&
        !x.resp.file) {
        check_markup(lang, role, path, str_cstr(&x.resp.body));
        char *text = visible_text(str_cstr(&x.resp.body));
        check_codes(lang, role, path, text);
        check_english(lang, role, path, text);
        check_dates(lang, role, path, text);
        free(text);
        checked = 1;
    }
    exchange_free(&x);
    return checked;
}

static const char *const roles[][2] = {{"admin", "demo-admin"},
                                       {"manager", "demo-manager"},
                                       {"employee", "demo-employee"},
                                       {"mentor", "demo-mentor"},
                                       {"representative", "demo-representative"}};

/* Walks every role's pages in LANG; the number of findings. */
static int walk_language(const char *lang, int *pages)
{
    findings = 0;
    i18n_set_lang(lang);
    char anon[32];
    snprintf(anon, sizeof anon, "gp_lang=%s", lang);
    *pages += check_page(lang, "anonymous", anon, "/login");
    for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
        char csrf[65];
        char *session = login_cookie(db, roles[r][0], roles[r][1], csrf);
        char cookie[320];
        snprintf(cookie, sizeof cookie, "%s; gp_lang=%s", session, lang);
        exchange x;
        run_request(&x, db, "GET", "/", cookie, NULL, NULL);
        assert_int_equal(x.resp.status, 200);
        walk w = {0};
        walk_add(&w, "/", 1);
        walk_header_links(&w, str_cstr(&x.resp.body));
        exchange_free(&x);
        for (int i = 0; detail_pages[i]; i++)
            walk_add(&w, detail_pages[i], strlen(detail_pages[i]));
        /* The demo's plans: last year evaluated, this year adopted, next year a
         * draft; the figures of last year. */
        int year = date_year(date_today());
        static const char *const per_year[] = {"/plans/%d", "/plans/%d/evaluation",
                                               "/plans/%d/package", "/reports?year=%d",
                                               "/my/right?year=%d", NULL};
        for (int y = year - 1; y <= year + 1; y++)
            for (int k = 0; per_year[k]; k++) {
                char path[64];
                int n = snprintf(path, sizeof path, per_year[k], y);
                walk_add(&w, path, (size_t)n);
            }
        for (int i = 0; i < w.n; i++) {
            *pages += check_page(lang, roles[r][0], cookie, w.paths[i]);
            free(w.paths[i]);
        }
        free(session);
    }
    i18n_set_lang("en");
    return findings;
}

static void test_dutch_pages_read_in_dutch(void **state)
{
    (void)state;
    int pages = 0;
    int found = walk_language("nl", &pages);
    fprintf(stderr, "nl: %d pages, %d findings\n", pages, found);
    assert_true(pages > 60);
    assert_int_equal(found, 0);
}

static void test_french_pages_read_in_french(void **state)
{
    (void)state;
    int pages = 0;
    int found = walk_language("fr", &pages);
    fprintf(stderr, "fr: %d pages, %d findings\n", pages, found);
    assert_true(pages > 60);
    assert_int_equal(found, 0);
}

/* The checks themselves find what they look for. */
static void test_the_checks_see_codes_english_and_iso_dates(void **state)
{
    (void)state;
    i18n_set_lang("nl");
    findings = 0;
    char *text = visible_text("<p>Contract: fixed_term<script>var low=1</script></p>"
                              "<span translate=\"no\">blue_collar</span><td>low</td>"
                              "<p>in de groep \u201elow\u201d en over de rest</p>");
    check_codes("nl", "test", "/", text);
    assert_int_equal(findings, 2);
    free(text);
    findings = 0;
    check_codes("nl", "test", "/", "in de groep \u201elow\u201d en over de rest");
    assert_int_equal(findings, 1);
    findings = 0;
    check_dates("nl", "test", "/", "op 2026-03-05 en 5/03/2026");
    assert_int_equal(findings, 1);
    findings = 0;
    check_english("nl", "test", "/", "Training offer");
    assert_true(findings >= 1);
    findings = 0;
    check_english("nl", "test", "/", "Men zegt\nMen\n");
    assert_int_equal(findings, 1);
    i18n_set_lang("en");
}

/* Numbers, percentages and dates as each language writes them. */
static void test_formatting_follows_the_language(void **state)
{
    (void)state;
    char b[FMT_SIZE];
    assert_true(fmt_number("nl", 123456, 2, 2, b, sizeof b));
    assert_string_equal(b, "1.234,56");
    assert_true(fmt_number("fr", 123456, 2, 2, b, sizeof b));
    assert_string_equal(b, "1\u202f234,56");
    assert_true(fmt_number("en", -123456789, 2, 2, b, sizeof b));
    assert_string_equal(b, "-1,234,567.89");
    assert_true(fmt_number("nl", 999, 0, 0, b, sizeof b));
    assert_string_equal(b, "999");
    assert_true(fmt_number("nl", 100000, 0, 0, b, sizeof b));
    assert_string_equal(b, "100.000");
    assert_true(fmt_percent("nl", 514, 1000, 1, b, sizeof b));
    assert_string_equal(b, "51,4\u00a0%");
    assert_true(fmt_percent("fr", 514, 1000, 1, b, sizeof b));
    assert_string_equal(b, "51,4\u202f%");
    assert_true(fmt_percent("en", 514, 1000, 1, b, sizeof b));
    assert_string_equal(b, "51.4%");
    assert_true(fmt_percent("en", 1, 0, 1, b, sizeof b));
    assert_string_equal(b, "0.0%");
    date_t d = date_from_ymd(2026, 3, 5);
    assert_true(fmt_date("nl", d, b, sizeof b));
    assert_string_equal(b, "5/03/2026");
    assert_true(fmt_date("fr", d, b, sizeof b));
    assert_string_equal(b, "05/03/2026");
    assert_true(fmt_date("en", d, b, sizeof b));
    assert_string_equal(b, "2026-03-05");
    assert_true(fmt_date("nl", DATE_NONE, b, sizeof b));
    assert_string_equal(b, "");
    char tiny[4];
    assert_false(fmt_number("nl", 123456, 2, 2, tiny, sizeof tiny));
    assert_string_equal(tiny, "");
}

/* Plurals follow each language's rule: French counts 0 as singular. */
static void test_plurals_follow_the_language(void **state)
{
    (void)state;
    i18n_set_lang("nl");
    assert_string_equal(P_("staff member", "staff members", 1), "medewerker");
    assert_string_equal(P_("staff member", "staff members", 2), "medewerkers");
    assert_string_equal(P_("staff member", "staff members", 0), "medewerkers");
    i18n_set_lang("fr");
    assert_string_equal(P_("staff member", "staff members", 0), "travailleur");
    assert_string_equal(P_("staff member", "staff members", 2), "travailleurs");
    i18n_set_lang("en");
    assert_string_equal(P_("staff member", "staff members", 1), "employee");
    assert_string_equal(P_("staff member", "staff members", 3), "employees");
}

/* Every code has a label, translated in Dutch and French. */
static void test_every_code_has_a_translated_label(void **state)
{
    (void)state;
    static const char *const langs[] = {"nl", "fr"};
    for (size_t l = 0; l < 2; l++) {
        i18n_set_lang(langs[l]);
        for (size_t k = 0; labelled_vocabularies[k]; k++)
            for (int i = 0; i < labelled_vocabularies[k]->count; i++) {
                const char *label = code_label(labelled_vocabularies[k], i);
                assert_true(*label);
                if (strcmp(i18n_gettext(label), label) == 0 && strcmp(label, "X") != 0 &&
                    strcmp(label, "e_learning") != 0)
                    fprintf(stderr, "%s: \"%s\" keeps its id\n", langs[l], label);
            }
    }
    i18n_set_lang("nl");
    assert_string_equal(_(code_label_of(&vocab_contract, "fixed_term")), "bepaalde duur");
    assert_string_equal(_(code_label_of(&vocab_gender, "F")), "vrouw");
    assert_string_equal(code_label_of(&vocab_gender, "Q"), "Q");
    assert_null(code_label_any("nonsense", 8));
    i18n_set_lang("en");
}

/* A form with mistakes names each field by its label, in the reader's
 * language, and offers a coded field's choices by their labels. */
static void test_form_errors_name_fields_by_their_labels(void **state)
{
    (void)state;
    static const char *const langs[][4] = {
        {"nl", "Begindatum", "Tijdens de werkuren", "voltooid, niet geslaagd of lopend"},
        {"fr", "Date de début", "Pendant le temps de travail", "terminée, non réussie ou en cours"}};
    for (size_t l = 0; l < 2; l++) {
        char csrf[65];
        char *session = login_cookie(db, "admin", "demo-admin", csrf);
        char cookie[320], body[512];
        snprintf(cookie, sizeof cookie, "%s; gp_lang=%s", session, langs[l][0]);
        snprintf(body, sizeof body,
                 "csrf=%s&activity_code=&title=&type=bogus&start_date=31%%2F02%%2F2026"
                 "&end_date=&hours=abc&cost=&subsidy=&working_time=maybe&training_leave=no"
                 "&result=done", csrf);
        exchange x;
        run_request(&x, db, "POST", "/employees/E002/learning", cookie, body, NULL);
        const char *html = str_cstr(&x.resp.body);
        const char *errors = strstr(html, "class=\"error\"");
        assert_non_null(errors);
        char *text = visible_text(errors);
        for (int k = 1; k < 4; k++)
            if (!strstr(text, langs[l][k])) {
                fprintf(stderr, "%s: \"%s\" missing in: %s\n", langs[l][0], langs[l][k], text);
                fail();
            }
        static const char *const internal[] = {"start_date", "working_time", "activity_code",
                                               "completed|failed", "title for", NULL};
        for (int k = 0; internal[k]; k++)
            if (strstr(text, internal[k])) {
                fprintf(stderr, "%s: \"%s\" in: %s\n", langs[l][0], internal[k], text);
                fail();
            }
        free(text);
        exchange_free(&x);
        free(session);
    }
    i18n_set_lang("en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formatting_follows_the_language),
        cmocka_unit_test(test_plurals_follow_the_language),
        cmocka_unit_test(test_every_code_has_a_translated_label),
        cmocka_unit_test(test_the_checks_see_codes_english_and_iso_dates),
        cmocka_unit_test(test_dutch_pages_read_in_dutch),
        cmocka_unit_test(test_french_pages_read_in_french),
        cmocka_unit_test(test_form_errors_name_fields_by_their_labels),
    };
    return cmocka_run_group_tests_name("labels", tests, setup, teardown);
}
