"""A real SMTP server for the e-mail tests (Debian's python3-aiosmtpd).

usage: smtp_server.py PORTFILE MAILDIR [--auth LOGIN:PASSWORD] [--tls CERT KEY]

Listens on a free loopback port, written to PORTFILE once it accepts
connections. Every accepted message is saved as a file in MAILDIR. A
recipient whose address starts with 'refuse' is refused (550). With --auth
it requires that login (AUTH LOGIN or PLAIN); with --tls it offers STARTTLS
and requires it before anything else. Runs until killed.
"""
import asyncio, os, socket, ssl, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('refuse'):
            return '550 5.1.1 refused by the test server'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.maildir, '%.6f.eml' % time.time())
        with open(name + '.tmp', 'wb') as f:
            f.write(('X-Envelope-To: %s\r\n' % ','.join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(name + '.tmp', name)
        return '250 Message accepted'


def main():
    portfile, maildir = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    kwargs = {}
    if '--auth' in args:
        login, password = args[args.index('--auth') + 1].split(':', 1)

        def check(server, session, envelope, mechanism, auth_data):
            ok = (auth_data.login.decode() == login and auth_data.password.decode() == password)
            return AuthResult(success=ok)
        kwargs.update(authenticator=check, auth_required=True)
    if '--tls' in args:
        i = args.index('--tls')
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args[i + 1], args[i + 2])
        kwargs.update(tls_context=ctx, require_starttls=True, auth_require_tls=True)
    else:
        kwargs.update(auth_require_tls=False)
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(maildir), hostname='127.0.0.1', port=port, **kwargs)
    controller.start()
    with open(portfile + '.tmp', 'w') as f:
        f.write(str(port))
    os.rename(portfile + '.tmp', portfile)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
