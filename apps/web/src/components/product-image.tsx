import { useState } from 'react';
import { cn } from '../lib/format';
import { BagIcon } from './icons';

/** A product picture that degrades to a neutral tile when missing or broken. */
export function ProductImage({
  src,
  alt,
  className,
  eager,
}: {
  src: string | null | undefined;
  alt: string;
  className?: string;
  eager?: boolean;
}) {
  const [broken, setBroken] = useState(false);
  if (!src || broken)
    return (
      <div
        className={cn('flex items-center justify-center bg-gray-100 text-gray-300', className)}
        role="img"
        aria-label={alt}
      >
        <BagIcon size={32} />
      </div>
    );
  return (
    <img
      src={src}
      alt={alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      onError={() => setBroken(true)}
      className={cn('object-contain', className)}
    />
  );
}
