-- 014_one_login_per_employee: an employee has at most one login. On a site
-- the link of a login to an employee is its membership's employee number in
-- the registry (registry.memberships.employee; the users view of
-- 001_init.sql shows it as employee_id), so the unique index, and the
-- unlinking of what an older database held twice, are the registry's
-- migration 004_one_login_per_employee, which runs before this one and
-- writes the audit lines into each organisation's audit_log. Nothing is
-- left to do in the organisation's own schema: this number keeps the two
-- dialects' migrations in step (a SQLite backup restored on a site).
DO $none$ BEGIN NULL; END $none$;
