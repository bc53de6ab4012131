-- Up Migration
-- The project list's most common filters are a sector (its categories) and a horizon. One index on both lets
-- PostgreSQL intersect it with the search index instead of reading every project of the sector; it also serves the
-- foreign key on category_id, so the single-column index goes.
CREATE INDEX projects_category_id_horizon_idx ON projects (category_id, horizon);
DROP INDEX projects_category_id_idx;
