-- The structured parts of names and addresses an imported file gave (issue 13), as JSON: an export writes them
-- back instead of guessing from the one-line text. NULL when the file had none (or the customer was added by hand).
ALTER TABLE customers ADD COLUMN name_parts TEXT;
ALTER TABLE contact_points ADD COLUMN parts TEXT;
