-- Up Migration
-- The report snapshot a PDF is printed from, held for the seconds of the print: generating a report takes one
-- snapshot, stores it in saved_reports.figures and prints it from here (the print page reads this row, never the
-- live tables), so a write during the print cannot make the PDF and the saved figures differ. A table rather than
-- server memory because the renderer's request may reach any instance. Rows are deleted when the print ends and
-- expire otherwise; owner_id is a plain id (a transient row, no history to keep).

CREATE TABLE report_print_snapshots (
  token TEXT PRIMARY KEY,
  owner_id INTEGER NOT NULL,
  report JSONB NOT NULL,
  expires_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX report_print_snapshots_expires_at_idx ON report_print_snapshots(expires_at);

-- Down Migration
DROP TABLE report_print_snapshots;
