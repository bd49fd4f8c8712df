import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, formData, unwrap, type BodyOf, type QueryOf } from '../../lib/api';
import type { AdminProductCard } from '../types';

export const useWarehouses = () =>
  useQuery({
    queryKey: ['admin', 'warehouses'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/warehouses', { signal })),
    staleTime: 5 * 60_000,
  });

export const useInventorySummary = (warehouseId?: string) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'summary', warehouseId ?? null],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/inventory/summary', {
          params: { query: { warehouse_id: warehouseId } },
          signal,
        }),
      ),
  });

export const useStock = (f: { warehouse_id?: string; low_stock?: boolean; page: number }) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'stock', f],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/inventory', {
          params: { query: { ...f, low_stock: f.low_stock ? 'true' : undefined, per_page: 50 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const useLowStock = (f: QueryOf<'/api/v1/admin/inventory/low-stock'> & { page: number }) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'low-stock', f],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/inventory/low-stock', { params: { query: { per_page: 50, ...f } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });

export const useMovements = (f: QueryOf<'/api/v1/admin/inventory/movements'> & { page: number }) =>
  useQuery({
    queryKey: ['admin', 'inventory', 'movements', f],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/inventory/movements', { params: { query: { ...f, per_page: 50 } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });

export type VariantInfo = {
  productId: string;
  productName: string;
  variantName: string | null;
  sku: string | null;
  image: string | null;
};

/**
 * Stock rows and movements name only a variant id. This resolves ids to product names from the
 * staff product list (every status, 100 a page), plus the detail of products that have several
 * variants.
 */
export const useVariantDirectory = () =>
  useQuery({
    queryKey: ['admin', 'variant-directory'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => {
      const dir = new Map<string, VariantInfo>();
      const cards: AdminProductCard[] = [];
      for (let page = 1; page <= 20; page++) {
        const res = await unwrap(
          api.GET('/api/v1/admin/products', { params: { query: { per_page: 100, page } }, signal }),
        );
        cards.push(...res.items);
        if (page >= res.total_pages) break;
      }
      for (const c of cards)
        if (c.default_variant_id)
          dir.set(c.default_variant_id, {
            productId: c.id,
            productName: c.name,
            variantName: null,
            sku: c.sku,
            image: c.image?.thumb ?? null,
          });
      const multi = cards.filter((c) => c.has_variants);
      const details = await Promise.all(
        multi.map((c) =>
          unwrap(api.GET('/api/v1/admin/products/{id}', { params: { path: { id: c.id } }, signal })).catch(
            () => null,
          ),
        ),
      );
      for (const p of details)
        for (const v of p?.variants ?? [])
          dir.set(v.id, {
            productId: p!.id,
            productName: p!.name,
            variantName: v.name === 'Default' ? null : v.name,
            sku: v.sku,
            image: dir.get(v.id)?.image ?? null,
          });
      return dir;
    },
  });

function useStockMutation<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'inventory'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
    },
  });
}

export const useRestock = () =>
  useStockMutation((body: BodyOf<'/api/v1/admin/inventory/restock'>) =>
    unwrap(api.POST('/api/v1/admin/inventory/restock', { body })),
  );

export const useAdjust = () =>
  useStockMutation((body: BodyOf<'/api/v1/admin/inventory/adjust'>) =>
    unwrap(api.POST('/api/v1/admin/inventory/adjust', { body })),
  );

export const useTransfer = () =>
  useStockMutation((body: BodyOf<'/api/v1/admin/inventory/transfer'>) =>
    unwrap(api.POST('/api/v1/admin/inventory/transfer', { body })),
  );

export function useStartSync() {
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(api.POST('/api/v1/admin/inventory/sync', { body: { file }, bodySerializer: formData })),
  });
}

/** The sync job, polled until it finishes; then stock has changed, so inventory lists refresh. */
export function useSyncJob(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['admin', 'sync-job', id],
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const job = await unwrap(
        api.GET('/api/v1/admin/inventory/sync/{id}', { params: { path: { id: id! } }, signal }),
      );
      if (job.status === 'completed') void qc.invalidateQueries({ queryKey: ['admin', 'inventory'] });
      return job;
    },
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'completed' || s === 'failed' || s === 'cancelled' ? false : 1000;
    },
  });
}

export type WarehouseBody = BodyOf<'/api/v1/admin/warehouses'>;

export function useSaveWarehouse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: WarehouseBody & { id?: string }) =>
      id
        ? unwrap(api.PATCH('/api/v1/admin/warehouses/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/admin/warehouses', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'warehouses'] }),
  });
}
