-- Up Migration
-- The catalog compiler's notes were English only; Kazakh and Russian pages showed them untranslated. The existing
-- text is the English note, so it is kept (renamed), and the import fills the Kazakh and Russian columns.
ALTER TABLE projects RENAME COLUMN source_note TO source_note_en;
ALTER TABLE projects ADD COLUMN source_note_kk text, ADD COLUMN source_note_ru text;
