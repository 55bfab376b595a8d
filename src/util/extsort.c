/* extsort.c - see extsort.h.
 *
 * A batch is a byte buffer of records ([len u32][bytes]) and an array of
 * (key, offset) entries, sorted by a stable radix sort. A run on disk is the
 * batch's records in order, each as [key u64][len u32][bytes]. Reading merges
 * the runs through a binary heap of their heads, ties going to the earlier
 * run, so equal keys come back in the order they were added. */
#include "util/extsort.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN_BUFFER (256u << 10)   /* read buffer per run while merging */
#define WRITE_BUFFER (1u << 20)

typedef struct entry {
    uint64_t key;
    uint64_t off; /* into the batch's data */
} entry;

/* One run on disk and, while merging, its read buffer and current head. */
typedef struct run {
    uint64_t pos, end;     /* the part of the file not yet read */
    unsigned char *buf;
    size_t have, at;       /* bytes in buf, and where the head starts */
    size_t cap;
    uint64_t key;          /* the head's key */
    const unsigned char *rec;
    size_t len;
} run;

struct extsort {
    size_t memory;
    unsigned char *data;
    size_t used, cap;
    entry *ent;
    size_t nent, capent;
    size_t count;
    int fd;
    uint64_t file_end;
    run *runs;
    size_t nruns, capruns;
    size_t *heap;          /* run indexes, smallest head first */
    size_t nheap;
    bool finished;
    size_t next;           /* reading a batch that never went to disk */
    size_t last_run;       /* merging: 1 + the run handed out last, or 0 */
    char error[160];
};

static bool fail(extsort *x, const char *what)
{
    snprintf(x->error, sizeof x->error, "%s: %s", what, errno ? strerror(errno) : "failed");
    return false;
}

extsort *extsort_new(size_t memory)
{
    extsort *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->memory = memory < 1024 ? 1024 : memory;
    x->fd = -1;
    return x;
}

size_t extsort_count(const extsort *x)
{
    return x->count;
}

const char *extsort_error(const extsort *x)
{
    return x->error;
}

/* Sorts the batch's entries by key, keeping the order of equal keys: an LSD
 * radix sort, 16 bits a pass, skipping the digits that all keys share. */
static bool sort_batch(extsort *x)
{
    size_t n = x->nent;
    if (n < 2)
        return true;
    uint64_t all_or = 0, all_and = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        all_or |= x->ent[i].key;
        all_and &= x->ent[i].key;
    }
    entry *tmp = malloc(x->capent * sizeof *tmp); /* may become the array */
    size_t *count = malloc(65536 * sizeof *count);
    if (!tmp || !count) {
        free(tmp);
        free(count);
        return fail(x, "sorting");
    }
    entry *from = x->ent, *to = tmp;
    for (int shift = 0; shift < 64; shift += 16) {
        if ((((all_or ^ all_and) >> shift) & 0xffff) == 0)
            continue; /* every key has the same digit here */
        memset(count, 0, 65536 * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[(from[i].key >> shift) & 0xffff]++;
        size_t sum = 0;
        for (size_t d = 0; d < 65536; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[(from[i].key >> shift) & 0xffff]++] = from[i];
        entry *t = from;
        from = to;
        to = t;
    }
    if (from != x->ent) {
        free(x->ent);
        x->ent = from;
    } else {
        free(tmp);
    }
    free(count);
    return true;
}

/* The temporary file of the runs, made on first need and unlinked at once. */
static bool open_file(extsort *x)
{
    if (x->fd >= 0)
        return true;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/var/tmp";
    errno = 0;
    x->fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
    if (x->fd < 0) {
        /* A file system without O_TMPFILE: a named file, removed at once. */
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/groeipad-sort-XXXXXX", dir);
        if (n < 0 || (size_t)n >= sizeof path)
            return fail(x, "temporary directory name too long");
        x->fd = mkstemp(path);
        if (x->fd >= 0)
            unlink(path);
    }
    return x->fd >= 0 || fail(x, "cannot make a temporary file");
}

