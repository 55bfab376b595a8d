/* settings.c - see settings.h. */
#include "core/settings.h"
#include "core/policy.h"
#include "core/formats.h"
#include "core/model.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include "util/text.h"
#include <string.h>

#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)

/* Every setting with its default: the one place the defaults are written. */
const setting_def setting_defs[] = {
    {"name", "groeipad", N_("the organisation's name")},
    {"hours_per_day", "7.6", N_("hours in a working day, to turn hours into days")},
    {"employer_size", NULL, N_("average FTE of the employer; computed from the staff when unset")},
    {"days_per_fte", NULL, N_("training days per FTE agreed by the sector (at least 2); the law "
                              "applies when unset")},
    {"newcomer_months", "6", N_("months during which a new employee counts as a newcomer")},
    {"mentor_min_months", NUMBER_TEXT(POLICY_MENTOR_MIN_MONTHS),
     N_("months of service a mentor needs before guiding a newcomer")},
    {"mentor_max_newcomers", NUMBER_TEXT(POLICY_MENTOR_MAX_NEWCOMERS),
     N_("newcomers one mentor guides at once before a warning")},
    {"min_group", NUMBER_TEXT(POLICY_MIN_GROUP),
     N_("smallest group shown to representatives (at least 5)")},
    {"warn_days", "60", N_("days before a certification expires that it counts as expiring")},
    /* Organising training: the mail server that delivers the outbox. */
    {"smtp_host", NULL, N_("mail server for e-mail to employees; without it messages wait in "
                           "the outbox")},
    {"smtp_port", "587", N_("mail server port")},
    {"smtp_starttls", "yes", N_("yes: the connection must switch to TLS (STARTTLS)")},
    {"smtp_login", NULL, N_("login at the mail server, when it asks for one")},
    {"smtp_password", NULL, N_("password at the mail server")},
    {"smtp_from", NULL, N_("the sender address of e-mail")},
    {"smtp_cafile", NULL, N_("a CA certificate file to trust for the mail server, when its "
                             "certificate is not signed by a public authority")},
    {"public_url", "http://localhost:8080",
     N_("the address at which people reach groeipad (http:// or https://), for the "
        "verification links of badges")},
    /* Serving behind a reverse proxy (issue 16). */
    {"behind_tls_proxy", "no",
     N_("yes: a reverse proxy in front of groeipad ends TLS, so its X-Forwarded-Proto marks "
        "cookies Secure and its X-Forwarded-For names the client; read when the server "
        "starts, and serve --behind-tls-proxy says yes whatever this says")},
    {NULL, NULL, NULL},
};

const setting_def *setting_find(const char *key)
{
    for (const setting_def *d = setting_defs; d->key; d++)
        if (strcmp(d->key, key) == 0)
            return d;
    return NULL;
}

/* The settings that are numbers: their decimal places, their range
 * (scaled), and the refusal that names it, so that a person knows what to
 * type. */
typedef struct number_setting {
    const char *key;
    int scale;
    int64_t min, max;
    const char *range; /* message id */
} number_setting;

static const number_setting number_settings[] = {
    {"hours_per_day", 2, 1, 2400, N_("a number of hours from 0.01 to 24")},
    {"employer_size", 2, 0, 100000000, N_("a number of FTE from 0 to 1000000")},
    {"days_per_fte", 2, 200, 36500, N_("a number of days from 2 to 365")},
    {"newcomer_months", 0, 1, 60, N_("a whole number of months from 1 to 60")},
    {"mentor_min_months", 0, 0, 600, N_("a whole number of months from 0 to 600")},
    {"mentor_max_newcomers", 0, 1, 1000, N_("a whole number from 1 to 1000")},
    {"warn_days", 0, 0, 3650, N_("a whole number of days from 0 to 3650")},
    /* the floor is the policy's: RULES.md 4 never shows smaller groups */
    {"min_group", 0, POLICY_MIN_GROUP, 1000000,
     N_("a whole number of people from " NUMBER_TEXT(POLICY_MIN_GROUP) " to 1000000")},
    {"smtp_port", 0, 1, 65535, N_("a port number from 1 to 65535")},
    {NULL, 0, 0, 0, NULL},
};

