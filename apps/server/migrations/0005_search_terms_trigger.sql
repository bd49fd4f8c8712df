-- The spelling dictionary for search: words of product names, brands and tags (unstemmed,
-- at least three letters, not plain numbers). Words are only ever added; a stale word costs a
-- correction candidate that matches nothing, never a wrong result.
CREATE FUNCTION search_terms_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (term)
  SELECT DISTINCT w
  FROM unnest(tsvector_to_array(to_tsvector('simple',
         coalesce(NEW.name, '') || ' ' || coalesce(NEW.brand, '') || ' ' || array_to_string(NEW.tags, ' ')))) AS w
  WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
  ON CONFLICT (term) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER products_search_terms_trigger
  AFTER INSERT OR UPDATE OF name, brand, tags ON products
  FOR EACH ROW EXECUTE FUNCTION search_terms_collect();
--> statement-breakpoint
INSERT INTO search_terms (term)
SELECT DISTINCT w
FROM products, unnest(tsvector_to_array(to_tsvector('simple',
       coalesce(name, '') || ' ' || coalesce(brand, '') || ' ' || array_to_string(tags, ' ')))) AS w
WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
ON CONFLICT (term) DO NOTHING;
