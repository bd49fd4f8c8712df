import { SelectField } from '../../../components/field';
import type { Sort } from '../api/search-products';

const LABELS: Record<Sort, string> = {
  relevance: 'Relevance',
  popularity: 'Popular',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  rating: 'Top rated',
  newest: 'Newest',
};

export function SortSelect({
  value,
  onChange,
  searching,
}: {
  value: Sort;
  onChange: (s: Sort) => void;
  searching: boolean;
}) {
  const sorts = (Object.keys(LABELS) as Sort[]).filter((s) => searching || s !== 'relevance');
  return (
    <SelectField label="Sort by" hideLabel value={value} onChange={(e) => onChange(e.target.value as Sort)}>
      {sorts.map((s) => (
        <option key={s} value={s}>
          Sort: {LABELS[s]}
        </option>
      ))}
    </SelectField>
  );
}
