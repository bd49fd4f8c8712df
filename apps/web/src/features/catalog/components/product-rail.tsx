import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ChevronLeft, ChevronRight } from '../../../components/icons';
import type { ProductCard as Card } from '../types';
import { ProductCard, ProductCardSkeleton, type RenderAction } from './product-card';

/**
 * A titled, horizontally scrolling row of product cards (home, product page). Phones swipe it;
 * wider screens also get previous/next buttons, since a mouse cannot swipe.
 */
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
  const list = useRef<HTMLUListElement>(null);
  const [edges, setEdges] = useState({ start: true, end: true });
  const measure = useCallback(() => {
    const el = list.current;
    if (!el) return;
    setEdges({
      start: el.scrollLeft <= 1,
      end: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1,
    });
  }, []);
  useEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure, products]);
  const page = (direction: 1 | -1) =>
    list.current?.scrollBy({ left: direction * list.current.clientWidth * 0.9, behavior: 'smooth' });

  if (!loading && !products?.length) return null;
  const scrollButton =
    'flex h-8 w-8 items-center justify-center rounded-full border border-line bg-white text-ink shadow-sm hover:bg-gray-50 disabled:opacity-40 disabled:shadow-none';
  return (
    <section aria-label={title} className="py-3">
      <div className="mb-3 flex items-end justify-between gap-3 px-4 md:px-0">
        <div>
          <h2 className="text-lg font-extrabold tracking-tight md:text-xl">{title}</h2>
          {subtitle && <p className="text-sm text-muted">{subtitle}</p>}
        </div>
        <div className="flex shrink-0 items-center gap-3">
          {seeAllHref && (
            <Link to={seeAllHref} className="text-sm font-semibold text-brand-600 hover:underline">
              See all
            </Link>
          )}
          {!(edges.start && edges.end) && (
            <div className="hidden gap-1.5 md:flex">
              <button
                type="button"
                className={scrollButton}
                onClick={() => page(-1)}
                disabled={edges.start}
                aria-label={`Earlier in ${title}`}
              >
                <ChevronLeft size={18} />
              </button>
              <button
                type="button"
                className={scrollButton}
                onClick={() => page(1)}
                disabled={edges.end}
                aria-label={`More in ${title}`}
              >
                <ChevronRight size={18} />
              </button>
            </div>
          )}
        </div>
      </div>
      <ul
        ref={list}
        onScroll={measure}
        className="scrollbar-none flex snap-x gap-2.5 overflow-x-auto scroll-smooth px-4 pb-2 md:px-0"
      >
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
