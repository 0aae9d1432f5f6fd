-- Phone tails are now indexed up to 8 digits (longer tails are looked up by their last 8). The terms are blind
-- indexes only the server can compute, so they are emptied here and the server computes them again at start-up
-- (catchUpSearchTerms); the customers' search terms follow through the triggers.
UPDATE customer_phones SET tail_terms = '{}';
UPDATE contact_phones SET tail_terms = '{}';
