import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { ButtonLink } from '../../components/button';
import { ProductImage } from '../../components/product-image';
import { formatMoney } from '../../lib/money';
import { categoryOptions, flattenCategories, useCategories, useProductList } from '../api/catalog';
import { FilterSelect } from '../components/filters';
import { UploadIcon } from '../components/icons';
import { LinkRow, PagedTable } from '../components/lists';
import { ProductStatusBadge } from '../components/status';
import {
  Badge,
  Card,
  FilterBar,
  PageHeader,
  SearchBox,
  TableEmpty,
  td,
  th,
  useUrlFilters,
} from '../components/ui';
import type { ProductStatus } from '../types';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft' },
  { value: 'archived', label: 'Archived' },
];

export default function Products() {
  usePageTitle('Products');
  const { values, page, bind, setPage } = useUrlFilters(['q', 'category', 'status'] as const);
  const categories = useCategories();
  const flat = flattenCategories(categories.data);
  const names = new Map(flat.map((c) => [c.id, c.name]));
  const products = useProductList({
    q: values.q || undefined,
    category: values.category || undefined,
    status: (values.status || undefined) as ProductStatus | undefined,
    page,
  });
  return (
    <>
      <PageHeader
        title="Products"
        description="Every product in the catalog, drafts and archived ones too, most recently changed first."
        actions={
          <>
            <ButtonLink to="/admin/products/import" variant="outline" size="sm">
              <UploadIcon size={16} /> Import
            </ButtonLink>
            <ButtonLink to="/admin/products/new" size="sm">
              Add product
            </ButtonLink>
          </>
        }
      />
      <Card flush>
        <FilterBar>
          <SearchBox
            label="Search products"
            placeholder="Name, brand or SKU"
            {...bind('q')}
            className="w-full sm:w-72"
          />
          <FilterSelect
            label="Category"
            all="All categories"
            options={categoryOptions(flat)}
            {...bind('category')}
            className="w-full sm:w-56"
          />
          <FilterSelect
            label="Status"
            all="Any status"
            options={STATUS_OPTIONS}
            {...bind('status')}
            className="w-full sm:w-40"
          />
        </FilterBar>
        <PagedTable
          label="Products"
          columns={7}
          query={products}
          page={page}
          onPage={setPage}
          noun="product"
          empty={
            <TableEmpty title="No products match">
              Try another search or category, or{' '}
              <Link className="font-medium text-brand-700 underline" to="/admin/products/new">
                add a product
              </Link>
              .
            </TableEmpty>
          }
          head={
            <tr>
              <th className={th}>Product</th>
              <th className={`${th} hidden md:table-cell`}>Category</th>
              <th className={`${th} text-right`}>Price</th>
              <th className={th}>Status</th>
              <th className={`${th} hidden sm:table-cell`}>Stock</th>
              <th className={`${th} hidden lg:table-cell`}>Rating</th>
              <th className={`${th} hidden lg:table-cell`}>Flags</th>
            </tr>
          }
          row={(p) => (
            <LinkRow key={p.id} to={`/admin/products/${p.id}`} dim={products.isFetching}>
              <td className={td}>
                <div className="flex items-center gap-3">
                  <ProductImage
                    src={p.image?.thumb}
                    alt=""
                    className="h-10 w-10 shrink-0 rounded-md border border-line bg-white"
                  />
                  <div className="min-w-0">
                    <Link
                      to={`/admin/products/${p.id}`}
                      className="line-clamp-1 font-medium text-ink hover:underline"
                    >
                      {p.name}
                    </Link>
                    <div className="text-xs text-muted">
                      {[p.sku, p.brand, p.unit].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                </div>
              </td>
              <td className={`${td} hidden text-muted md:table-cell`}>{names.get(p.category_id) ?? '—'}</td>
              <td className={`${td} text-right whitespace-nowrap tabular-nums`}>
                {formatMoney(p.effective_price_cents, p.currency)}
                {p.sale_price_cents != null && (
                  <div className="text-xs text-muted line-through">
                    {formatMoney(p.price_cents, p.currency)}
                  </div>
                )}
              </td>
              <td className={td}>
                <ProductStatusBadge status={p.status} />
              </td>
              <td className={`${td} hidden sm:table-cell`}>
                {p.in_stock ? <Badge tone="green">In stock</Badge> : <Badge tone="red">Out of stock</Badge>}
              </td>
              <td className={`${td} hidden whitespace-nowrap text-muted lg:table-cell`}>
                {p.rating_count ? `★ ${p.rating_average.toFixed(1)} (${p.rating_count})` : '—'}
              </td>
              <td className={`${td} hidden lg:table-cell`}>
                <div className="flex gap-1">
                  {p.is_featured && <Badge tone="violet">Featured</Badge>}
                  {p.has_variants && <Badge>Variants</Badge>}
                </div>
              </td>
            </LinkRow>
          )}
        />
      </Card>
    </>
  );
}
