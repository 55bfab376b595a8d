/* i18n.c - a reader for the GNU .mo catalogues compiled into the binary.
 *
 * The .mo format: a header of 32-bit words (magic, revision, count, offset of
 * the original-string table, offset of the translation table), each table a
 * list of (length, offset) pairs; msgfmt sorts the originals, so a binary
 * search finds a message. */
#include "util/i18n.h"
#include "util/embed.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const languages[] = {"nl", "fr", "en"};
static _Thread_local const char *current = I18N_DEFAULT;

int i18n_supported(const char *lang)
{
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (lang && strcmp(lang, languages[i]) == 0)
            return 1;
    return 0;
}

void i18n_set_lang(const char *lang)
{
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (lang && strcmp(lang, languages[i]) == 0) {
            current = languages[i];
            return;
        }
    current = I18N_DEFAULT;
}

const char *i18n_lang(void)
{
    return current;
}

/* The supported language named by the first two letters of TAG, or NULL. */
static const char *match_tag(const char *tag, size_t n)
{
    if (n < 2 || (n > 2 && tag[2] != '-' && tag[2] != '_' && tag[2] != '.'))
        return NULL;
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (strncasecmp(tag, languages[i], 2) == 0)
            return languages[i];
    return NULL;
}

const char *i18n_negotiate(const char *header)
{
    const char *best = I18N_DEFAULT;
    int best_q = -1;
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *tag = p;
        while (*p && *p != ';' && *p != ',' && *p != ' ')
            p++;
        size_t n = (size_t)(p - tag);
        int q = 1000;
        while (*p && *p != ',') {
            if (p[0] == ';' && p[1] == 'q' && p[2] == '=') {
                q = (int)(strtod(p + 3, NULL) * 1000);
                p += 3;
            } else {
                p++;
            }
        }
        const char *lang = match_tag(tag, n);
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best;
}

const char *i18n_from_env(void)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v && strcmp(v, "C") != 0 && strcmp(v, "POSIX") != 0 &&
            strncmp(v, "C.", 2) != 0) {
            const char *lang = match_tag(v, strcspn(v, ":"));
            return lang ? lang : I18N_DEFAULT;
        }
    }
    return I18N_DEFAULT;
}

static uint32_t word(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Binary search of MSGID in the catalogue MO; NULL when absent or untranslated.
 * *LEN: the translation's length (a plural entry's forms are NUL-separated). */
static const char *mo_lookup(const struct embedded_file *mo, const char *msgid, size_t *len)
{
    const unsigned char *d = mo->data;
    if (mo->len < 28 || word(d) != 0x950412deu)
        return NULL;
    uint32_t n = word(d + 8), orig = word(d + 12), trans = word(d + 16);
    if ((uint64_t)orig + 8ull * n > mo->len || (uint64_t)trans + 8ull * n > mo->len)
        return NULL;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t off = word(d + orig + 8 * mid + 4);
        if (off >= mo->len)
            return NULL;
        int c = strcmp(msgid, (const char *)d + off);
        if (c == 0) {
            uint32_t tlen = word(d + trans + 8 * mid), toff = word(d + trans + 8 * mid + 4);
            if (tlen == 0 || (uint64_t)toff + tlen >= mo->len)
                return NULL;
            *len = tlen;
            return (const char *)d + toff;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The catalogue of this thread's language (NULL when none is embedded). */
static const struct embedded_file *current_catalog(void)
{
    static _Thread_local const char *cached_lang;
    static _Thread_local const struct embedded_file *cached_mo;
    if (cached_lang != current) {
        char name[8] = {0};
        memcpy(name, current, 2);
        memcpy(name + 2, ".mo", 4);
        cached_mo = embed_find(embedded_catalogs, name);
        cached_lang = current;
    }
    return cached_mo;
}

const char *i18n_gettext(const char *msgid)
{
    const struct embedded_file *mo = current_catalog();
    size_t len;
    const char *t = mo && *msgid ? mo_lookup(mo, msgid, &len) : NULL;
    return t ? t : msgid;
}

/* The plural form index for N items: French counts 0 and 1 as singular, Dutch
 * and English only 1 (the Plural-Forms of po/LANG.po say the same). */
static unsigned long plural_index(unsigned long n)
{
    return strcmp(current, "fr") == 0 ? n > 1 : n != 1;
}

const char *i18n_ngettext(const char *msgid, const char *msgid_plural, unsigned long n)
{
    const struct embedded_file *mo = current_catalog();
    unsigned long form = plural_index(n);
    size_t len;
    const char *t = mo && *msgid ? mo_lookup(mo, msgid, &len) : NULL;
    if (!t)
        return form ? msgid_plural : msgid;
    /* Walk to form FORM among the NUL-separated forms; fall back when absent. */
    const char *p = t, *end = t + len;
    for (unsigned long i = 0; i < form; i++) {
        p += strlen(p) + 1;
        if (p >= end)
            return form ? msgid_plural : msgid;
    }
    return p;
}

const char *i18n_colon(void)
{
    /* TRANSLATORS: the colon between a label and its value; French puts a
     * no-break space (U+00A0) before it. */
    return _(":");
}
