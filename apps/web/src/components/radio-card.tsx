import type { ReactNode } from 'react';
import { cn } from '../lib/format';

/** A radio button on a bordered card that is its label, outlined while chosen. */
export function RadioCard({
  name,
  checked,
  onChange,
  alignTop,
  className,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  /** Several lines of content: the radio sits by the first one instead of the middle. */
  alignTop?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-xl border-2 p-3 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
        !alignTop && 'items-center',
        checked ? 'border-brand-600 bg-brand-50/50' : 'border-line',
        className,
      )}
    >
      <input
        type="radio"
        name={name}
        className={cn('accent-brand-600', alignTop && 'mt-1')}
        checked={checked}
        onChange={onChange}
      />
      {children}
    </label>
  );
}
