/* cmd_mail.c - groeipad mail send|list: the outbox from the command line
 * (a cron job can send with it when no server runs). */
#include "cli/cli.h"
#include "util/i18n.h"
#include "app/mail.h"
#include <stdio.h>
#include <string.h>

/* Prints the command's usage on OUT: stdout when asked for (--help),
 * stderr after a mistake, as every command does. */
static void print_usage(FILE *out)
{
    cli_print_usage(out, "groeipad [--db PATH] mail <send|list>");
    fputc('\n', out);
    fprintf(out, "  send   %s\n",
            _("delivers the queued messages that are due to the mail server of the\n"
              "         settings smtp_host, smtp_port, smtp_starttls, smtp_login,\n"
              "         smtp_password and smtp_from; failures are tried again later"));
    fprintf(out, "  list   %s\n\n", _("the newest messages of the outbox and their state"));
    fprintf(out, "%s\n", _("'serve' sends by itself every 30 seconds."));
}

int cmd_mail(cli *c)
{
    if (cli_wants_help(c)) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (c->argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    static const char *const none[] = {NULL};
    if (!cli_check_args(c, 2, none, 0))
        return EXIT_USAGE;
    bool send = strcmp(c->argv[1], "send") == 0;
    if (!send && strcmp(c->argv[1], "list") != 0)
        return cli_fail(EXIT_USAGE, _("mail: send or list"));
    int rc = cli_open(c, false);
    if (rc != EXIT_OK)
        return rc;
    if (send) {
        int sent, failed;
        int st = mail_send_due(c->db, 1000, &sent, &failed);
        if (st == STORE_DONE)
            rc = cli_fail(EXIT_INPUT, _("mail: no mail server set (settings smtp_host)"));
        else if (st != STORE_OK)
            rc = cli_fail(EXIT_INTERNAL, "mail: %s", store_error(c->db));
        else
            printf(_("sent %d, failed %d (tried again later)\n"), sent, failed);
    } else {
        arena a = ARENA_INIT;
        outbox_message *m;
        size_t n;
        if (outbox_list(c->db, &a, NULL, 100, &m, &n) != STORE_OK)
            rc = cli_fail(EXIT_INTERNAL, "mail: %s", store_error(c->db));
        for (size_t i = 0; rc == EXIT_OK && i < n; i++)
            printf("%lld\t%s\t%s\t%d\t%s\t%s\n", (long long)m[i].id, m[i].state,
                   m[i].created_at, m[i].attempts, m[i].recipient, m[i].subject);
        arena_free(&a);
    }
    cli_close(c);
    return rc;
}
