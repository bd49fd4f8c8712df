import { SORTS, type ProductFilters, type Sort } from './api/search-products';

const int = (v: string | null, min = 0) => {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min ? n : undefined;
};

/**
 * Listing state lives in the URL (shareable, back-button friendly). Prices are whole cents in the
 * URL, as in the API. Unknown or malformed values are dropped rather than sent to the server.
 */
export function parseFilters(params: URLSearchParams): ProductFilters {
  const sort = params.get('sort');
  const rating = Number(params.get('rating'));
  const brands = (params.get('brand') ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return {
    q: params.get('q')?.trim() || undefined,
    category: params.get('category') || undefined,
    brand: brands.length ? brands : undefined,
    min_price: int(params.get('min_price')),
    max_price: int(params.get('max_price')),
    in_stock: params.get('in_stock') === '1' || undefined,
    featured: params.get('featured') === '1' || undefined,
    rating_gte: rating >= 1 && rating <= 5 ? rating : undefined,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : undefined,
    page: int(params.get('page'), 1),
  };
}

/** The inverse of parseFilters; `undefined` fields are left out. */
export function filtersToParams(f: ProductFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.category) p.set('category', f.category);
  if (f.brand?.length) p.set('brand', f.brand.join(','));
  if (f.min_price !== undefined) p.set('min_price', String(f.min_price));
  if (f.max_price !== undefined) p.set('max_price', String(f.max_price));
  if (f.in_stock) p.set('in_stock', '1');
  if (f.featured) p.set('featured', '1');
  if (f.rating_gte) p.set('rating', String(f.rating_gte));
  if (f.sort) p.set('sort', f.sort);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  return p;
}

/** A filter change starts again from page 1. */
export const withFilter = (f: ProductFilters, change: Partial<ProductFilters>): ProductFilters => ({
  ...f,
  ...change,
  page: 'page' in change ? change.page : undefined,
});

export const activeFilterCount = (f: ProductFilters) =>
  (f.brand?.length ?? 0) +
  (f.min_price !== undefined || f.max_price !== undefined ? 1 : 0) +
  (f.in_stock ? 1 : 0) +
  (f.rating_gte ? 1 : 0);
