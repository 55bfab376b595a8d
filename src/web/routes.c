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
    {"GET", "/my", page_my_learning, ROLE_ANY},
    {"GET", "/catalogue", page_catalogue, ROLE_ANY},
    {"GET", "/my/right", page_my_right, ROLE_ANY},
    {"GET", "/team/right", page_team_right, ROLE_MANAGER},
    {"GET", "/reports", page_reports, ROLE_ADMIN | ROLE_REPRESENTATIVE},
    {"GET", "/api/v1/openapi.json", api_openapi, 0},
    {"GET", "/api/v1/me", api_me, ROLE_ANY},
    {"GET", "/api/v1/employees", api_employees, STAFF | ROLE_EMPLOYEE | ROLE_MENTOR},
    {"GET", "/api/v1/reports/:kind", api_report, ROLE_ANY},
    {NULL, NULL, NULL, 0},
};
