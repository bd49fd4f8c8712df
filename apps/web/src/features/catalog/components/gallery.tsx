import { useState } from 'react';
import { ProductImage } from '../../../components/product-image';
import { cn } from '../../../lib/format';
import type { ProductDetail } from '../types';

/** Main picture with thumbnails; thumbnails are buttons, so the gallery works from the keyboard. */
export function Gallery({ product }: { product: ProductDetail }) {
  const ready = product.images.filter((i) => i.renditions).sort((a, b) => a.position - b.position);
  const mainIndex = Math.max(
    0,
    ready.findIndex((i) => i.is_main),
  );
  const [index, setIndex] = useState(mainIndex);
  const current = ready[index] ?? ready[0];
  const src = current?.renditions?.full.url ?? product.main_image?.full.url;

  return (
    <div>
      <div className="mx-auto aspect-square w-full max-w-[38vh] overflow-hidden rounded-2xl border border-line bg-white md:max-w-none">
        <ProductImage src={src} alt={current?.alt ?? product.name} className="h-full w-full p-4" eager />
      </div>
      {ready.length > 1 && (
        <ul className="scrollbar-none mt-3 flex gap-2 overflow-x-auto" aria-label="More pictures">
          {ready.map((img, i) => (
            <li key={img.id}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={`Picture ${i + 1} of ${ready.length}`}
                aria-pressed={i === index}
                className={cn(
                  'h-16 w-16 overflow-hidden rounded-xl border-2 bg-white p-1',
                  i === index ? 'border-brand-600' : 'border-line',
                )}
              >
                <ProductImage src={img.renditions?.thumb.url} alt="" className="h-full w-full" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
