import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, formData, unwrap, type BodyOf, type QueryOf } from '../../lib/api';
import type { Category, Product } from '../types';

export type ProductFilter = QueryOf<'/api/v1/admin/products'> & { page: number };

/** The staff product list: every status, drafts and archived included, most recently changed first. */
export const useProductList = (f: ProductFilter) =>
  useQuery({
    queryKey: ['admin', 'products', 'list', f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/products', { params: { query: { ...f, per_page: 25 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const useProduct = (id: string | undefined) =>
  useQuery({
    queryKey: ['admin', 'products', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/products/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });

/**
 * The whole gallery with each image's processing status (the product detail embeds ready images
 * only). Polled while an upload is still being turned into renditions.
 */
export const useProductImages = (productId: string) =>
  useQuery({
    queryKey: ['admin', 'products', productId, 'images'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/products/{productId}/images', { params: { path: { productId } }, signal })),
    refetchInterval: (q) => (q.state.data?.some((i) => i.status === 'processing') ? 1500 : false),
  });

export const useCategories = () =>
  useQuery({
    queryKey: ['admin', 'categories'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/categories', { signal })),
    staleTime: 60_000,
  });

/** The category tree flattened in display order, with depth for indenting. */
export function flattenCategories(tree: Category[] | undefined): Category[] {
  const out: Category[] = [];
  const walk = (nodes: Category[]) => {
    for (const n of [...nodes].sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name))) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(tree ?? []);
  return out;
}

/** Flattened categories as drop-down choices, each name indented by its depth. */
export const categoryOptions = (flat: Category[]) =>
  flat.map((c) => ({ value: c.id, label: `${'\u00a0\u00a0'.repeat(c.depth)}${c.name}` }));

export const usePriceHistory = (id: string) =>
  useQuery({
    queryKey: ['admin', 'products', id, 'price-history'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/products/{id}/price-history', { params: { path: { id } }, signal })),
  });

/** Every change to a product returns the whole product: store it, and refresh lists. */
function useProductMutation<V>(fn: (v: V) => Promise<Product>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (p) => {
      qc.setQueryData(['admin', 'products', p.id], p);
      void qc.invalidateQueries({ queryKey: ['admin', 'products', 'list'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'products', p.id, 'price-history'] });
    },
  });
}

export type NewProductBody = BodyOf<'/api/v1/admin/products'>;
export type ProductBody = BodyOf<'/api/v1/admin/products/{id}', 'patch'>;

export const useCreateProduct = () =>
  useProductMutation((body: NewProductBody) => unwrap(api.POST('/api/v1/admin/products', { body })));

export const useUpdateProduct = (id: string) =>
  useProductMutation((body: ProductBody) =>
    unwrap(api.PATCH('/api/v1/admin/products/{id}', { params: { path: { id } }, body })),
  );

export type VariantBody = BodyOf<'/api/v1/admin/products/{id}/variants/{variantId}', 'patch'>;

export const useAddVariant = (id: string) =>
  useProductMutation((body: BodyOf<'/api/v1/admin/products/{id}/variants'>) =>
    unwrap(api.POST('/api/v1/admin/products/{id}/variants', { params: { path: { id } }, body })),
  );

export const useUpdateVariant = (id: string) =>
  useProductMutation(({ variantId, ...body }: VariantBody & { variantId: string }) =>
    unwrap(
      api.PATCH('/api/v1/admin/products/{id}/variants/{variantId}', {
        params: { path: { id, variantId } },
        body,
      }),
    ),
  );

export function useArchiveProduct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/admin/products/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'products'] }),
  });
}

/** Gallery changes: the product detail embeds the gallery, so it is re-read after each. */
function useImageMutation<V>(productId: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin', 'products', productId] }),
  });
}

export const useUploadImage = (productId: string) =>
  useImageMutation(productId, ({ file, alt }: { file: File; alt?: string }) =>
    unwrap(
      api.POST('/api/v1/admin/products/{productId}/images', {
        params: { path: { productId } },
        body: { file, alt: alt || undefined },
        bodySerializer: formData,
      }),
    ),
  );

export const useReorderImages = (productId: string) =>
  useImageMutation(productId, (imageIds: string[]) =>
    unwrap(
      api.PUT('/api/v1/admin/products/{productId}/images/order', {
        params: { path: { productId } },
        body: { image_ids: imageIds },
      }),
    ),
  );

export const useSetMainImage = (productId: string) =>
  useImageMutation(productId, (imageId: string) =>
    unwrap(
      api.POST('/api/v1/admin/products/{productId}/images/{imageId}/main', {
        params: { path: { productId, imageId } },
      }),
    ),
  );

export const useDeleteImage = (productId: string) =>
  useImageMutation(productId, (imageId: string) =>
    unwrap(
      api.DELETE('/api/v1/admin/products/{productId}/images/{imageId}', {
        params: { path: { productId, imageId } },
      }),
    ),
  );

/** The file goes as it is, CSV or JSON (rows, or `{ rows }`): the server parses either and reports per row. */
export function useImportProducts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const isJson = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
      return unwrap(
        api.POST('/api/v1/admin/products/import', {
          body: await file.text(),
          bodySerializer: (text) => text,
          headers: { 'content-type': isJson ? 'application/json' : 'text/csv' },
        }),
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'products'] }),
  });
}

export type CategoryBody = BodyOf<'/api/v1/admin/categories'>;

export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CategoryBody & { id?: string }) =>
      id
        ? unwrap(api.PATCH('/api/v1/admin/categories/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/v1/admin/categories', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'categories'] }),
  });
}

export function useDeleteCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/admin/categories/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'categories'] }),
  });
}
