-- 005_session_outlives_organisation: losing one's role in an organisation
-- (user remove) or the organisation itself (org remove) ended the person's
-- sessions there, so someone who also works for another organisation was
-- sent to log in again without a word. Their session now goes back to
-- choosing an organisation (org NULL), as right after logging in, and
-- remembers the name of the one it lost (lost), for the chooser to say
-- why; choosing clears it.
ALTER TABLE sessions ADD COLUMN lost TEXT COLLATE "C";
ALTER TABLE sessions DROP CONSTRAINT sessions_org_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_org_fkey FOREIGN KEY (org)
    REFERENCES organisations(slug) ON DELETE SET NULL;
