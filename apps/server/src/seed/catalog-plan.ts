import {
  CATALOG_TREE,
  DETAILS,
  MODIFIERS,
  ORIGINS,
  REVIEW_TEXT,
  type CategoryNode,
  type Item,
  type Kind,
  type RootNode,
  type Shape,
} from './catalog-data.js';
import { streamFor, type Rng } from './random.js';

/**
 * The demo catalog as plain data, computed from a seed and nothing else: no ids, no clock, no
 * database. Same seed and count → same categories, names, slugs, SKUs, prices and reviews.
 * `catalog.ts` assigns ids and timestamps and writes it.
 */

export const DEFAULT_SEED = 20240601;

export type PlannedCategory = {
  slug: string;
  parentSlug: string | null;
  name: string;
  description: string;
  sortOrder: number;
  depth: number;
  seoTitle: string;
  seoDescription: string;
  root: RootNode;
  /** Leaves only: products live here. */
  leaf?: Leaf;
};

export type Leaf = {
  slug: string;
  code: string;
  name: string;
  kind: Kind;
  hue: number;
  shape: Shape;
  colors: string[];
  brands: string[];
  tags: string[];
  blurbs: string[];
  items: Item[];
};

export type PlannedVariant = {
  sku: string;
  name: string;
  options: Record<string, string>;
  priceCents: number;
  salePriceCents: number | null;
  isDefault: boolean;
  position: number;
  weightGrams: number | null;
};

export type PlannedReview = {
  /** Index into the reviewer accounts. */
  reviewer: number;
  rating: 1 | 2 | 3 | 4 | 5;
  title: string;
  comment: string;
  status: 'approved' | 'pending';
  /** Days after the product was created. */
  dayOffset: number;
};

export type PlannedProduct = {
  index: number;
  slug: string;
  sku: string;
  name: string;
  brand: string;
  categorySlug: string;
  shortDescription: string;
  description: string;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  unit: string;
  weightGrams: number | null;
  dimensions: { length_mm: number; width_mm: number; height_mm: number } | null;
  status: 'draft' | 'active' | 'archived';
  isFeatured: boolean;
  seoTitle: string;
  seoDescription: string;
  options: { name: string; values: string[] }[];
  priceCents: number;
  salePriceCents: number | null;
  variants: PlannedVariant[];
  /** Which pooled picture this product shows. */
  image: { key: string; shape: Shape; hue: number; color: string };
  /** Days before the seed ran. */
  createdDaysAgo: number;
  reviews: PlannedReview[];
};

// ---------------------------------------------------------------------------------------------
// Categories

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Slugs unique within one catalog: the first keeps the plain slug, later ones get -2, -3… */
export function slugAllocator() {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return (text: string) => {
    const base = slugify(text) || 'item';
    let slug = base;
    let n = next.get(base) ?? 1;
    while (used.has(slug)) slug = `${base}-${++n}`;
    next.set(base, n);
    used.add(slug);
    return slug;
  };
}

export const REVIEWER_COUNT = 16;

let cachedCategories: PlannedCategory[] | undefined;

/** The category tree, parents before children. */
export function planCategories(): PlannedCategory[] {
  if (cachedCategories) return cachedCategories;
  const slug = slugAllocator();
  const out: PlannedCategory[] = [];
  const visit = (
    node: CategoryNode,
    root: RootNode,
    parentSlug: string | null,
    depth: number,
    order: number,
  ) => {
    const s = slug(node.name);
    const cat: PlannedCategory = {
      slug: s,
      parentSlug,
      name: node.name,
      description: node.description,
      sortOrder: order * 10,
      depth,
      seoTitle: `${node.name} — delivered in minutes | Cartwheel`,
      seoDescription: `Shop ${node.name.toLowerCase()} online: ${node.description.replace(/\.$/, '')}. Fast delivery from your local dark store.`,
      root,
    };
    out.push(cat);
    if (node.children?.length) {
      node.children.forEach((child, i) => visit(child, root, s, depth + 1, i + 1));
      return;
    }
    if (!node.code || !node.shape || !node.colors?.length || !node.brands?.length || !node.items?.length)
      throw new Error(`catalog-data: leaf ${node.name} is incomplete`);
    cat.leaf = {
      slug: s,
      code: node.code,
      name: node.name,
      kind: root.kind,
      hue: root.hue,
      shape: node.shape,
      colors: node.colors,
      brands: node.brands,
      tags: node.tags ?? [],
      blurbs: node.blurbs ?? ['{name}.'],
      items: node.items,
    };
  };
  CATALOG_TREE.forEach((root, i) => visit(root, root, null, 1, i + 1));
  cachedCategories = out;
  return out;
}

