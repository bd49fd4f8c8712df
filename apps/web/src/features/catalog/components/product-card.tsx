import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Price } from '../../../components/price';
import { ProductImage } from '../../../components/product-image';
import { Skeleton } from '../../../components/states';
import { StarIcon } from '../../../components/icons';
import type { ProductCard as Card } from '../types';

export type RenderAction = (product: Card) => ReactNode;

/** The quick-commerce product tile: picture, unit, price and the add control in one glance. */
export function ProductCard({ product: p, action }: { product: Card; action?: RenderAction }) {
  return (
    <article className="group relative flex h-full flex-col rounded-2xl border border-line bg-white p-3 shadow-card transition hover:shadow-float">
      {p.discount_percent > 0 && (
        <span className="absolute top-0 left-3 z-10 rounded-b-lg bg-blue-600 px-1.5 py-1 text-[11px] leading-none font-bold text-white">
          {p.discount_percent}% OFF
        </span>
      )}
      <Link to={`/p/${p.slug}`} className="flex flex-1 flex-col outline-none" aria-label={p.name}>
        <div className="relative mb-2 aspect-square overflow-hidden rounded-xl bg-gray-50">
          <ProductImage
            src={p.image?.card}
            alt=""
            className="h-full w-full transition duration-300 group-hover:scale-105"
          />
          {!p.in_stock && (
            <span className="absolute inset-x-0 bottom-2 mx-auto w-fit rounded-md bg-gray-900/80 px-2 py-0.5 text-[11px] font-semibold text-white">
              Out of stock
            </span>
          )}
        </div>
        {p.rating_count > 0 && (
          <span className="mb-1 inline-flex w-fit items-center gap-0.5 rounded bg-brand-50 px-1 text-[11px] font-semibold text-brand-700">
            <StarIcon size={10} /> {p.rating_average.toFixed(1)}
            <span className="font-normal text-muted">({p.rating_count})</span>
          </span>
        )}
        <h3 className="line-clamp-2 min-h-[2.5rem] text-[13px] leading-5 font-semibold text-ink sm:text-sm">
          {p.name}
        </h3>
        <p className="mt-0.5 text-xs text-muted">{p.unit ?? '\u00a0'}</p>
      </Link>
      <div className="mt-2 flex items-end justify-between gap-2">
        <Price
          cents={p.effective_price_cents}
          compareAtCents={p.sale_price_cents !== null ? p.price_cents : null}
          currency={p.currency}
          size="sm"
          className="flex-col gap-0"
        />
        {action?.(p)}
      </div>
    </article>
  );
}

export function ProductCardSkeleton() {
  return (
    <div className="rounded-2xl border border-line bg-white p-3">
      <Skeleton className="mb-2 aspect-square w-full" />
      <Skeleton className="mb-1 h-4 w-full" />
      <Skeleton className="mb-3 h-3 w-1/2" />
      <div className="flex items-center justify-between">
        <Skeleton className="h-5 w-12" />
        <Skeleton className="h-8 w-16" />
      </div>
    </div>
  );
}
