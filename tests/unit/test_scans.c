/* test_scans.c - the scans follow their sources: the readiness scan (seed
 * 003) has 25 statements in five aspects and, apart, five on how managers
 * encourage informal learning; the policy scan (seed 000) has six elements
 * and nothing else. The same statements in every language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/scan.h"
#include "util/embed.h"

typedef struct expected_aspect {
    const char *id;
    size_t statements;
    bool separate;
} expected_aspect;

static const char *const langs[] = {"nl", "fr", "en"};

/* Parses the shipped scan ID in LANG into D; fails the test when it cannot. */
static void load(arena *a, const char *id, const char *lang, scan_def *d)
{
    char name[64];
    snprintf(name, sizeof name, "%s.%s.json", id, lang);
    const struct embedded_file *f = embed_find(embedded_scans, name);
    assert_non_null(f);
    assert_true(scan_parse(a, (const char *)f->data, f->len, d));
}

/* Checks scan ID, in every language, against the aspects of its source and
 * the same statement ids in the same order everywhere. */
static void check_scan(const char *id, const expected_aspect *want, size_t nwant,
                       size_t total)
{
    arena a = ARENA_INIT;
    scan_def nl;
    load(&a, id, "nl", &nl);
    for (size_t l = 0; l < 3; l++) {
        scan_def d;
        load(&a, id, langs[l], &d);
        assert_int_equal(d.naspects, nwant);
        size_t count = 0;
        for (size_t i = 0; i < nwant; i++) {
            const scan_aspect *x = &d.aspects[i];
            if (strcmp(x->id, want[i].id) != 0 || x->n != want[i].statements ||
                x->separate != want[i].separate)
                fail_msg("%s.%s: aspect %zu is %s with %zu statements%s", id, langs[l], i,
                         x->id, x->n, x->separate ? " (apart)" : "");
            assert_true(!x->separate || (x->question && *x->question));
            for (size_t k = 0; k < x->n; k++) {
                assert_string_equal(x->statements[k].id, nl.aspects[i].statements[k].id);
                assert_true(strlen(x->statements[k].text) > 10);
                /* a statement id names its aspect */
                assert_int_equal(strncmp(x->statements[k].id, x->id, strlen(x->id)), 0);
            }
            count += x->n;
        }
        assert_int_equal(count, total);
    }
    /* no statement id twice */
    for (size_t i = 0; i < nl.naspects; i++)
        for (size_t k = 0; k < nl.aspects[i].n; k++)
            for (size_t j = 0; j < nl.naspects; j++)
                for (size_t m = 0; m < nl.aspects[j].n; m++)
                    if ((i != j || k != m) && strcmp(nl.aspects[i].statements[k].id,
                                                     nl.aspects[j].statements[m].id) == 0)
                        fail_msg("%s: %s twice", id, nl.aspects[i].statements[k].id);
    arena_free(&a);
}

static void test_readiness_follows_its_source(void **state)
{
    (void)state;
    static const expected_aspect want[] = {
        {"vision", 4, false},     {"needs", 5, false},     {"planning", 6, false},
        {"organising", 5, false}, {"anchoring", 5, false}, {"informal", 5, true}};
    check_scan("readiness", want, 6, 30);
}

static void test_policy_follows_its_source(void **state)
{
    (void)state;
    /* six elements; the representatives' involvement is advice beside the scan, not in it */
    static const expected_aspect want[] = {
        {"signal", 5, false},      {"offer", 3, false},       {"communication", 3, false},
        {"plan", 3, false},        {"competences", 2, false}, {"strategy", 6, false}};
    check_scan("policy", want, 6, 22);
}

static void test_a_block_apart_needs_its_question(void **state)
{
    (void)state;
    arena a = ARENA_INIT;
    scan_def d;
    const char *with = "{\"id\":\"t\",\"title\":\"T\",\"aspects\":[{\"id\":\"a\",\"title\":\"A\","
                       "\"separate\":true,\"question\":\"Q?\",\"statements\":[{\"id\":\"a.1\","
                       "\"text\":\"one\"}]}]}";
    assert_true(scan_parse(&a, with, strlen(with), &d));
    assert_true(d.aspects[0].separate);
    assert_string_equal(d.aspects[0].question, "Q?");
    const char *without = "{\"id\":\"t\",\"title\":\"T\",\"aspects\":[{\"id\":\"a\",\"title\":"
                          "\"A\",\"separate\":true,\"statements\":[{\"id\":\"a.1\",\"text\":"
                          "\"one\"}]}]}";
    assert_false(scan_parse(&a, without, strlen(without), &d));
    arena_free(&a);
}

/* The learning potential scan follows seed 001's model: broad functions,
 * internal and external control, problems as learning material, the
 * didactic quality of the workplace offer, and apart the three questions of
 * the "keeping up competence" checklist; every aspect suggests an
 * improvement per function. */
static void test_potential_follows_its_source(void **state)
{
    (void)state;
    static const expected_aspect want[] = {
        {"content", 6, false},         {"information", 3, false}, {"social", 4, false},
        {"culture", 3, false},         {"workplace_offer", 5, false}, {"ability", 4, false},
        {"keeping_up", 3, true}};
    check_scan("potential", want, 7, 28);
    arena a = ARENA_INIT;
    for (size_t l = 0; l < 3; l++) {
        scan_def d;
        load(&a, "potential", langs[l], &d);
        assert_true(d.per_function);
        for (size_t i = 0; i < d.naspects; i++)
            assert_true(d.aspects[i].suggestion && strlen(d.aspects[i].suggestion) > 20);
    }
    arena_free(&a);
    /* Fewer than half applies: the suggestion shows. */
    assert_true(scan_suggests(&(aspect_score){1, 3}));
    assert_false(scan_suggests(&(aspect_score){2, 4})); /* exactly half */
    assert_false(scan_suggests(&(aspect_score){0, 0}));
    assert_true(scan_suggests(&(aspect_score){2, 5}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readiness_follows_its_source),
        cmocka_unit_test(test_policy_follows_its_source),
        cmocka_unit_test(test_a_block_apart_needs_its_question),
        cmocka_unit_test(test_potential_follows_its_source),
    };
    return cmocka_run_group_tests_name("scans", tests, NULL, NULL);
}
