import { useState } from 'react';
import { TagIcon } from '../../../components/icons';
import { errorMessage } from '../../../components/states';
import { useApplyCoupon, useRemoveCoupon } from '../api/coupon';
import type { Cart } from '../types';

export function CouponForm({ cart }: { cart: Cart }) {
  const [code, setCode] = useState('');
  const apply = useApplyCoupon();
  const remove = useRemoveCoupon();

  if (cart.coupon)
    return (
      <div className="flex items-center gap-3 rounded-xl border border-dashed border-brand-600 bg-brand-50/60 px-3 py-2.5">
        <TagIcon size={18} className="shrink-0 text-brand-700" />
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-bold">
            {cart.coupon.code}{' '}
            {cart.coupon.discount_cents > 0 && <span className="font-semibold text-brand-700">applied</span>}
          </p>
          <p className="truncate text-xs text-muted">
            {cart.coupon.problem ?? cart.coupon.description ?? 'Coupon applied'}
          </p>
        </div>
        <button
          type="button"
          onClick={() => remove.mutate()}
          disabled={remove.isPending}
          className="text-sm font-semibold text-red-600 hover:underline"
        >
          Remove
        </button>
      </div>
    );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) apply.mutate(code.trim(), { onSuccess: () => setCode('') });
      }}
    >
      <label htmlFor="coupon-code" className="mb-1 flex items-center gap-1.5 text-sm font-semibold">
        <TagIcon size={16} /> Have a coupon?
      </label>
      <div className="flex gap-2">
        <input
          id="coupon-code"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          placeholder="Enter code"
          autoComplete="off"
          aria-invalid={apply.isError || undefined}
          aria-describedby={apply.isError ? 'coupon-error' : undefined}
          className="h-10 min-w-0 flex-1 rounded-xl border border-line px-3 text-sm uppercase outline-none focus:border-brand-600"
        />
        <button
          type="submit"
          disabled={apply.isPending || !code.trim()}
          className="h-10 rounded-xl bg-gray-900 px-4 text-sm font-semibold text-white disabled:opacity-40"
        >
          Apply
        </button>
      </div>
      {apply.isError && (
        <p id="coupon-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
          {errorMessage(apply.error)}
        </p>
      )}
    </form>
  );
}
