/* i18n.h - translations through GNU gettext catalogues.
 *
 * The .po files in po/ are compiled by msgfmt and linked into the binary; the
 * lookup reads those .mo catalogues itself, per thread, so that one server can
 * answer each request in its own language without system locales installed.
 * Message ids are English; Dutch is the default language. */
#ifndef GP_I18N_H
#define GP_I18N_H

#define I18N_DEFAULT "nl"

/* The language of this thread's messages: "nl", "fr" or "en"; an unknown code
 * falls back to the default. */
void i18n_set_lang(const char *lang);
const char *i18n_lang(void);
/* True for a language groeipad speaks. */
int i18n_supported(const char *lang);
/* The best supported language for an Accept-Language header (NULL allowed). */
const char *i18n_negotiate(const char *accept_language);
/* The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
const char *i18n_from_env(void);
/* MSGID translated to this thread's language, or MSGID itself. */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));

/* The form of MSGID / MSGID_PLURAL for N items in this thread's language
 * (Dutch and English: 1 is singular; French: 0 and 1). */
const char *i18n_ngettext(const char *msgid, const char *msgid_plural, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* What joins a label to its value ("Status: draft"): ":" in Dutch and
 * English; French puts a no-break space before it. html_printf writes it for
 * a label's colon in its format (one followed by a space or ending the
 * format, not after a space); text made otherwise asks for it here. */
const char *i18n_colon(void);

#define _(s) i18n_gettext(s)
/* Plural messages; xgettext -kP_:1,2 finds them. */
#define P_(s, p, n) i18n_ngettext(s, p, n)
#define N_(s) (s)

#endif
