-- The agenda's questions answered from indexes alone (issue 14): each index that finds the customers who may have
-- a reason now carries customer_id, so a 100,000-customer book answers "who has an open promise, a warranty
-- ending, a dated fact in the window" by reading index pages, not one table page per row found (a new process
-- starts with an empty page cache: each of those pages was a read from the file).
DROP INDEX IF EXISTS promises_open_by_due;
CREATE INDEX promises_open_by_due ON promises (due_on, customer_id) WHERE status = 'open';
DROP INDEX IF EXISTS purchases_warranty;
CREATE INDEX purchases_warranty ON purchases (warranty_ends_on, customer_id) WHERE warranty_ends_on IS NOT NULL;
DROP INDEX IF EXISTS purchases_term;
CREATE INDEX purchases_term ON purchases (term_ends_on, ownership, customer_id) WHERE term_ends_on IS NOT NULL;
DROP INDEX IF EXISTS interactions_asked;
CREATE INDEX interactions_asked ON interactions (at, customer_id, asked_for) WHERE asked_for IS NOT NULL;
DROP INDEX IF EXISTS interactions_praise;
CREATE INDEX interactions_praise ON interactions (at, customer_id) WHERE direction = 'in' AND sentiment = 'positive';
-- Personal dates in the window by their date; birthdays and anniversaries, which come back every year, by their
-- day of the year (the same words the agenda's question uses, so SQLite knows the index answers it).
CREATE INDEX facts_by_date ON facts (date, customer_id) WHERE date IS NOT NULL;
CREATE INDEX facts_yearly ON facts (substr(date, 6), customer_id)
    WHERE date IS NOT NULL AND (lower(text) LIKE '%birthday%' OR lower(text) LIKE '%anniversary%');
CREATE INDEX deliverables_pending ON deliverables (purchase_id, delivered_on) WHERE delivered_on IS NULL;
DROP INDEX IF EXISTS issues_open;
CREATE INDEX issues_open ON issues (status, resolved_on, customer_id);
CREATE INDEX issues_resolved ON issues (resolved_on, customer_id) WHERE resolved_on IS NOT NULL;
