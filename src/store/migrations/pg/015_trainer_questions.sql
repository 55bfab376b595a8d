-- 015_trainer_questions: a reaction question may be about the trainer ("the
-- trainer explained clearly"). Such a question is left out of the
-- questionnaire of a learning record that had nobody to judge: learning the
-- employee logged themself, or a record that came from no session with a
-- trainer (store/evaluation.c, eval_record_has_trainer). The answers are
-- one row per question answered, so a question left out is no answer, never
-- a zero: every mean is over the answers given. (PostgreSQL)
ALTER TABLE eval_questions ADD COLUMN about_trainer BIGINT NOT NULL DEFAULT 0
    CHECK (about_trainer IN (0, 1));
-- The questions kept so far that name a trainer in Dutch, French or English
-- are taken to be about one; HR changes it on the evaluation page.
UPDATE eval_questions SET about_trainer = 1
    WHERE lower(text) LIKE '%trainer%' OR lower(text) LIKE '%lesgever%'
       OR lower(text) LIKE '%docent%' OR lower(text) LIKE '%opleider%'
       OR lower(text) LIKE '%formateur%' OR lower(text) LIKE '%formatrice%'
       OR lower(text) LIKE '%instructeur%' OR lower(text) LIKE '%instructor%';
