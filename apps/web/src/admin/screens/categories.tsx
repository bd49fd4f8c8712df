import { useState } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/components/page-title';
import { Button } from '../../components/button';
import {
  categoryOptions,
  flattenCategories,
  useCategories,
  useDeleteCategory,
  useSaveCategory,
} from '../api/catalog';
import { DeleteButton } from '../components/actions';
import { FormDialog, useDialogSave, useFormState } from '../components/forms';
import { ActionsHeader, QueryTable } from '../components/lists';
import {
  Badge,
  Card,
  Input,
  Options,
  PageHeader,
  Select,
  TableEmpty,
  Textarea,
  Toggle,
  fieldProblem,
  td,
  th,
} from '../components/ui';
import type { Category } from '../types';

function CategoryDialog({
  category,
  all,
  onClose,
}: {
  category: Category | 'new';
  all: Category[];
  onClose: () => void;
}) {
  const { problem, saved } = useDialogSave(onClose);
  const save = useSaveCategory();
  const c = category === 'new' ? null : category;
  const [f, field, set] = useFormState({
    name: c?.name ?? '',
    slug: c?.slug ?? '',
    parent_id: c?.parent_id ?? '',
    description: c?.description ?? '',
    sort_order: String(c?.sort_order ?? 0),
    is_active: c?.is_active ?? true,
    seo_title: c?.seo_title ?? '',
    seo_description: c?.seo_description ?? '',
  });
  // A category cannot move under itself or its own descendants.
  const banned = new Set<string>();
  if (c) {
    const walk = (n: Category) => {
      banned.add(n.id);
      n.children.forEach(walk);
    };
    walk(c);
  }
  const submit = () =>
    save.mutate(
      {
        id: c?.id,
        name: f.name.trim(),
        ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
        parent_id: f.parent_id || null,
        description: f.description.trim() || null,
        sort_order: Number(f.sort_order) || 0,
        is_active: f.is_active,
        seo_title: f.seo_title.trim() || null,
        seo_description: f.seo_description.trim() || null,
      },
      saved(c ? 'Category saved' : 'Category created'),
    );
  const fe = (k: string) => fieldProblem(save.error, k);
  return (
    <FormDialog
      title={c ? `Edit ${c.name}` : 'New category'}
      onClose={onClose}
      onSubmit={submit}
      problem={!fe('name') && !fe('slug') && problem}
      pending={save.isPending}
      submitLabel={c ? 'Save' : 'Create'}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Input label="Name" required {...field('name')} error={fe('name')} />
        <Input label="Slug" {...field('slug')} error={fe('slug')} hint="Made from the name when empty." />
        <Select label="Parent" {...field('parent_id')}>
          <option value="">None (top level)</option>
          <Options options={categoryOptions(all.filter((x) => !banned.has(x.id)))} />
        </Select>
        <Input label="Sort order" type="number" {...field('sort_order')} />
      </div>
      <Textarea label="Description" rows={2} {...field('description')} />
      <Input label="SEO title" maxLength={160} {...field('seo_title')} />
      <Textarea label="SEO description" rows={2} maxLength={320} {...field('seo_description')} />
      <Toggle
        label="Active (shown in the store)"
        checked={f.is_active}
        onChange={(v) => set('is_active', v)}
      />
    </FormDialog>
  );
}

export default function Categories() {
  usePageTitle('Categories');
  const categories = useCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const flat = flattenCategories(categories.data);
  return (
    <>
      <PageHeader
        title="Categories"
        description="The category tree shoppers browse. Inactive categories are hidden from the store."
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            New category
          </Button>
        }
      />
      <Card flush>
        <QueryTable
          label="Categories"
          columns={5}
          query={categories}
          rows={flat}
          empty={<TableEmpty title="No categories yet">Create one to start organising products.</TableEmpty>}
          head={
            <tr>
              <th className={th}>Name</th>
              <th className={`${th} hidden sm:table-cell`}>Slug</th>
              <th className={`${th} text-right`}>Products</th>
              <th className={th}>Status</th>
              <ActionsHeader />
            </tr>
          }
          row={(c) => (
            <tr key={c.id} className="hover:bg-gray-50">
              <td className={td}>
                <span style={{ paddingLeft: `${c.depth * 1.25}rem` }} className="inline-block font-medium">
                  {c.depth > 0 && <span className="mr-1 text-gray-300">└</span>}
                  {c.name}
                </span>
              </td>
              <td className={`${td} hidden font-mono text-xs text-muted sm:table-cell`}>{c.slug}</td>
              <td className={`${td} text-right tabular-nums`}>
                <Link to={`/admin/products?category=${c.id}`} className="text-brand-700 hover:underline">
                  {c.product_count}
                </Link>
              </td>
              <td className={td}>
                {c.is_active ? <Badge tone="green">Active</Badge> : <Badge>Hidden</Badge>}
              </td>
              <td className={`${td} text-right whitespace-nowrap`}>
                <Button size="sm" variant="ghost" onClick={() => setEditing(c)}>
                  Edit
                </Button>
                <DeleteButton
                  question={`Delete “${c.name}”? Only empty categories can be deleted.`}
                  remove={remove}
                  id={c.id}
                  done="Category deleted"
                />
              </td>
            </tr>
          )}
        />
      </Card>
      {editing && <CategoryDialog category={editing} all={flat} onClose={() => setEditing(null)} />}
    </>
  );
}
