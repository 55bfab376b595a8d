/* routes.c - every URL groeipad answers, and who may ask for it. */
#include "web/router.h"
#include "web/pages.h"

#define STAFF (ROLE_ADMIN | ROLE_MANAGER)

const route routes[] = {
    {"GET", "/healthz", page_health, 0},
    {"GET", "/static/*", page_static, 0},
    {"GET", "/login", page_login, 0},
    {"POST", "/login", page_login_post, 0},
    {"POST", "/logout", page_logout, ROLE_ANY},
    {"POST", "/language", page_language, 0},
    {"GET", "/", page_home, ROLE_ANY},
    {"GET", "/employees", page_employees, STAFF},
    {"GET", "/employees/:id", page_employee, STAFF | ROLE_EMPLOYEE | ROLE_MENTOR},
    {"GET", "/employees/:id/learning", page_record_new, STAFF},
    {"POST", "/employees/:id/learning", page_record_new, STAFF},
    {"GET", "/learning/:id", page_record_edit, STAFF},
    {"POST", "/learning/:id", page_record_edit, STAFF},
    {"GET", "/my", page_my_learning, ROLE_ANY},
    {"GET", "/my/log", page_log_learning, ROLE_ANY},
    {"POST", "/my/log", page_log_learning, ROLE_ANY},
    {"GET", "/team/claims", page_team_claims, STAFF},
    {"POST", "/claims/:id", page_claim_decide, STAFF},
    {"GET", "/import", page_import, ROLE_ADMIN},
    {"POST", "/import", page_import_post, ROLE_ADMIN},
    {"GET", "/export/:kind", page_export, ROLE_ADMIN},
    {"GET", "/catalogue", page_catalogue, ROLE_ANY},
    {"GET", "/my/right", page_my_right, ROLE_ANY},
    {"GET", "/team/right", page_team_right, ROLE_MANAGER},
    {"GET", "/reports", page_reports, ROLE_ADMIN | ROLE_REPRESENTATIVE},
    {"GET", "/api/v1/openapi.json", api_openapi, 0},
    {"GET", "/api/v1/me", api_me, ROLE_ANY},
    {"GET", "/api/v1/employees", api_employees, STAFF | ROLE_EMPLOYEE | ROLE_MENTOR},
    {"POST", "/api/v1/employees", api_post_employees, ROLE_ADMIN},
    {"GET", "/api/v1/activities", api_activities, ROLE_ANY},
    {"POST", "/api/v1/activities", api_post_activities, ROLE_ADMIN},
    {"GET", "/api/v1/learning", api_learning, STAFF | ROLE_EMPLOYEE | ROLE_MENTOR},
    {"POST", "/api/v1/learning", api_post_learning, STAFF},
    {"GET", "/api/v1/reports/:kind", api_report, ROLE_ANY},
    {NULL, NULL, NULL, 0},
};
