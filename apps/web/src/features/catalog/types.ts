/** The catalog API's shapes, from the generated client (apps/server/src/modules/catalog/routes.ts). */
import type { components } from '@cartwheel/client';
import type { ResponseOf } from '../../lib/api';

export type ProductCard = ResponseOf<'/api/v1/products'>['items'][number];
export type Facets = ResponseOf<'/api/v1/products'>['facets'];
export type Suggestions = ResponseOf<'/api/v1/products/suggest'>;

export type CategoryNode = components['schemas']['CategoryNode'];
export type CategoryDetail = ResponseOf<'/api/v1/categories/{slug}'>;
export type Crumb = CategoryDetail['breadcrumb'][number];

export type ProductDetail = ResponseOf<'/api/v1/products/slug/{slug}'>;
export type Variant = ProductDetail['variants'][number];
