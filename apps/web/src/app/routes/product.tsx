import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ButtonLink } from '../../components/button';
import { ChevronRight, ClockIcon, StarIcon } from '../../components/icons';
import { Price } from '../../components/price';
import { EmptyState, ErrorState, Skeleton } from '../../components/states';
import { isApiError } from '../../lib/api';
import { plural } from '../../lib/format';
import { useBoughtTogether } from '../../features/catalog/api/get-bought-together';
import { useProduct } from '../../features/catalog/api/get-product';
import { useRelatedProducts } from '../../features/catalog/api/get-related';
import { Gallery } from '../../features/catalog/components/gallery';
import { ProductRail } from '../../features/catalog/components/product-rail';
import { VariantPicker } from '../../features/catalog/components/variant-picker';
import type { ProductDetail } from '../../features/catalog/types';
import { AddToCart } from '../../features/cart/components/add-to-cart';
import { useResolvedStore } from '../../features/location/api/resolve-store';
import { usePostalCode } from '../../features/location/location-store';
import { useShopperStoreId } from '../../features/location/shopper-store';
import { ReviewsSection } from '../../features/reviews/components/reviews-section';
import { addToCartAction } from '../components/product-action';
import { usePageTitle } from '../components/page-title';

function DeliveryNote() {
  const postalCode = usePostalCode();
  const store = useResolvedStore(postalCode);
  if (!store.data) return null;
  return (
    <p className="flex items-center gap-2 text-sm font-semibold text-brand-800">
      <ClockIcon size={16} /> Delivery in {store.data.eta_minutes} minutes to {store.data.postal_code}
    </p>
  );
}

function Details({ product: p }: { product: ProductDetail }) {
  const active = p.variants.filter((v) => v.status === 'active');
  const [variantId, setVariantId] = useState(
    () => (active.find((v) => v.is_default) ?? active[0])?.id ?? null,
  );
  const variant = active.find((v) => v.id === variantId) ?? null;
  const price = variant ?? p;
  // Per variant when the shopper's store was asked about (null otherwise: the product's answer).
  const inStock = variant?.in_stock ?? p.in_stock;
  const attributes = Object.entries(p.attributes);

  return (
    <div className="grid gap-6 md:grid-cols-2 md:gap-10">
      <Gallery product={p} />
      <div className="space-y-5">
        <div>
          <nav aria-label="Breadcrumb" className="mb-2 text-xs text-muted">
            <ol className="flex flex-wrap items-center gap-1">
              <li>
                <Link to="/" className="hover:text-ink">
                  Home
                </Link>
              </li>
              {p.category?.breadcrumb.map((b) => (
                <li key={b.id} className="flex items-center gap-1">
                  <ChevronRight size={12} />
                  <Link to={`/c/${b.slug}`} className="hover:text-ink">
                    {b.name}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
          {p.brand && <p className="text-sm font-semibold text-brand-700">{p.brand}</p>}
          <h1 className="text-2xl leading-tight font-extrabold tracking-tight md:text-3xl">{p.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            {p.unit && <span className="text-muted">{p.unit}</span>}
            {p.rating.count > 0 && (
              <a href="#reviews-heading" className="inline-flex items-center gap-1 font-semibold">
                <span className="inline-flex items-center gap-0.5 rounded bg-brand-600 px-1.5 py-0.5 text-xs text-white">
                  {p.rating.average.toFixed(1)} <StarIcon size={10} />
                </span>
                <span className="text-muted underline-offset-2 hover:underline">
                  {plural(p.rating.count, 'rating')}
                </span>
              </a>
            )}
          </div>
        </div>

        {active.length > 1 && (
          <VariantPicker
            variants={active}
            selectedId={variantId ?? ''}
            onSelect={setVariantId}
            currency={p.currency}
          />
        )}

        <div className="rounded-2xl border border-line bg-white p-4">
          <div className="flex items-center justify-between gap-4">
            <div>
              <Price
                cents={price.effective_price_cents}
                compareAtCents={price.sale_price_cents !== null ? price.price_cents : null}
                currency={p.currency}
                size="lg"
              />
              {price.discount_percent > 0 && (
                <span className="ml-2 inline-block rounded bg-blue-600 px-1.5 py-0.5 text-xs font-bold whitespace-nowrap text-white">
                  {price.discount_percent}% OFF
                </span>
              )}
              <p className="mt-1 text-xs text-muted">Inclusive of all discounts · tax at checkout</p>
            </div>
            <AddToCart
              size="lg"
              variantId={variant?.id ?? null}
              name={variant && active.length > 1 ? `${p.name} (${variant.name})` : p.name}
              inStock={inStock}
            />
          </div>
          <p
            className={
              inStock
                ? 'mt-3 text-sm font-semibold text-brand-700'
                : 'mt-3 text-sm font-semibold text-red-600'
            }
          >
            {inStock ? 'In stock' : 'Out of stock — check back soon'}
          </p>
          <div className="mt-1">
            <DeliveryNote />
          </div>
        </div>

        {(p.short_description || p.description) && (
          <section aria-labelledby="about-heading">
            <h2 id="about-heading" className="mb-2 text-lg font-extrabold">
              About this product
            </h2>
            {p.short_description && <p className="font-medium">{p.short_description}</p>}
            {p.description && (
              <p className="mt-2 text-sm leading-6 whitespace-pre-line text-ink/80">{p.description}</p>
            )}
          </section>
        )}
        {attributes.length > 0 && (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-2xl bg-gray-50 p-4 text-sm">
            {attributes.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-muted capitalize">{k.replace(/_/g, ' ')}</dt>
                <dd className="font-medium">{typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}

function ProductSkeleton() {
  return (
    <div className="grid gap-6 md:grid-cols-2 md:gap-10" role="status" aria-label="Loading product">
      <Skeleton className="aspect-square w-full rounded-2xl" />
      <div className="space-y-4">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-3/4" />
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-28 w-full rounded-2xl" />
        <Skeleton className="h-24 w-full" />
      </div>
    </div>
  );
}

export default function ProductPage() {
  const { slug = '' } = useParams();
  const store = useShopperStoreId();
  const product = useProduct(slug, store);
  const related = useRelatedProducts(product.data?.id, store);
  const together = useBoughtTogether(product.data?.id, store);
  usePageTitle(product.data?.name);

  return (
    <div className="px-4 py-4 md:py-8">
      {product.isPending ? (
        <ProductSkeleton />
      ) : product.error ? (
        isApiError(product.error, 404) ? (
          <EmptyState title="Product not found" action={<ButtonLink to="/">Back to shopping</ButtonLink>}>
            It may have been removed or is no longer sold.
          </EmptyState>
        ) : (
          <ErrorState error={product.error} onRetry={() => void product.refetch()} />
        )
      ) : (
        <>
          <Details key={product.data.id} product={product.data} />
          <div className="-mx-4 mt-8 md:mx-0">
            <ProductRail
              title="Frequently bought together"
              products={together.data}
              loading={together.isPending}
              action={addToCartAction}
            />
            <ProductRail
              title="You might also like"
              products={related.data}
              loading={related.isPending}
              action={addToCartAction}
            />
          </div>
          <div className="mt-6">
            <ReviewsSection productId={product.data.id} />
          </div>
        </>
      )}
    </div>
  );
}