type Entry = { leaf: Leaf; item: Item; itemIndex: number };

let cachedEntries: Entry[] | undefined;

/**
 * Every (leaf, item) pair, interleaved across leaves (each leaf's first item, then each leaf's
 * second…), so a small catalog still covers every category.
 */
function entries(): Entry[] {
  if (cachedEntries) return cachedEntries;
  const leaves = planCategories().flatMap((c) => (c.leaf ? [c.leaf] : []));
  const out: Entry[] = [];
  const longest = Math.max(...leaves.map((l) => l.items.length));
  for (let i = 0; i < longest; i++) {
    for (const leaf of leaves) {
      const item = leaf.items[i];
      if (item) out.push({ leaf, item, itemIndex: i });
    }
  }
  cachedEntries = out;
  return out;
}

/** The pictures the first `count` products show (a product's picture depends only on its item). */
export function picturesFor(count: number): PlannedProduct['image'][] {
  const seen = new Map<string, PlannedProduct['image']>();
  for (const { leaf, item } of entries().slice(0, count)) {
    const image = pictureOf(leaf, item);
    seen.set(image.key, image);
  }
  return [...seen.values()];
}

function pictureOf(leaf: Leaf, item: Item): PlannedProduct['image'] {
  const colorIndex = Math.min(item[3]?.c ?? 0, leaf.colors.length - 1);
  return {
    key: `${leaf.code.toLowerCase()}-${colorIndex}`,
    shape: leaf.shape,
    hue: leaf.hue,
    color: leaf.colors[colorIndex] as string,
  };
}

// ---------------------------------------------------------------------------------------------
// Prices

const ENDINGS = [29, 49, 79, 99];

/** A shelf price: rounded up to the next …29/…49/…79/…99 cents. */
export function shelfPrice(cents: number): number {
  const c = Math.max(29, Math.round(cents));
  const dollars = Math.floor(c / 100);
  const rem = c % 100;
  const ending = ENDINGS.find((e) => e >= rem) ?? 99;
  return dollars * 100 + ending;
}

/** A sale price: the shelf-style price (…29/…49/…79/…99) nearest to `target` and below `price`. */
function salePrice(price: number, discountPct: number | null): number | null {
  if (discountPct === null) return null;
  const target = (price * (100 - discountPct)) / 100;
  const dollars = Math.floor(target / 100);
  const candidates = [dollars - 1, dollars, dollars + 1]
    .flatMap((d) => ENDINGS.map((e) => d * 100 + e))
    .filter((c) => c > 0 && c < price);
  if (!candidates.length) return null;
  return candidates.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best));
}

// ---------------------------------------------------------------------------------------------
// Units and weights

function unitCount(unit: string): { n: number; rest: string } {
  const m = /^(\d+(?:\.\d+)?)\s*x\s*(.+)$/i.exec(unit);
  return m ? { n: Number(m[1]), rest: m[2] as string } : { n: 1, rest: unit };
}

