/* gen.c - writes a synthetic organisation for the benchmarks:
 *   gen DIR EMPLOYEES RECORDS [YEARS]
 * makes DIR/employees.csv, DIR/activities.csv and DIR/learning.csv, the
 * records spread over YEARS years ending in 2025 (default 5), every record
 * inside its employee's employment. Deterministic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state % n);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(3);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: gen DIR EMPLOYEES RECORDS [YEARS]\n", stderr);
        return 2;
    }
    const char *dir = argv[1];
    long n = atol(argv[2]), m = atol(argv[3]), years = argc > 4 ? atol(argv[4]) : 5;
    if (n < 1 || m < 0 || years < 1 || years > 20)
        return 2;
    static const char *const depts[] = {"Productie", "Logistiek", "Onderhoud", "Administratie",
                                        "Verkoop", "IT", "Kwaliteit", "Aankoop"};
    static const char *const types[] = {"formal", "informal", "initial"};
    FILE *a = open_out(dir, "activities.csv");
    fputs("code,title,type,form,hours,cost\n", a);
    for (int i = 0; i < 200; i++)
        fprintf(a, "A%03d,Activity %d,%s,%s,%d,%d.%02d\n", i, i, types[i % 10 == 9 ? 2 : i % 2],
                i % 2 ? "on_the_job" : "classroom", 1 + i % 16, i * 7, i % 100);
    fclose(a);
    FILE *e = open_out(dir, "employees.csv");
    fputs("employee_id;first_name;last_name;gender;birth_date;hire_date;exit_date;department;"
          "function;category;contract;fte;education;born_abroad\n", e);
    int first = (int)(2026 - years);
    int *hire_year = malloc((size_t)n * sizeof *hire_year);
    for (long i = 0; i < n; i++) {
        hire_year[i] = 1995 + (int)rnd((uint32_t)(first - 1995 + 1));
        int fte = rnd(10) < 7 ? 10000 : 5000 + (int)rnd(5000);
        fprintf(e, "E%07ld;First%ld;Last%ld;%c;%02d/%02d/%d;01/01/%d;;%s;Function %d;%s;%s;"
                   "%d,%04d;%s;%s\n",
                i, i, i, "FMX"[rnd(100) < 48 ? 0 : rnd(100) < 98 ? 1 : 2], 1 + (int)rnd(28),
                1 + (int)rnd(12), 1960 + (int)rnd(40), hire_year[i], depts[rnd(8)],
                (int)rnd(40), rnd(2) ? "blue_collar" : "white_collar",
                rnd(10) < 8 ? "permanent" : "fixed_term", fte / 10000, fte % 10000,
                (const char *[]){"low", "medium", "high"}[rnd(3)],
                (const char *[]){"yes", "no", "unknown"}[rnd(3)]);
    }
    fclose(e);
    FILE *l = open_out(dir, "learning.csv");
    fputs("employee_id,activity_code,start_date,hours,cost,subsidy,training_leave\n", l);
    for (long k = 0; k < m; k++) {
        long i = (long)rnd((uint32_t)n);
        int year = first + (int)rnd((uint32_t)years);
        fprintf(l, "E%07ld,A%03d,%d-%02d-%02d,%d.%02d,%d.%02d,%d,%s\n", i, (int)rnd(200), year,
                1 + (int)rnd(12), 1 + (int)rnd(28), 1 + (int)rnd(8), (int)rnd(4) * 25,
                (int)rnd(500), (int)rnd(100), rnd(4) ? 0 : (int)rnd(50),
                rnd(50) ? "no" : "yes");
    }
    fclose(l);
    free(hire_year);
    return 0;
}
