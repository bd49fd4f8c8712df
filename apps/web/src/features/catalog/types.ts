/** Shapes of the catalog API (apps/server/src/modules/catalog/routes.ts). */

export type ProductCard = {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  unit: string | null;
  currency: string;
  price_cents: number;
  sale_price_cents: number | null;
  effective_price_cents: number;
  discount_percent: number;
  in_stock: boolean;
  is_featured: boolean;
  rating_average: number;
  rating_count: number;
  image: { thumb: string; card: string } | null;
  category_id: string;
  tags: string[];
  default_variant_id: string | null;
  has_variants: boolean;
};

export type CategoryNode = {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: string | null;
  icon_url: string | null;
  banner_url: string | null;
  sort_order: number;
  depth: number;
  product_count: number;
  children: CategoryNode[];
};

export type Crumb = { id: string; name: string; slug: string };

export type CategoryDetail = Omit<CategoryNode, 'children'> & {
  breadcrumb: Crumb[];
  children: Omit<CategoryNode, 'children'>[];
};

export type Rendition = { url: string; width: number; height: number };
export type Renditions = { thumb: Rendition; card: Rendition; full: Rendition } | null;

export type Variant = {
  id: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  price_cents: number;
  sale_price_cents: number | null;
  effective_price_cents: number;
  discount_percent: number;
  is_default: boolean;
  position: number;
  status: 'active' | 'archived';
};

export type ProductImageInfo = {
  id: string;
  alt: string | null;
  is_main: boolean;
  position: number;
  status: 'processing' | 'ready' | 'failed';
  renditions: Renditions;
};

export type Distribution = Record<'1' | '2' | '3' | '4' | '5', number>;

export type ProductDetail = {
  id: string;
  slug: string;
  name: string;
  sku: string;
  short_description: string | null;
  description: string | null;
  brand: string | null;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  unit: string | null;
  currency: string;
  price_cents: number;
  sale_price_cents: number | null;
  effective_price_cents: number;
  discount_percent: number;
  in_stock: boolean;
  is_featured: boolean;
  rating: { average: number; count: number; distribution: Distribution };
  options: { name: string; values: string[] }[];
  main_image: Renditions;
  variants: Variant[];
  images: ProductImageInfo[];
  category: { id: string; name: string; slug: string; breadcrumb: Crumb[] } | null;
};

export type Facets = {
  categories: { id: string; name: string; slug: string; count: number }[];
  brands: { brand: string; count: number }[];
  price_buckets: { min_cents: number; max_cents: number | null; count: number }[];
};

export type Suggestions = {
  products: { id: string; name: string; slug: string; image: string | null }[];
  categories: Crumb[];
};
