import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type BodyOf } from '../../lib/api';
import type { Delivery, DeliveryStatus } from '../types';
import { optional } from './optional';

/** The board: one page per status column (null: this server does not serve the delivery routes). */
export const useDeliveryColumn = (status: DeliveryStatus, storeId?: string) =>
  useQuery({
    queryKey: ['admin', 'deliveries', status, storeId ?? null],
    queryFn: ({ signal }) =>
      optional(
        unwrap(
          api.GET('/api/v1/admin/deliveries', {
            params: { query: { status, store_id: storeId, per_page: 50 } },
            signal,
          }),
        ),
      ),
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
    unwrap(
      api.POST('/api/v1/admin/deliveries/{id}/assign', { params: { path: { id } }, body: { rider_id } }),
    ),
  );

export const useSetDeliveryStatus = () =>
  useDeliveryMutation(({ id, ...body }: { id: string; status: DeliveryStatus; note?: string }) =>
    unwrap(api.POST('/api/v1/admin/deliveries/{id}/status', { params: { path: { id } }, body })),
  );

/** A step a rider can take (the board offers the same ones). */
export type DeliveryStep = BodyOf<'/api/v1/rider/deliveries/{id}/advance'>['status'];

/** The happy path one step at a time (delivery/workflow.ts NEXT); FAILED goes out again. */
export const NEXT_DELIVERY: Partial<Record<DeliveryStatus, DeliveryStep>> = {
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
