-- Trigram matching for typo-tolerant, prefix-friendly product search (CAT-5).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
