import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf, type QueryOf } from '../../lib/api';

export const useCoupons = (f: QueryOf<'/api/v1/admin/coupons'> & { page: number }) =>
  useQuery({
    queryKey: ['admin', 'coupons', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/coupons', { params: { query: { ...f, per_page: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });

export type CouponBody = BodyOf<'/api/v1/admin/coupons'>;

export function useSaveCoupon() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CouponBody & { id?: string }) =>
      id
        ? unwrap(api.PATCH('/api/v1/admin/coupons/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/admin/coupons', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'coupons'] }),
  });
}

export function useDeleteCoupon() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/admin/coupons/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'coupons'] }),
  });
}

export const useTaxRates = () =>
  useQuery({
    queryKey: ['admin', 'tax-rates'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/tax-rates', { signal })),
  });

export function useSaveTaxRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/admin/tax-rates'> & { id?: string }) =>
      id
        ? unwrap(api.PATCH('/api/v1/admin/tax-rates/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/admin/tax-rates', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'tax-rates'] }),
  });
}

export function useDeleteTaxRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/admin/tax-rates/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'tax-rates'] }),
  });
}