/** Grams for a unit like "500 g", "1.5 L", "6 x 355 ml"; pieces scale from the item's weight. */
export function weightOf(unit: string, itemUnit: string, itemGrams?: number): number | null {
  const { n, rest } = unitCount(unit);
  const m = /^([\d,.]+)\s*(g|kg|ml|l)$/i.exec(rest.trim());
  if (m) {
    const value = Number((m[1] as string).replace(/,/g, ''));
    const unitName = (m[2] as string).toLowerCase();
    const grams = unitName === 'kg' || unitName === 'l' ? value * 1000 : value;
    return Math.round(n * grams);
  }
  if (itemGrams === undefined) return null;
  // "12 pcs" when the item's own unit "6 pcs" weighs itemGrams; other units ("28 cm") weigh the same.
  const count = (u: string) => {
    const c = unitCount(u);
    const k = /^(\d+)\s*(pcs?|bags?)$/i.exec(c.rest.trim());
    return k ? c.n * Number(k[1]) : undefined;
  };
  const [a, b] = [count(unit), count(itemUnit)];
  return a !== undefined && b !== undefined ? Math.round((itemGrams * a) / b) : itemGrams;
}

// ---------------------------------------------------------------------------------------------
// Products

const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '').replace(/\.\./g, '.');

/** Leaves where plant-based items are common, and item names that never are. */
const MOSTLY_VEGAN = new Set(['COF', 'TEA', 'WAT', 'SOD', 'JUI', 'RCE', 'PAS', 'OIL', 'SPC', 'NUT']);
const NOT_VEGAN = /egg|pesto|cheese|milk|butter|honey|chicken|beef|yogurt|cream|mac /i;
/** Where "organic" means something, and how often. */
const ORGANIC_CHANCE: Record<Kind, number> = {
  fresh: 0.25,
  chilled: 0.15,
  frozen: 0.1,
  pantry: 0.12,
  baby: 0.3,
  household: 0,
  care: 0,
  pet: 0,
  gear: 0,
};

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;

type Attributes = Record<string, string | number | boolean>;

function attributesFor(leaf: Leaf, rng: Rng, organic: boolean, item: Item): Attributes {
  const kind = leaf.kind;
  const extra = item[3]?.attrs ?? {};
  const itemTags = item[3]?.tags ?? [];
  const base = ((): Attributes => {
    switch (kind) {
      case 'fresh':
        return { origin: rng.pick(ORIGINS), organic, vegan: true, storage: 'Refrigerate after purchase' };
      case 'chilled':
        return {
          organic,
          vegetarian: true,
          storage: 'Keep refrigerated',
          shelf_life_days: rng.pick([7, 10, 14, 21]),
        };
      case 'frozen':
        return {
          storage: 'Keep frozen',
          vegetarian: rng.chance(0.6),
          shelf_life_months: rng.pick([6, 9, 12]),
        };
      case 'pantry':
        return {
          organic,
          vegan:
            itemTags.includes('vegan') ||
            (MOSTLY_VEGAN.has(leaf.code) && !NOT_VEGAN.test(item[0]) && rng.chance(0.6)),
          gluten_free: itemTags.includes('gluten-free') || rng.chance(0.15),
          shelf_life_months: rng.pick([6, 9, 12, 18, 24]),
          country_of_origin: rng.pick(ORIGINS),
        };
      case 'household':
        return {
          scent: rng.pick(['Lemon', 'Lavender', 'Fresh Linen', 'Unscented', 'Eucalyptus', 'Ocean Breeze']),
          eco_friendly: itemTags.includes('eco') || rng.chance(0.35),
        };
      case 'care':
        return {
          skin_type: rng.pick(['All', 'Sensitive', 'Dry', 'Normal', 'Oily']),
          paraben_free: true,
          cruelty_free: rng.chance(0.7),
        };
      case 'baby':
        return {
          age_range: rng.pick(['0+ months', '3+ months', '6+ months', '12+ months']),
          hypoallergenic: true,
          organic,
        };
      case 'pet':
        return {
          life_stage: rng.pick(['All life stages', 'Adult', 'Senior', 'Young']),
          grain_free: rng.chance(0.3),
        };
      case 'gear':
        return {
          warranty_months: rng.pick([12, 12, 24]),
          color: rng.pick(['Black', 'White', 'Graphite', 'Silver', 'Blue']),
        };
    }
  })();
  return { ...base, ...extra };
}