/* Parses VALUE as number setting N and writes its canonical form. */
static bool decimal_setting(const number_setting *n, const char *value, str *out,
                            const char **error)
{
    int64_t v;
    if (decimal_parse(value, strlen(value), n->scale, &v) != DECIMAL_OK || v < n->min ||
        v > n->max) {
        *error = n->range;
        return false;
    }
    char buf[48];
    decimal_format(v, n->scale, n->scale, buf, sizeof buf);
    /* Drop trailing zeros: 7.60 is stored as 7.6. */
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    str_clear(out);
    return str_puts(out, buf);
}

/* An address that starts with http:// or https://, has no spaces or quotes,
 * stored without a trailing slash. */
static bool url_setting(const char *value, str *out, const char **error)
{
    size_t n = strlen(value);
    bool scheme = strncmp(value, "http://", 7) == 0 || strncmp(value, "https://", 8) == 0;
    bool clean = strcspn(value, " \t\r\n\"'<>\\") == n;
    while (n > 0 && value[n - 1] == '/')
        n--;
    if (!scheme || !clean || n <= 8) {
        *error = N_("an address such as https://groeipad.example.be");
        return false;
    }
    str_clear(out);
    return str_append(out, value, n);
}

/* True when TEXT holds a control character (C0 or DEL). */
static bool has_control(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return true;
    return false;
}

/* True when TEXT looks like an address for SMTP's "MAIL FROM:<...>" and a
 * From header: one '@' with something on each side, no spaces, and none
 * of the signs that would make it a name with an address ("<>,;\""). */
static bool bare_address(const char *text)
{
    const char *at = strchr(text, '@');
    return at && at != text && at[1] && !strchr(at + 1, '@') && strlen(text) <= 254 &&
           !strpbrk(text, " <>,;\"");
}

bool setting_normalize(const char *key, const char *value, str *out, const char **error)
{
    if (!setting_find(key)) {
        *error = N_("unknown setting");
        return false;
    }
    for (const number_setting *n = number_settings; n->key; n++)
        if (strcmp(key, n->key) == 0)
            return decimal_setting(n, value, out, error);
    if (strcmp(key, "smtp_starttls") == 0 || strcmp(key, "behind_tls_proxy") == 0) {
        /* the words the descriptions use in each language ("ja", "oui"),
         * kept as the codes */
        int answer = code_read(&vocab_yesno, value, strlen(value));
        if (answer < 0) {
            *error = N_("yes or no");
            return false;
        }
        str_clear(out);
        return str_puts(out, answer == 0 ? "yes" : "no");
    }
    if (strcmp(key, "public_url") == 0)
        return url_setting(value, out, error);
    /* On a site the name is the registry's too, and lists of organisations
     * separate their columns by a tab and their lines by a newline. */
    if (strcmp(key, "name") == 0 && !text_is_name(value, ORG_NAME_MAX)) {
        *error = N_("1 to 200 characters on one line, not only spaces");
        return false;
    }
    if (!*value) {
        *error = N_("may not be empty");
        return false;
    }
    /* The mail settings end up in the lines of a conversation with the
     * mail server and in a message's header: a line break would start
     * another. A password may hold what it likes (it travels encoded). */
    if (strcmp(key, "smtp_password") != 0 && has_control(value)) {
        *error = N_("one line, without tabs or other control characters");
        return false;
    }
    if (strcmp(key, "smtp_from") == 0 && !bare_address(value)) {
        *error = N_("an e-mail address such as opleiding@example.be, without a name or <>");
        return false;
    }
    str_clear(out);
    return str_puts(out, value);
}

int64_t setting_decimal(const char *key, const char *value, int scale)
{
    int64_t v;
    if (value && decimal_parse(value, strlen(value), scale, &v) == DECIMAL_OK)
        return v;
    const setting_def *d = setting_find(key);
    if (d && d->fallback && decimal_parse(d->fallback, strlen(d->fallback), scale, &v) == DECIMAL_OK)
        return v;
    return -1;
}
