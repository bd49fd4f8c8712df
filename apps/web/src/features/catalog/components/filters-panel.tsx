import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Checkbox } from '../../../components/field';
import { StarIcon } from '../../../components/icons';
import { cn } from '../../../lib/format';
import { formatMoney, parseMoney } from '../../../lib/money';
import type { ProductFilters } from '../api/search-products';
import type { Crumb, Facets } from '../types';

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="border-b border-line py-4 last:border-0">
      {/* A floated legend sits inside the padding instead of on the fieldset's top edge. */}
      <legend className="float-left mb-2 w-full text-xs font-bold tracking-wide text-muted uppercase">
        {title}
      </legend>
      <div className="clear-both space-y-2">{children}</div>
    </fieldset>
  );
}

const bucketLabel = (b: { min_cents: number; max_cents: number | null }) =>
  b.max_cents === null
    ? `${formatMoney(b.min_cents)} and above`
    : b.min_cents === 0
      ? `Under ${formatMoney(b.max_cents)}`
      : `${formatMoney(b.min_cents)} – ${formatMoney(b.max_cents)}`;

/**
 * Filters for a listing: category tree, price, brand, availability and rating, with the counts
 * the API computed over the current result set.
 */
export function FiltersPanel({
  filters,
  facets,
  onChange,
  categoryLinks,
  categoryTitle = 'Category',
}: {
  filters: ProductFilters;
  facets: Facets | undefined;
  onChange: (change: Partial<ProductFilters>) => void;
  /** Sub-categories to drill into (category page); otherwise the facet categories filter in place. */
  categoryLinks?: (Crumb & { count?: number; current?: boolean; depth?: number })[];
  categoryTitle?: string;
}) {
  const [min, setMin] = useState(filters.min_price !== undefined ? String(filters.min_price / 100) : '');
  const [max, setMax] = useState(filters.max_price !== undefined ? String(filters.max_price / 100) : '');
  useEffect(() => {
    setMin(filters.min_price !== undefined ? String(filters.min_price / 100) : '');
    setMax(filters.max_price !== undefined ? String(filters.max_price / 100) : '');
  }, [filters.min_price, filters.max_price]);

  const brands = facets?.brands ?? [];
  const selectedBrands = new Set(filters.brand ?? []);

  return (
    <div className="text-sm">
      {categoryLinks
        ? categoryLinks.length > 0 && (
            <Group title={categoryTitle}>
              <ul className="space-y-1">
                {categoryLinks.map((c) => (
                  <li key={c.id} style={{ paddingLeft: (c.depth ?? 0) * 12 }}>
                    <Link
                      to={`/c/${c.slug}`}
                      aria-current={c.current ? 'page' : undefined}
                      className={cn(
                        'flex justify-between rounded-lg px-2 py-1.5 hover:bg-brand-50',
                        c.current && 'bg-brand-50 font-bold text-brand-700',
                      )}
                    >
                      <span>{c.name}</span>
                      {c.count !== undefined && <span className="text-muted">{c.count}</span>}
                    </Link>
                  </li>
                ))}
              </ul>
            </Group>
          )
        : facets &&
          facets.categories.length > 0 && (
            <Group title={categoryTitle}>
              <label className="flex cursor-pointer items-center gap-2">
                <input
                  type="radio"
                  name="category"
                  className="accent-brand-600"
                  checked={!filters.category}
                  onChange={() => onChange({ category: undefined })}
                />
                <span className="flex-1">All categories</span>
              </label>
              {facets.categories.map((c) => (
                <label key={c.id} className="flex cursor-pointer items-center gap-2">
                  <input
                    type="radio"
                    name="category"
                    className="accent-brand-600"
                    checked={filters.category === c.slug}
                    onChange={() => onChange({ category: c.slug })}
                  />
                  <span className="flex-1">{c.name}</span>
                  <span className="text-muted">{c.count}</span>
                </label>
              ))}
            </Group>
          )}

      <Group title="Price">
        {facets?.price_buckets
          .filter((b) => b.count > 0)
          .map((b) => {
            const checked =
              filters.min_price === b.min_cents && filters.max_price === (b.max_cents ?? undefined);
            return (
              <label key={b.min_cents} className="flex cursor-pointer items-center gap-2">
                <input
                  type="radio"
                  name="price"
                  className="accent-brand-600"
                  checked={checked}
                  onChange={() => onChange({ min_price: b.min_cents, max_price: b.max_cents ?? undefined })}
                />
                <span className="flex-1">{bucketLabel(b)}</span>
                <span className="text-muted">{b.count}</span>
              </label>
            );
          })}
        <form
          className="flex items-end gap-2 pt-1"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ min_price: parseMoney(min), max_price: parseMoney(max) });
          }}
        >
          <label className="flex-1">
            <span className="mb-1 block text-xs text-muted">Min ($)</span>
            <input
              inputMode="decimal"
              value={min}
              onChange={(e) => setMin(e.target.value)}
              className="h-9 w-full rounded-lg border border-line px-2"
            />
          </label>
          <label className="flex-1">
            <span className="mb-1 block text-xs text-muted">Max ($)</span>
            <input
              inputMode="decimal"
              value={max}
              onChange={(e) => setMax(e.target.value)}
              className="h-9 w-full rounded-lg border border-line px-2"
            />
          </label>
          <button type="submit" className="h-9 rounded-lg bg-gray-900 px-3 text-xs font-semibold text-white">
            Go
          </button>
        </form>
        {(filters.min_price !== undefined || filters.max_price !== undefined) && (
          <button
            type="button"
            className="text-xs font-semibold text-brand-700 hover:underline"
            onClick={() => onChange({ min_price: undefined, max_price: undefined })}
          >
            Clear price
          </button>
        )}
      </Group>

      {brands.length > 0 && (
        <Group title="Brand">
          <div className="max-h-56 space-y-2 overflow-y-auto pr-1">
            {brands.map((b) => (
              <Checkbox
                key={b.brand}
                checked={selectedBrands.has(b.brand)}
                onChange={(e) => {
                  const next = new Set(selectedBrands);
                  if (e.target.checked) next.add(b.brand);
                  else next.delete(b.brand);
                  onChange({ brand: next.size ? [...next] : undefined });
                }}
                label={
                  <span className="flex w-full justify-between gap-2">
                    <span>{b.brand}</span>
                    <span className="text-muted">{b.count}</span>
                  </span>
                }
                className="[&>span]:flex-1"
              />
            ))}
          </div>
        </Group>
      )}

      <Group title="Availability">
        <Checkbox
          checked={!!filters.in_stock}
          onChange={(e) => onChange({ in_stock: e.target.checked || undefined })}
          label="In stock only"
        />
      </Group>

      <Group title="Customer rating">
        {[4, 3, 2].map((r) => (
          <label key={r} className="flex cursor-pointer items-center gap-2">
            <input
              type="radio"
              name="rating"
              className="accent-brand-600"
              checked={filters.rating_gte === r}
              onChange={() => onChange({ rating_gte: r })}
            />
            <span className="inline-flex items-center gap-1">
              {r} <StarIcon size={12} className="text-amber-400" /> & up
            </span>
          </label>
        ))}
        {filters.rating_gte && (
          <button
            type="button"
            className="text-xs font-semibold text-brand-700 hover:underline"
            onClick={() => onChange({ rating_gte: undefined })}
          >
            Any rating
          </button>
        )}
      </Group>
    </div>
  );
}
