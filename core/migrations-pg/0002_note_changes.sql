-- Who last changed a note to a customer (a draft edited, a card marked sent), and when: a save that finds the note
-- changed since it was read names them ("changed by Dana at …"), as an edited customer does.
ALTER TABLE notes ADD COLUMN updated_by TEXT REFERENCES users (id), ADD COLUMN updated_at TIMESTAMPTZ;