static bool write_all(extsort *x, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = pwrite(x->fd, p, n, (off_t)x->file_end);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return fail(x, "cannot write the temporary file");
        p += w;
        n -= (size_t)w;
        x->file_end += (uint64_t)w;
    }
    return true;
}

/* Sorts the batch and writes it as a new run; the batch is then empty. */
static bool spill(extsort *x)
{
    if (!sort_batch(x) || !open_file(x))
        return false;
    if (x->nruns == x->capruns) {
        size_t cap = x->capruns ? x->capruns * 2 : 16;
        run *r = realloc(x->runs, cap * sizeof *r);
        if (!r)
            return fail(x, "out of memory");
        x->runs = r;
        x->capruns = cap;
    }
    unsigned char *out = malloc(WRITE_BUFFER);
    if (!out)
        return fail(x, "out of memory");
    uint64_t start = x->file_end;
    size_t have = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < x->nent; i++) {
        uint32_t len;
        memcpy(&len, x->data + x->ent[i].off, sizeof len);
        size_t need = sizeof(uint64_t) + sizeof len + len;
        if (have + need > WRITE_BUFFER) {
            ok = write_all(x, out, have);
            have = 0;
        }
        if (ok && need > WRITE_BUFFER) {
            ok = write_all(x, (const unsigned char *)&x->ent[i].key, sizeof(uint64_t)) &&
                 write_all(x, x->data + x->ent[i].off, sizeof len + len);
            continue;
        }
        memcpy(out + have, &x->ent[i].key, sizeof(uint64_t));
        memcpy(out + have + sizeof(uint64_t), x->data + x->ent[i].off, sizeof len + len);
        have += need;
    }
    if (ok)
        ok = write_all(x, out, have);
    free(out);
    if (!ok)
        return false;
    x->runs[x->nruns++] = (run){.pos = start, .end = x->file_end};
    x->used = 0;
    x->nent = 0;
    return true;
}

bool extsort_add(extsort *x, uint64_t key, const void *rec, size_t len)
{
    if (x->finished || len > UINT32_MAX)
        return fail(x, "record not added");
    size_t need = sizeof(uint32_t) + len;
    if (x->nent > 0 && x->used + need + (x->nent + 1) * sizeof(entry) > x->memory && !spill(x))
        return false;
    if (x->used + need > x->cap) {
        size_t cap = x->cap ? x->cap : 1u << 16;
        while (cap < x->used + need)
            cap *= 2;
        unsigned char *d = realloc(x->data, cap);
        if (!d)
            return fail(x, "out of memory");
        x->data = d;
        x->cap = cap;
    }
    if (x->nent == x->capent) {
        size_t cap = x->capent ? x->capent * 2 : 1024;
        entry *e = realloc(x->ent, cap * sizeof *e);
        if (!e)
            return fail(x, "out of memory");
        x->ent = e;
        x->capent = cap;
    }
    uint32_t l = (uint32_t)len;
    memcpy(x->data + x->used, &l, sizeof l);
    if (len)
        memcpy(x->data + x->used + sizeof l, rec, len);
    x->ent[x->nent++] = (entry){key, x->used};
    x->used += need;
    x->count++;
    return true;
}

/* Makes sure run R's buffer holds NEED bytes from its head on; false at the
 * end of the run or on a read failure (x->error then says so). */
static bool run_fill(extsort *x, run *r, size_t need)
{
    if (r->have - r->at >= need)
        return true;
    if (need > r->cap) {
        size_t cap = r->cap ? r->cap : RUN_BUFFER;
        while (cap < need)
            cap *= 2;
        unsigned char *b = malloc(cap);
        if (!b)
            return fail(x, "out of memory");
        if (r->have > r->at)
            memcpy(b, r->buf + r->at, r->have - r->at);
        free(r->buf);
        r->buf = b;
        r->cap = cap;
    } else {
        memmove(r->buf, r->buf + r->at, r->have - r->at);
    }
    r->have -= r->at;
    r->at = 0;
    while (r->have < need && r->pos < r->end) {
        size_t want = r->cap - r->have;
        if (want > r->end - r->pos)
            want = (size_t)(r->end - r->pos);
        ssize_t n = pread(x->fd, r->buf + r->have, want, (off_t)r->pos);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(x, "cannot read the temporary file");
        r->have += (size_t)n;
        r->pos += (uint64_t)n;
    }
    return r->have >= need;
}

