-- The product search document, kept current by the database itself (CAT-5):
-- name weighs most (A), then brand and tags (B), then the descriptions (C).
CREATE FUNCTION products_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.brand, '') || ' ' || array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.short_description, '') || ' ' || coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER products_search_vector_trigger
  BEFORE INSERT OR UPDATE OF name, brand, tags, short_description, description ON products
  FOR EACH ROW EXECUTE FUNCTION products_search_vector_update();
