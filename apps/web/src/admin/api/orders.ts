import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf, type QueryOf } from '../../lib/api';
import type { AdminOrder, AdminOrderStatus } from '../types';

export type OrderFilter = QueryOf<'/api/v1/admin/orders'> & { page: number };

export const useAdminOrders = (f: OrderFilter) =>
  useQuery({
    queryKey: ['admin', 'orders', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/orders', { params: { query: { ...f, per_page: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const useAdminOrder = (id: string) =>
  useQuery({
    queryKey: ['admin', 'orders', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/orders/{id}', { params: { path: { id } }, signal })),
    // Screens that learn the order id from another record pass '' until they have it.
    enabled: !!id,
  });

/** Every order action returns the order as it is now. */
function useOrderMutation<V>(id: string, fn: (v: V) => Promise<AdminOrder>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (order) => {
      qc.setQueryData(['admin', 'orders', id], order);
      void qc.invalidateQueries({ queryKey: ['admin', 'orders', 'list'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'deliveries'] });
    },
    // Refused (409: the order moved on meanwhile): show the order as it is now.
    onError: () => qc.invalidateQueries({ queryKey: ['admin', 'orders', id] }),
  });
}

export const useSetOrderStatus = (id: string) =>
  useOrderMutation(id, (body: BodyOf<'/api/v1/admin/orders/{id}/status'>) =>
    unwrap(api.POST('/api/v1/admin/orders/{id}/status', { params: { path: { id } }, body })),
  );

export const useAddOrderNote = (id: string) =>
  useOrderMutation(id, (body: string) =>
    unwrap(api.POST('/api/v1/admin/orders/{id}/notes', { params: { path: { id } }, body: { body } })),
  );

/** Cancelling goes through the order's own cancel (stock released, payment voided or refunded). */
export const useCancelOrder = (id: string) =>
  useOrderMutation(id, (reason: string) =>
    unwrap(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id } }, body: { reason } })),
  );

export const useFulfilOrder = (id: string) =>
  useOrderMutation(id, (body: BodyOf<'/api/v1/admin/orders/{id}/fulfil'>) =>
    unwrap(api.POST('/api/v1/admin/orders/{id}/fulfil', { params: { path: { id } }, body })),
  );

/**
 * The workflow the server enforces (orders/workflow.ts), used only to offer buttons that can
 * succeed. Cancelling has its own action (with a reason); refunds belong to the payments routes.
 */
export const NEXT_STATUSES: Record<AdminOrderStatus, AdminOrderStatus[]> = {
  pending_payment: ['confirmed', 'on_hold'],
  on_hold: ['confirmed'],
  confirmed: ['packed'],
  packed: ['out_for_delivery'],
  out_for_delivery: ['delivered'],
  delivered: [],
  partially_refunded: [],
  cancelled: [],
  refunded: [],
};

export const CANCELLABLE: AdminOrderStatus[] = ['pending_payment', 'on_hold', 'confirmed', 'packed'];
