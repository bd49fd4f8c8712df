import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { Delivery, DeliveryStatus } from '../types';
import { optionalApi } from './optional';

/** The board: one page per status column (null: the delivery routes are not on this server yet). */
export const useDeliveryColumn = (status: DeliveryStatus, storeId?: string) =>
  useQuery({
    queryKey: ['admin', 'deliveries', status, storeId ?? null],
    queryFn: ({ signal }) =>
      optionalApi<Page<Delivery>>('/admin/deliveries', {
        signal,
        query: { status, store_id: storeId, per_page: 50 },
      }),
    refetchInterval: 15_000,
  });

function useDeliveryMutation<V>(fn: (v: V) => Promise<Delivery>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'deliveries'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'orders'] });
    },
  });
}

export const useAssignRider = () =>
  useDeliveryMutation(({ id, rider_id }: { id: string; rider_id: string }) =>
    api<Delivery>(`/admin/deliveries/${id}/assign`, { method: 'POST', body: { rider_id } }),
  );

export const useSetDeliveryStatus = () =>
  useDeliveryMutation(({ id, ...body }: { id: string; status: DeliveryStatus; note?: string }) =>
    api<Delivery>(`/admin/deliveries/${id}/status`, { method: 'POST', body }),
  );

/** The happy path one step at a time (delivery/workflow.ts NEXT); FAILED goes out again. */
export const NEXT_DELIVERY: Partial<Record<DeliveryStatus, DeliveryStatus>> = {
  PLACED: 'PACKED',
  PACKED: 'OUT_FOR_DELIVERY',
  OUT_FOR_DELIVERY: 'DELIVERED',
  FAILED: 'OUT_FOR_DELIVERY',
};

export const DELIVERY_LABEL: Record<DeliveryStatus, string> = {
  PLACED: 'Placed',
  PACKED: 'Packed',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED: 'Failed attempt',
  CANCELLED: 'Cancelled',
};