function reviewsFor(seed: number, index: number, createdDaysAgo: number): PlannedReview[] {
  const rng = streamFor(seed, 'reviews', index);
  if (!rng.chance(0.45)) return [];
  const count = 1 + Math.floor(rng.next() ** 2 * 8);
  // Most products are liked; a few are not.
  const weights = rng.chance(0.12) ? [10, 14, 26, 28, 22] : [2, 4, 10, 32, 52];
  const reviewers = rng.sample(
    Array.from({ length: REVIEWER_COUNT }, (_, i) => i),
    count,
  );
  return reviewers.map((reviewer) => {
    const rating = (rng.weighted(weights) + 1) as 1 | 2 | 3 | 4 | 5;
    const text = REVIEW_TEXT[rating];
    return {
      reviewer,
      rating,
      title: rng.pick(text.titles),
      comment: rng.pick(text.comments),
      status: rng.chance(0.93) ? 'approved' : 'pending',
      dayOffset: rng.int(0, Math.min(createdDaysAgo, 180)),
    };
  });
}

/** Product #index of the catalog seeded with `seed` (slug not yet made unique). */
function planOne(seed: number, index: number): Omit<PlannedProduct, 'slug'> & { slugBase: string } {
  const list = entries();
  const { leaf, item, itemIndex } = list[index % list.length] as Entry;
  const round = Math.floor(index / list.length);
  const rng = streamFor(seed, 'product', index);
  const [itemName, itemUnit, itemPrice, opts = {}] = item;

  // Names: round 0 is "<brand> <item>"; later rounds go through every (modifier, brand) pair
  // ("Organic", "Family Size"…), then the same as multipacks ("(Pack of 2)", "(Pack of 3)"…).
  const mods = MODIFIERS[leaf.kind].filter((m) => !itemName.toLowerCase().includes(m.toLowerCase()));
  const r = round - 1;
  const combos = mods.length * leaf.brands.length;
  const modifier = round === 0 ? '' : (mods[r % mods.length] as string);
  const brandIndex =
    (itemIndex + (round === 0 ? 0 : Math.floor((r % combos) / mods.length))) % leaf.brands.length;
  const pack = round === 0 ? 1 : 1 + Math.floor(r / combos);
  const brand = leaf.brands[brandIndex] as string;
  const title = modifier ? `${modifier} ${itemName}` : itemName;
  const name = `${brand} ${title}${pack > 1 ? ` (Pack of ${pack})` : ''}`;

  const sku = `${leaf.code}-${String(index + 1).padStart(6, '0')}`;
  const factor =
    [1, 1.12, 0.92][brandIndex % 3]! *
    (round === 0 ? 1 : 0.9 + rng.next() * 0.45) *
    (0.97 + rng.next() * 0.06) *
    (pack > 1 ? pack * 0.95 : 1);
  const discount = rng.chance(0.34) ? rng.pick([10, 15, 15, 20, 20, 25, 30, 35]) : null;

  const organic =
    modifier === 'Organic' ||
    itemName.includes('Organic') ||
    (leaf.code !== 'WAT' && leaf.code !== 'SOD' && rng.chance(ORGANIC_CHANCE[leaf.kind]));
  const attributes = attributesFor(leaf, rng, organic, item);

  // Variants: sizes (own SKU and price each) or colours (same price), else the one default.
  let options: PlannedProduct['options'] = [];
  let variants: PlannedVariant[];
  const packUnit = pack > 1 ? `${pack} x ${itemUnit}` : itemUnit;
  const packGrams = (g: number | null) => (g === null ? null : g * pack);
  if (opts.sizes?.length && pack === 1) {
    const def = opts.def ?? 0;
    options = [{ name: 'Size', values: opts.sizes.map(([u]) => u) }];
    variants = opts.sizes.map(([u, cents], i) => {
      const price = shelfPrice(cents * factor);
      return {
        sku: `${sku}-${slugify(u).toUpperCase()}`,
        name: u,
        options: { Size: u },
        priceCents: price,
        salePriceCents: salePrice(price, discount),
        isDefault: i === def,
        position: i,
        weightGrams: weightOf(u, itemUnit, opts.g),
      };
    });
  } else if (opts.colors?.length && pack === 1) {
    const price = shelfPrice(itemPrice * factor);
    options = [{ name: 'Color', values: opts.colors }];
    variants = opts.colors.map((color, i) => ({
      sku: `${sku}-${slugify(color).toUpperCase()}`,
      name: color,
      options: { Color: color },
      priceCents: price,
      salePriceCents: salePrice(price, discount),
      isDefault: i === 0,
      position: i,
      weightGrams: weightOf(itemUnit, itemUnit, opts.g),
    }));
  } else {
    const price = shelfPrice(itemPrice * factor);
    variants = [
      {
        sku,
        name: 'Default',
        options: {},
        priceCents: price,
        salePriceCents: salePrice(price, discount),
        isDefault: true,
        position: 0,
        weightGrams: packGrams(weightOf(itemUnit, itemUnit, opts.g)),
      },
    ];
  }
  const main = variants.find((v) => v.isDefault) as PlannedVariant;
  const unit = options[0]?.name === 'Size' ? main.name : packUnit;
  if (options[0]?.name === 'Color') attributes.color = main.name;

  const createdDaysAgo = rng.int(0, 365);
  const tags = [
    ...new Set([
      ...leaf.tags,
      ...(opts.tags ?? []),
      ...(attributes.organic === true ? ['organic'] : []),
      ...(attributes.vegan === true ? ['vegan'] : []),
      ...(attributes.gluten_free === true ? ['gluten-free'] : []),
      ...(rng.chance(0.1) ? ['bestseller'] : []),
      ...(createdDaysAgo < 30 ? ['new'] : []),
    ]),
  ];

  const vars = { name, item: title, brand, unit };
  const shortDescription = fill(rng.pick(leaf.blurbs), vars);
  const details = DETAILS[leaf.kind];
  const year = rng.int(1952, 2019);
  const brandLine = rng.pick([
    `${brand} has been a trusted name since ${year}.`,
    `From ${brand}, a family business since ${year}.`,
    `${brand} is known for quality you can taste and see.`,
  ]);
  const description = [
    `${shortDescription} ${rng.sample(details.sentences, 2).join(' ')}`,
    `Pack size: ${unit}. ${details.storage}`,
    brandLine,
  ].join('\n\n');

  const statusRoll = rng.next();
  const status = statusRoll < 0.03 ? 'draft' : statusRoll < 0.05 ? 'archived' : 'active';
  const dimensions =
    leaf.kind === 'gear'
      ? { length_mm: rng.int(60, 320), width_mm: rng.int(40, 260), height_mm: rng.int(15, 160) }
      : null;

  return {
    index,
    slugBase: name,
    sku: main.sku,
    name,
    brand,
    categorySlug: leaf.slug,
    shortDescription,
    description,
    tags,
    attributes,
    unit,
    weightGrams: main.weightGrams,
    dimensions,
    status,
    isFeatured: status === 'active' && rng.chance(0.11),
    seoTitle: truncate(`${name} (${unit}) — buy online | Cartwheel`, 70),
    seoDescription: truncate(`${shortDescription} Delivered in minutes from your local store.`, 160),
    options,
    priceCents: main.priceCents,
    salePriceCents: main.salePriceCents,
    variants,
    image: pictureOf(leaf, item),
    createdDaysAgo,
    reviews: status === 'active' ? reviewsFor(seed, index, createdDaysAgo) : [],
  };
}

/**
 * The catalog's products in order, generated lazily (a 100k catalog never sits in memory whole).
 * Product #i is the same whatever `count` is, so a small catalog is a prefix of a large one.
 */
export function* planProducts(count: number, seed = DEFAULT_SEED): Generator<PlannedProduct> {
  const slug = slugAllocator();
  for (let i = 0; i < count; i++) {
    const { slugBase, ...p } = planOne(seed, i);
    yield { ...p, slug: slug(slugBase) };
  }
}
