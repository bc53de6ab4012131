-- Up Migration
-- Saved period reports: what was generated and sent (parameters, the figures as a JSON snapshot, the PDF bytes,
-- who and when). Append-only, like the histories: a report "as sent" can never be rewritten or removed.

CREATE TABLE saved_reports (
  id SERIAL PRIMARY KEY,
  created_by_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  oblast_id INTEGER REFERENCES oblasts(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
  period_from DATE NOT NULL,
  period_to DATE NOT NULL,
  locale TEXT NOT NULL,
  parameters JSONB NOT NULL,
  figures JSONB NOT NULL,
  pdf BYTEA NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  CONSTRAINT saved_reports_period CHECK (period_from <= period_to),
  CONSTRAINT saved_reports_pdf_present CHECK (octet_length(pdf) > 0)
);
CREATE INDEX saved_reports_oblast_id_created_at_idx ON saved_reports(oblast_id, created_at);
CREATE INDEX saved_reports_created_at_idx ON saved_reports(created_at);

SELECT batys_make_append_only('saved_reports');

-- Down Migration
-- Deliberately empty.
