-- Big imports write their rows first and index them for search right after, in steps: keeping the full-text
-- index up to date row by row (by trigger) takes far longer than indexing the same rows in bulk.

-- Rows of a table with `n` in (after_n, up_to_n] are not in the search index yet.
CREATE TABLE search_backlog (
    tbl      TEXT NOT NULL CHECK (tbl IN ('customers', 'contact_points', 'facts', 'notes')),
    after_n  INTEGER NOT NULL,
    up_to_n  INTEGER NOT NULL,
    PRIMARY KEY (tbl, after_n)
);
