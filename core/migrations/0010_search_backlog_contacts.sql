-- A big write (an import, the generated book) also leaves goals and contacts (interactions) to be indexed in bulk
-- after it: left to their insert triggers, a generated book's 500,000 contacts each flushed the full-text index's
-- pending words at their statement's end, and the index spent a third of the generation merging what that made.
CREATE TABLE search_backlog_new (
    tbl      TEXT NOT NULL CHECK (tbl IN ('customers', 'contact_points', 'facts', 'goals', 'notes', 'interactions')),
    after_n  INTEGER NOT NULL,
    up_to_n  INTEGER NOT NULL,
    PRIMARY KEY (tbl, after_n)
);
INSERT INTO search_backlog_new (tbl, after_n, up_to_n) SELECT tbl, after_n, up_to_n FROM search_backlog;
DROP TABLE search_backlog;
ALTER TABLE search_backlog_new RENAME TO search_backlog;
