import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProductCard as Card } from '../types';
import { ProductCard, ProductCardSkeleton, type RenderAction } from './product-card';

/** A titled, horizontally scrolling row of product cards (home, product page). */
export function ProductRail({
  title,
  products,
  loading,
  action,
  seeAllHref,
  subtitle,
}: {
  title: string;
  products: Card[] | undefined;
  loading?: boolean;
  action?: RenderAction;
  seeAllHref?: string;
  subtitle?: ReactNode;
}) {
  if (!loading && !products?.length) return null;
  return (
    <section aria-label={title} className="py-3">
      <div className="mb-3 flex items-end justify-between gap-3 px-4 md:px-0">
        <div>
          <h2 className="text-lg font-extrabold tracking-tight md:text-xl">{title}</h2>
          {subtitle && <p className="text-sm text-muted">{subtitle}</p>}
        </div>
        {seeAllHref && (
          <Link to={seeAllHref} className="shrink-0 text-sm font-semibold text-brand-600 hover:underline">
            See all
          </Link>
        )}
      </div>
      <ul className="scrollbar-none flex snap-x gap-2.5 overflow-x-auto px-4 pb-2 md:px-0">
        {loading && !products
          ? Array.from({ length: 6 }, (_, i) => (
              <li key={i} className="w-[44%] shrink-0 sm:w-44">
                <ProductCardSkeleton />
              </li>
            ))
          : products!.map((p) => (
              <li key={p.id} className="w-[44%] shrink-0 snap-start sm:w-44">
                <ProductCard product={p} action={action} />
              </li>
            ))}
      </ul>
    </section>
  );
}
