-- Indexes for finding, in a book of 100,000 customers, the few who may have a reason today.
CREATE INDEX facts_dated ON facts (customer_id) WHERE date IS NOT NULL;
CREATE INDEX interactions_asked ON interactions (at) WHERE asked_for IS NOT NULL;
CREATE INDEX interactions_praise ON interactions (at) WHERE direction = 'in' AND sentiment = 'positive';
CREATE INDEX interactions_outbound ON interactions (customer_id, at) WHERE direction = 'out';
CREATE INDEX purchases_warranty ON purchases (warranty_ends_on) WHERE warranty_ends_on IS NOT NULL;
CREATE INDEX purchases_term ON purchases (term_ends_on) WHERE term_ends_on IS NOT NULL;
CREATE INDEX issues_open ON issues (status, resolved_on);
