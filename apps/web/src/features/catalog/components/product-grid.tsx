import type { ProductCard as Card } from '../types';
import { ProductCard, ProductCardSkeleton, type RenderAction } from './product-card';

const gridClass = 'grid grid-cols-2 gap-2.5 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4 xl:grid-cols-5';

export function ProductGrid({
  products,
  action,
  className,
}: {
  products: Card[];
  action?: RenderAction;
  className?: string;
}) {
  return (
    <ul className={className ?? gridClass}>
      {products.map((p) => (
        <li key={p.id}>
          <ProductCard product={p} action={action} />
        </li>
      ))}
    </ul>
  );
}

export function ProductGridSkeleton({ count = 10, className }: { count?: number; className?: string }) {
  return (
    <div className={className ?? gridClass} role="status" aria-label="Loading products">
      {Array.from({ length: count }, (_, i) => (
        <ProductCardSkeleton key={i} />
      ))}
    </div>
  );
}
