-- Who last changed a note to a customer (a draft edited, a card marked sent), and when: a save that finds the note
-- changed since it was read names them ("changed by Dana at …"), as an edited customer does.
ALTER TABLE notes ADD COLUMN updated_by TEXT REFERENCES users (id), ADD COLUMN updated_at TIMESTAMPTZ;

-- Each person's own settings on a dealership book — their name and signature on a thank-you, their voice, zone,
-- working hours, notifications and how dates read — beside the dealership's (the `profile` row), which only a
-- manager changes.
ALTER TABLE users ADD COLUMN profile JSONB;
