/* slowloris.c - holds many slow connections from 127.0.0.1 against a local
 * groeipad server while a second client, from 127.0.0.2, keeps asking
 * /healthz and a logged-in page, and reports whether and how fast that
 * second client was answered.
 *
 *   slowloris PORT CONNECTIONS SECONDS [LOGIN PASSWORD]
 *
 * Loopback only, bounded in connections (at most 20,000) and time (at most
 * 600 s). Each slow connection sends the start of a request head and then one
 * more header line every 5 seconds, never finishing; a connection the server
 * closes is opened again at once, as an attacker would. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 20000
#define MAX_SECONDS 600
#define DRIP_SECONDS 5
#define PROBE_TIMEOUT_SECONDS 5
#define MAX_PROBES 100000

static int port;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A socket from SOURCE (an address of 127/8) to the server; -1 on failure. */
static int connect_from(const char *source, bool blocking)
{
    int fd = socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in from = {0}, to = {0};
    from.sin_family = to.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    to.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
        (connect(fd, (struct sockaddr *)&to, sizeof to) != 0 && errno != EINPROGRESS)) {
        close(fd);
        return -1;
    }
    if (blocking) {
        struct timeval tv = {PROBE_TIMEOUT_SECONDS, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    return fd;
}

/* One request from 127.0.0.2; its status (0 when no answer) and the answer
 * in OUT (up to N bytes, NUL-terminated). */
static int probe(const char *request, char *out, size_t n)
{
    out[0] = '\0';
    int fd = connect_from("127.0.0.2", true);
    if (fd < 0)
        return 0;
    size_t len = strlen(request), got = 0;
    if (write(fd, request, len) != (ssize_t)len) {
        close(fd);
        return 0;
    }
    ssize_t r;
    while (got + 1 < n && (r = read(fd, out + got, n - 1 - got)) > 0)
        got += (size_t)r;
    out[got] = '\0';
    close(fd);
    int status = 0;
    return sscanf(out, "HTTP/1.1 %d", &status) == 1 ? status : 0;
}

/* Copies the value of cookie NAME from the answer TEXT into OUT (65 bytes). */
static bool cookie(const char *text, const char *name, char *out)
{
    char key[64];
    snprintf(key, sizeof key, "%s=", name);
    const char *c = strstr(text, key);
    if (!c)
        return false;
    c += strlen(key);
    size_t len = strcspn(c, ";\r\n");
    if (len != 64)
        return false;
    memcpy(out, c, 64);
    out[64] = '\0';
    return true;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 6) {
        fprintf(stderr, "usage: slowloris PORT CONNECTIONS SECONDS [LOGIN PASSWORD]\n");
        return 2;
    }
    port = atoi(argv[1]);
    int n = atoi(argv[2]), seconds = atoi(argv[3]);
    const char *login = argc == 6 ? argv[4] : "admin", *password = argc == 6 ? argv[5]
                                                                             : "demo-admin";
    if (port <= 0 || port > 65535 || n <= 0 || n > MAX_CONNECTIONS || seconds <= 0 ||
        seconds > MAX_SECONDS) {
        fprintf(stderr, "slowloris: at most %d connections and %d seconds\n", MAX_CONNECTIONS,
                MAX_SECONDS);
        return 2;
    }
    struct rlimit lim;
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    if (lim.rlim_cur < (rlim_t)n + 64) {
        fprintf(stderr, "slowloris: only %llu descriptors allowed\n",
                (unsigned long long)lim.rlim_cur);
        return 2;
    }

    /* Log in from the second address first. */
    static char answer[1 << 20];
    char csrf[65], session[65], req[1024], cookies[256];
    if (probe("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", answer,
              sizeof answer) != 200 || !cookie(answer, "gp_csrf", csrf)) {
        fprintf(stderr, "slowloris: no login form on port %d\n", port);
        return 1;
    }
    char body[512];
    snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s", csrf, login, password);
    snprintf(req, sizeof req, "POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
             "Cookie: gp_csrf=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
             "Content-Length: %zu\r\n\r\n%s", csrf, strlen(body), body);
    if (probe(req, answer, sizeof answer) != 303 || !cookie(answer, "gp_session", session)) {
        fprintf(stderr, "slowloris: cannot log in as %s\n", login);
        return 1;
    }
    snprintf(cookies, sizeof cookies, "gp_session=%s", session);

    int *fds = malloc((size_t)n * sizeof *fds);
    struct pollfd *pfd = malloc((size_t)n * sizeof *pfd);
    double *lat = malloc(MAX_PROBES * sizeof *lat);
    if (!fds || !pfd || !lat)
        return 3;
    static const char head[] = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n";
    long opened = 0, closed_by_server = 0, failed_connects = 0;
    for (int i = 0; i < n; i++) {
        fds[i] = connect_from("127.0.0.1", false);
        if (fds[i] < 0)
            failed_connects++;
        else
            opened++;
    }
    printf("opened %ld slow connections from 127.0.0.1 (%ld could not connect)\n", opened,
           failed_connects);
    fflush(stdout);
    double start = now(), last_drip = 0;
    int probes = 0, ok = 0, failed = 0, most_open = 0;
    bool sent_head[MAX_CONNECTIONS] = {false};
    while (now() - start < seconds) {
        /* Keep every slot open and dripping. */
        bool drip = now() - last_drip >= DRIP_SECONDS;
        if (drip)
            last_drip = now();
        int open_now = 0;
        for (int i = 0; i < n; i++) {
            pfd[i].fd = fds[i];
            pfd[i].events = POLLIN | POLLRDHUP;
            pfd[i].revents = 0;
        }
        poll(pfd, (nfds_t)n, 0);
        for (int i = 0; i < n; i++) {
            if (fds[i] >= 0 && (pfd[i].revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR))) {
                close(fds[i]);
                fds[i] = -1;
                closed_by_server++;
            }
            if (fds[i] < 0) {
                fds[i] = connect_from("127.0.0.1", false);
                sent_head[i] = false;
                if (fds[i] < 0)
                    continue;
                opened++;
            }
            if (!sent_head[i]) {
                sent_head[i] = write(fds[i], head, sizeof head - 1) == (ssize_t)(sizeof head - 1);
            } else if (drip && write(fds[i], "X-a: b\r\n", 8) != 8) {
                close(fds[i]);
                fds[i] = -1;
                closed_by_server++;
                continue;
            }
            open_now++;
        }
        if (open_now > most_open)
            most_open = open_now;
        /* The other client: health, then a logged-in page. */
        const char *targets[] = {"/healthz", "/employees"};
        for (int t = 0; t < 2 && probes < MAX_PROBES; t++) {
            snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                     "Cookie: %s\r\n\r\n", targets[t], cookies);
            double t0 = now();
            int status = probe(req, answer, sizeof answer);
            lat[probes++] = now() - t0;
            if (status == 200)
                ok++;
            else
                failed++;
        }
        usleep(200 * 1000);
    }
    qsort(lat, (size_t)probes, sizeof *lat, compare);
    printf("%d s: slow connections opened %ld, closed by the server %ld, at most %d open at "
           "once (client side)\n", seconds, opened, closed_by_server, most_open);
    printf("probes from 127.0.0.2 (/healthz and logged-in /employees): %d answered 200, %d "
           "failed; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", ok, failed,
           probes ? lat[probes / 2] * 1000 : 0, probes ? lat[probes * 99 / 100] * 1000 : 0,
           probes ? lat[probes - 1] * 1000 : 0);
    for (int i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    free(fds);
    free(pfd);
    free(lat);
    return failed == 0 && ok > 0 ? 0 : 1;
}
