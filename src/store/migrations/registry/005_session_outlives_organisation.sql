-- 005_session_outlives_organisation: removing an organisation ended the
-- sessions of everyone working in it, so a person who also works for
-- another organisation was sent to log in again without a word. Their
-- session now goes back to choosing an organisation (org NULL), as right
-- after logging in; a session whose person has no organisation left shows
-- them that on the chooser.
ALTER TABLE sessions DROP CONSTRAINT sessions_org_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_org_fkey FOREIGN KEY (org)
    REFERENCES organisations(slug) ON DELETE SET NULL;
