import { Link } from 'react-router';
import { BoltIcon, CashIcon, ChevronRight, ClockIcon, TruckIcon } from '../../components/icons';
import { ErrorState } from '../../components/states';
import { useSession } from '../../lib/session';
import { useCategories } from '../../features/catalog/api/get-categories';
import { useFeaturedProducts } from '../../features/catalog/api/get-featured';
import { usePopularProducts } from '../../features/catalog/api/get-popular';
import { toCard, useProductsByIds } from '../../features/catalog/api/get-products-by-ids';
import { useSearchProducts } from '../../features/catalog/api/search-products';
import { CategoryRail } from '../../features/catalog/components/category-rail';
import { ProductRail } from '../../features/catalog/components/product-rail';
import type { CategoryNode } from '../../features/catalog/types';
import { AddToCart } from '../../features/cart/components/add-to-cart';
import { useResolvedStore } from '../../features/location/api/resolve-store';
import { usePostalCode } from '../../features/location/location-store';
import { useShopperStoreId } from '../../features/location/shopper-store';
import { useRecentlyBought } from '../../features/orders/api/recent-items';
import { addToCartAction } from '../components/product-action';
import { usePageTitle } from '../components/page-title';

const PROMISES = [
  [BoltIcon, 'Live tracking from the store to your door'],
  [TruckIcon, 'Free delivery on bigger baskets'],
  [CashIcon, 'Pay by card or cash on delivery'],
] as const;

function Hero() {
  const postalCode = usePostalCode();
  const store = useResolvedStore(postalCode);
  return (
    <section className="px-4 pt-4 md:px-0 md:pt-6">
      <div className="relative overflow-hidden rounded-3xl bg-gradient-to-br from-brand-600 via-brand-700 to-brand-800 px-5 py-6 text-white md:px-10 md:py-8">
        <div
          className="absolute -top-10 -right-10 h-48 w-48 rounded-full bg-sun-400/30 blur-2xl"
          aria-hidden="true"
        />
        <div className="relative flex items-center justify-between gap-10">
          <div>
            <p className="inline-flex items-center gap-1.5 rounded-full bg-white/15 px-3 py-1 text-xs font-bold">
              <ClockIcon size={14} />
              {store.data ? `Delivery in ${store.data.eta_minutes} minutes` : 'Delivered in minutes'}
            </p>
            <h1 className="mt-3 max-w-xl text-2xl leading-tight font-black tracking-tight md:text-3xl">
              Groceries & essentials, at your door before the kettle boils.
            </h1>
            <p className="mt-2 max-w-md text-sm text-white/85 md:text-base">
              Fresh produce, dairy, snacks and household staples from your neighbourhood dark store.
            </p>
          </div>
          {/* Wide screens: what the shopper gets, where a phone has no room for it. */}
          <ul className="hidden shrink-0 space-y-2.5 text-sm font-semibold lg:block">
            {PROMISES.map(([Icon, text]) => (
              <li key={text} className="flex items-center gap-3 rounded-2xl bg-white/10 px-4 py-2.5">
                <span className="flex h-8 w-8 items-center justify-center rounded-full bg-white/15">
                  <Icon size={16} />
                </span>
                {text}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Banners({ categories }: { categories: CategoryNode[] }) {
  const withBanner = categories.filter((c) => c.banner_url).slice(0, 6);
  if (!withBanner.length) return null;
  return (
    <section aria-label="Featured categories" className="py-3">
      <ul className="scrollbar-none flex snap-x gap-3 overflow-x-auto px-4 md:grid md:grid-cols-3 md:px-0">
        {withBanner.map((c) => (
          <li key={c.id} className="w-[82%] shrink-0 snap-start md:w-auto">
            <Link
              to={`/c/${c.slug}`}
              className="group relative block aspect-[2/1] overflow-hidden rounded-2xl bg-gray-100 lg:aspect-[5/2]"
            >
              <img
                src={c.banner_url!}
                alt=""
                loading="lazy"
                className="h-full w-full object-cover transition duration-500 group-hover:scale-105"
              />
              <span className="absolute inset-x-0 bottom-0 flex items-end justify-between bg-gradient-to-t from-black/60 to-transparent p-3 text-white">
                <span className="text-base font-extrabold drop-shadow">{c.name}</span>
                <span className="flex items-center text-xs font-semibold">
                  Shop now <ChevronRight size={14} />
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CategoryShelf({ category, store }: { category: CategoryNode; store: string | undefined }) {
  const { data, isPending } = useSearchProducts({
    category: category.slug,
    per_page: 12,
    in_stock: true,
    store,
  });
  return (
    <ProductRail
      title={category.name}
      products={data?.items}
      loading={isPending}
      action={addToCartAction}
      seeAllHref={`/c/${category.slug}`}
    />
  );
}

function BuyAgain({ store }: { store: string | undefined }) {
  const { user } = useSession();
  const recent = useRecentlyBought(!!user);
  const items = recent.data ?? [];
  const { products, pending } = useProductsByIds(
    items.map((i) => i.productId),
    store,
  );
  if (!user || !items.length) return null;
  const variantOf = new Map(items.map((i) => [i.productId, i.variantId]));
  // The variant bought last time, as the store has it now (it may be out while another size is in).
  const boughtVariant = new Map(
    products.map((p) => [p.id, p.variants.find((v) => v.id === variantOf.get(p.id))]),
  );
  return (
    <ProductRail
      title="Buy again"
      subtitle="From your recent orders"
      products={products.map(toCard)}
      loading={pending && !products.length}
      action={(p) => {
        const variant = boughtVariant.get(p.id);
        return (
          <AddToCart
            variantId={variant?.id ?? p.default_variant_id}
            name={p.name}
            inStock={variant?.in_stock ?? p.in_stock}
          />
        );
      }}
    />
  );
}

export default function Home() {
  usePageTitle('Cartwheel — groceries and essentials in minutes');
  const categories = useCategories();
  const store = useShopperStoreId();
  const featured = useFeaturedProducts(12, store);
  const popular = usePopularProducts(12, store);

  if (categories.error && featured.error)
    return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;

  const top = categories.data ?? [];
  return (
    <div className="md:px-4">
      <Hero />
      <CategoryRail categories={categories.data} loading={categories.isPending} />
      <BuyAgain store={store} />
      <ProductRail
        title="Featured this week"
        products={featured.data}
        loading={featured.isPending}
        action={addToCartAction}
        seeAllHref="/search?featured=1"
      />
      <Banners categories={top} />
      <ProductRail
        title="Popular right now"
        products={popular.data}
        loading={popular.isPending}
        action={addToCartAction}
      />
      {top.slice(0, 3).map((c) => (
        <CategoryShelf key={c.id} category={c} store={store} />
      ))}
    </div>
  );
}
