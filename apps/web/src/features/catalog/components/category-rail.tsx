import { Link } from 'react-router';
import { ProductImage } from '../../../components/product-image';
import { Skeleton } from '../../../components/states';
import type { CategoryNode } from '../types';

/** Top-level categories as picture tiles: a scrolling row on phones, a grid on wide screens. */
export function CategoryRail({ categories, loading }: { categories?: CategoryNode[]; loading?: boolean }) {
  return (
    <nav aria-label="Shop by category" className="py-3">
      <h2 className="mb-3 px-4 text-lg font-extrabold tracking-tight md:px-0 md:text-xl">Shop by category</h2>
      <ul className="scrollbar-none grid auto-cols-[76px] grid-flow-col grid-rows-2 gap-x-3 gap-y-4 overflow-x-auto px-4 pb-1 md:grid-flow-row md:grid-cols-6 md:grid-rows-none md:px-0 lg:grid-cols-12">
        {loading && !categories
          ? Array.from({ length: 12 }, (_, i) => (
              <li key={i} className="flex flex-col items-center gap-2">
                <Skeleton className="h-[76px] w-[76px] rounded-2xl" />
                <Skeleton className="h-3 w-14" />
              </li>
            ))
          : categories?.map((c) => (
              <li key={c.id}>
                <Link to={`/c/${c.slug}`} className="group flex flex-col items-center gap-1.5 text-center">
                  <span className="flex aspect-square w-[76px] items-center justify-center overflow-hidden rounded-2xl bg-gradient-to-b from-sky-50 to-brand-50 p-2 transition group-hover:scale-105 md:w-full md:max-w-[96px]">
                    <ProductImage src={c.icon_url} alt="" className="h-full w-full" />
                  </span>
                  <span className="line-clamp-2 text-[12px] leading-tight font-semibold text-ink">
                    {c.name}
                  </span>
                </Link>
              </li>
            ))}
      </ul>
    </nav>
  );
}
