import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { Coupon, TaxRate } from '../types';

export const useCoupons = (f: { q?: string; active?: 'true' | 'false'; page: number }) =>
  useQuery({
    queryKey: ['admin', 'coupons', f],
    queryFn: ({ signal }) => api<Page<Coupon>>('/admin/coupons', { signal, query: { ...f, per_page: 25 } }),
    placeholderData: keepPreviousData,
  });

export type CouponBody = Omit<Coupon, 'id' | 'times_used'>;

export function useSaveCoupon() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CouponBody & { id?: string }) =>
      id
        ? api<Coupon>(`/admin/coupons/${id}`, { method: 'PATCH', body })
        : api<Coupon>('/admin/coupons', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'coupons'] }),
  });
}

export function useDeleteCoupon() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ deleted: boolean; deactivated: boolean; code: string }>(`/admin/coupons/${id}`, {
        method: 'DELETE',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'coupons'] }),
  });
}

export const useTaxRates = () =>
  useQuery({
    queryKey: ['admin', 'tax-rates'],
    queryFn: ({ signal }) => api<TaxRate[]>('/admin/tax-rates', { signal }),
  });

export function useSaveTaxRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Omit<TaxRate, 'id'> & { id?: string }) =>
      id
        ? api<TaxRate>(`/admin/tax-rates/${id}`, { method: 'PATCH', body })
        : api<TaxRate>('/admin/tax-rates', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'tax-rates'] }),
  });
}

export function useDeleteTaxRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/admin/tax-rates/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'tax-rates'] }),
  });
}
