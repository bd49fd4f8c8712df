import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Dialog } from '../../components/dialog';
import { FilterIcon, SearchIcon } from '../../components/icons';
import { EmptyState, ErrorState } from '../../components/states';
import { cn, plural } from '../../lib/format';
import { useSearchProducts, type ProductFilters } from '../../features/catalog/api/search-products';
import { FiltersPanel } from '../../features/catalog/components/filters-panel';
import { Pagination } from '../../features/catalog/components/pagination';
import { ProductGrid, ProductGridSkeleton } from '../../features/catalog/components/product-grid';
import { SortSelect } from '../../features/catalog/components/sort-select';
import type { Crumb } from '../../features/catalog/types';
import {
  activeFilterCount,
  filtersToParams,
  parseFilters,
  withFilter,
} from '../../features/catalog/url-filters';
import { useShopperStoreId } from '../../features/location/shopper-store';
import { addToCartAction } from './product-action';

const grid = 'grid grid-cols-2 gap-2.5 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4';

/**
 * A product listing driven by the URL: search results and category pages. `fixed` filters (the
 * category of a category page) are not in the URL and cannot be removed from here.
 */
export function Listing({
  fixed = {},
  heading,
  categoryLinks,
  categoryTitle,
}: {
  fixed?: Partial<ProductFilters>;
  heading: ReactNode;
  categoryLinks?: (Crumb & { count?: number; current?: boolean; depth?: number })[];
  categoryTitle?: string;
}) {
  const [params, setParams] = useSearchParams();
  const fromUrl = parseFilters(params);
  const store = useShopperStoreId();
  const filters: ProductFilters = { ...fromUrl, ...fixed, store, per_page: 24 };
  const searching = !!filters.q;
  const sort = filters.sort ?? (searching ? 'relevance' : 'popularity');
  const { data, isPending, error, refetch, isPlaceholderData } = useSearchProducts(filters);
  const [sheet, setSheet] = useState(false);
  const activeCount = activeFilterCount(fromUrl);

  const change = (c: Partial<ProductFilters>) => {
    setParams(filtersToParams(withFilter(fromUrl, c)), { preventScrollReset: false });
  };
  const clearAll = () =>
    setParams(filtersToParams({ q: fromUrl.q, sort: fromUrl.sort, featured: fromUrl.featured }));

  const panel = (
    <FiltersPanel
      filters={filters}
      facets={data?.facets}
      onChange={change}
      categoryLinks={categoryLinks}
      categoryTitle={categoryTitle}
    />
  );

  return (
    <div className="px-4 py-4 md:py-6">
      {heading}
      <div className="mt-4 flex gap-6">
        <aside className="hidden w-60 shrink-0 md:block" aria-label="Filters">
          <div className="sticky top-24 max-h-[calc(100dvh-7rem)] overflow-y-auto rounded-2xl border border-line bg-white px-4">
            {panel}
          </div>
        </aside>
        <div className="min-w-0 flex-1">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted" aria-live="polite">
              <span data-testid="result-count">{data ? plural(data.total, 'product') : '\u00a0'}</span>
              {activeCount > 0 && (
                <button
                  type="button"
                  onClick={clearAll}
                  className="ml-3 font-semibold text-brand-700 hover:underline"
                >
                  Clear filters
                </button>
              )}
            </p>
            <div className="flex items-center gap-2">
              <button
                type="button"
                onClick={() => setSheet(true)}
                className="flex h-10 items-center gap-1.5 rounded-xl border border-line bg-white px-3 text-sm font-semibold md:hidden"
              >
                <FilterIcon size={16} /> Filters
                {activeCount > 0 && (
                  <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white">{activeCount}</span>
                )}
              </button>
              <SortSelect value={sort} searching={searching} onChange={(s) => change({ sort: s })} />
            </div>
          </div>

          {isPending ? (
            <ProductGridSkeleton className={grid} count={12} />
          ) : error ? (
            <ErrorState error={error} onRetry={() => void refetch()} />
          ) : data.items.length === 0 ? (
            <EmptyState
              icon={<SearchIcon size={28} />}
              title={searching ? `No results for “${filters.q}”` : 'Nothing here yet'}
              action={
                activeCount > 0 ? (
                  <button
                    type="button"
                    onClick={clearAll}
                    className="h-10 rounded-xl bg-brand-600 px-4 text-sm font-semibold text-white"
                  >
                    Clear filters
                  </button>
                ) : undefined
              }
            >
              {activeCount > 0
                ? 'Try removing a filter or two.'
                : 'Check the spelling or try a more general word, like “milk” or “snacks”.'}
            </EmptyState>
          ) : (
            <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')}>
              <ProductGrid products={data.items} action={addToCartAction} className={grid} />
              <Pagination
                page={data.page}
                totalPages={data.total_pages}
                onPage={(p) => {
                  change({ page: p });
                  window.scrollTo({ top: 0 });
                }}
              />
            </div>
          )}
        </div>
      </div>
      <Dialog
        open={sheet}
        onClose={() => setSheet(false)}
        title="Filters"
        footer={
          <button
            type="button"
            onClick={() => setSheet(false)}
            className="h-12 w-full rounded-xl bg-brand-600 font-bold text-white"
          >
            Show {data ? plural(data.total, 'product') : 'products'}
          </button>
        }
      >
        <div className="px-5">{panel}</div>
      </Dialog>
    </div>
  );
}
