/* model.h - the plain data of groeipad: people, activities, learning.
 *
 * Pure structs and the closed vocabularies of DESIGN §4, shared by store/
 * (which fills them), core/ (which computes on them) and web/ and cli/ (which
 * show them). Strings are owned by whoever allocated the struct, usually a
 * request's or a command's arena. */
#ifndef GP_MODEL_H
#define GP_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "util/date.h"

/* A closed vocabulary: the names as they appear in files and the database. */
typedef struct vocab {
    const char *const *names;
    int count;
} vocab;

/* The index of the N bytes at S in V, or -1. */
int vocab_find(const vocab *v, const char *s, size_t n);
/* The name at index I ("" when out of range). */
const char *vocab_name(const vocab *v, int i);
/* "a|b|c", for messages that say what was expected. */
const char *vocab_list(const vocab *v);

enum gender { GENDER_F, GENDER_M, GENDER_X };
enum category { CATEGORY_BLUE_COLLAR, CATEGORY_WHITE_COLLAR };
enum contract { CONTRACT_PERMANENT, CONTRACT_FIXED_TERM, CONTRACT_STUDENT, CONTRACT_TRAINEE };
enum education { EDUCATION_LOW, EDUCATION_MEDIUM, EDUCATION_HIGH };
/* born_abroad and disability: absent is its own value, read as unknown. */
enum answer { ANSWER_NONE = -1, ANSWER_YES, ANSWER_NO, ANSWER_UNKNOWN };
enum shift { SHIFT_NONE = -1, SHIFT_DAY, SHIFT_NIGHT, SHIFT_ROTATING };
enum learning_type { TYPE_FORMAL, TYPE_INFORMAL, TYPE_INITIAL };
enum learning_result { RESULT_COMPLETED, RESULT_FAILED, RESULT_ONGOING };

extern const vocab vocab_gender, vocab_category, vocab_contract, vocab_education,
    vocab_answer, vocab_shift, vocab_type, vocab_form, vocab_result, vocab_yesno, vocab_role;

/* Roles are bits so a route can allow several. */
enum role {
    ROLE_ADMIN = 1 << 0,
    ROLE_MANAGER = 1 << 1,
    ROLE_EMPLOYEE = 1 << 2,
    ROLE_MENTOR = 1 << 3,
    ROLE_REPRESENTATIVE = 1 << 4,
    ROLE_ANY = 0x1f
};
/* The role named NAME ("admin", ...), or 0. */
int role_from_name(const char *name);
const char *role_name(int role);

typedef struct employee {
    int64_t id; /* database row */
    const char *employee_id, *first_name, *last_name, *email;
    int gender;
    date_t birth_date, hire_date, exit_date;
    const char *department, *function;
    int category, contract;
    int32_t fte; /* ten-thousandths: 10000 is full time */
    int education, born_abroad, disability;
    const char *manager_id; /* the manager's employee_id, or NULL */
    int shift;
} employee;

typedef struct activity {
    int64_t id;
    const char *code, *title;
    int type, form;
    const char *provider;
    int internal;            /* 0 or 1 */
    int64_t hours;           /* hundredths, -1 when not given */
    int64_t cost;            /* cents, -1 when not given */
    int validity_months;     /* 0 when it does not certify */
    int mandatory;
    const char *competences; /* codes separated by '|', or NULL */
    /* After the fields above, so that positional initializers stay right. */
    const char *target_functions; /* function names separated by '|'; NULL: every one */
    int followup_weeks;      /* weeks until the manager's follow-up; 0: the default */
    const char *evaluators;  /* who evaluates each level (core/evaluation.h); NULL: defaults */
} activity;

typedef struct learning_record {
    int64_t id;
    const char *employee_id;   /* the employee's employee_id */
    const char *activity_code; /* NULL for a one-off activity */
    const char *title;         /* the record's own title, or NULL */
    const char *activity_title; /* the catalogue's title, or NULL */
    int own_type;              /* -1 when the row gives none */
    int type;                  /* effective: own_type, else the activity's */
    date_t start_date, end_date;
    int64_t hours;             /* hundredths, > 0 */
    int working_time;          /* -1 unknown, 0, 1 */
    int64_t cost, subsidy;     /* cents */
    int training_leave;
    int result;
} learning_record;

typedef struct funding {
    int year, type;
    int64_t contributions, subsidies; /* cents */
} funding;

#endif