/* Loads run R's next record as its head: 1, 0 at its end, -1 on failure. */
static int run_advance(extsort *x, run *r)
{
    r->at += r->rec ? sizeof(uint64_t) + sizeof(uint32_t) + r->len : 0;
    r->rec = NULL;
    size_t head = sizeof(uint64_t) + sizeof(uint32_t);
    if (r->at == r->have && r->pos == r->end)
        return 0;
    uint32_t len;
    if (!run_fill(x, r, head))
        return -1;
    memcpy(&r->key, r->buf + r->at, sizeof r->key);
    memcpy(&len, r->buf + r->at + sizeof r->key, sizeof len);
    if (!run_fill(x, r, head + len))
        return -1;
    r->len = len;
    r->rec = r->buf + r->at + head;
    return 1;
}

static bool heap_less(const extsort *x, size_t a, size_t b)
{
    const run *p = &x->runs[a], *q = &x->runs[b];
    return p->key < q->key || (p->key == q->key && a < b);
}

static void heap_down(extsort *x, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < x->nheap && heap_less(x, x->heap[l], x->heap[m]))
            m = l;
        if (r < x->nheap && heap_less(x, x->heap[r], x->heap[m]))
            m = r;
        if (m == i)
            return;
        size_t t = x->heap[i];
        x->heap[i] = x->heap[m];
        x->heap[m] = t;
        i = m;
    }
}

bool extsort_finish(extsort *x)
{
    if (x->finished)
        return true;
    x->finished = true;
    if (x->nruns == 0)
        return sort_batch(x);
    if (x->nent > 0 && !spill(x))
        return false;
    free(x->data);
    free(x->ent);
    x->data = NULL;
    x->ent = NULL;
    x->cap = x->capent = 0;
    if (!(x->heap = malloc(x->nruns * sizeof *x->heap)))
        return fail(x, "out of memory");
    for (size_t i = 0; i < x->nruns; i++) {
        int rc = run_advance(x, &x->runs[i]);
        if (rc < 0)
            return false;
        if (rc > 0)
            x->heap[x->nheap++] = i;
    }
    for (size_t i = x->nheap / 2; i-- > 0;)
        heap_down(x, i);
    return true;
}

/* Moves the run whose head was handed out last on to its next record, and
 * restores the heap. */
static int advance_last(extsort *x)
{
    run *r = &x->runs[x->last_run - 1];
    x->last_run = 0;
    int rc = run_advance(x, r);
    if (rc < 0)
        return -1;
    if (rc == 0)
        x->heap[0] = x->heap[--x->nheap];
    if (x->nheap > 0)
        heap_down(x, 0);
    return 0;
}

int extsort_next(extsort *x, const void **rec, size_t *len)
{
    if (!x->finished)
        return -1;
    if (x->nruns == 0) {
        if (x->next >= x->nent)
            return 0;
        const unsigned char *p = x->data + x->ent[x->next++].off;
        uint32_t l;
        memcpy(&l, p, sizeof l);
        *rec = p + sizeof l;
        *len = l;
        return 1;
    }
    /* The record handed out last stays in its run's buffer until now. */
    if (x->last_run && advance_last(x) < 0)
        return -1;
    if (x->nheap == 0)
        return 0;
    run *top = &x->runs[x->heap[0]];
    *rec = top->rec;
    *len = top->len;
    x->last_run = x->heap[0] + 1;
    return 1;
}

void extsort_free(extsort *x)
{
    if (!x)
        return;
    free(x->data);
    free(x->ent);
    for (size_t i = 0; i < x->nruns; i++)
        free(x->runs[i].buf);
    free(x->runs);
    free(x->heap);
    if (x->fd >= 0)
        close(x->fd);
    free(x);
}
