/**
 * The demo catalog's vocabulary: a quick-commerce category tree (groceries and general goods),
 * made-up but plausible brands, and the items each leaf category sells. `catalog.ts` turns it into
 * rows with a seeded PRNG. Every brand here is invented.
 */

/** The drawing used for a product's generated image (see images.ts). */
export type Shape =
  | 'fruit'
  | 'veg'
  | 'greens'
  | 'bottle'
  | 'carton'
  | 'box'
  | 'bag'
  | 'jar'
  | 'can'
  | 'loaf'
  | 'eggs'
  | 'wedge'
  | 'tub'
  | 'tube'
  | 'pack'
  | 'bar'
  | 'roll'
  | 'device'
  | 'cable'
  | 'headphones'
  | 'battery'
  | 'pan'
  | 'mug';

/** How a root category's products are described (attributes, storage, detail sentences). */
export type Kind = 'fresh' | 'chilled' | 'frozen' | 'pantry' | 'household' | 'care' | 'baby' | 'pet' | 'gear';

export type ItemOptions = {
  /** Which of the leaf's colours (and so which pooled image) this item uses. */
  c?: number;
  tags?: string[];
  attrs?: Record<string, string | number | boolean>;
  /** Sold in several sizes, each a variant with its own SKU and price: [unit, price in cents]. */
  sizes?: [string, number][];
  /** Index of the default size (the product's own price and unit); 0 when unset. */
  def?: number;
  /** Sold in several colours, each a variant at the same price. */
  colors?: string[];
  /** Weight in grams when the unit does not say (pieces, devices). */
  g?: number;
};

/** [name, unit, price in cents, options] */
export type Item = [name: string, unit: string, priceCents: number, opts?: ItemOptions];

export type CategoryNode = {
  name: string;
  description: string;
  children?: CategoryNode[];
  /** Leaves only: */
  code?: string;
  shape?: Shape;
  /** Accent colours of the generated images (one pooled image per colour). */
  colors?: string[];
  brands?: string[];
  tags?: string[];
  /** Short-description templates: {name}, {item}, {brand}, {unit}. */
  blurbs?: string[];
  items?: Item[];
};

export type RootNode = CategoryNode & { kind: Kind; hue: number; children: CategoryNode[] };

export const CATALOG_TREE: RootNode[] = [
  {
    name: 'Fruits & Vegetables',
    kind: 'fresh',
    hue: 105,
    description: 'Fresh fruit, crisp vegetables and fragrant herbs, delivered from the farm to your door.',
    children: [
      {
        name: 'Fresh Fruits',
        code: 'FRU',
        shape: 'fruit',
        colors: ['#e53935', '#fbc02d', '#fb8c00', '#7cb342', '#8e24aa'],
        brands: ['Sunny Orchard', 'Green Valley Farms', 'Harvest Lane'],
        tags: ['fruit', 'fresh'],
        description: 'Seasonal and everyday fruit, picked ripe and packed with care.',
        blurbs: [
          'Sweet, juicy {item} from {brand}, picked at peak ripeness.',
          'Hand-selected {item}, perfect for snacking, smoothies and lunch boxes.',
        ],
        items: [
          ['Bananas', '6 pcs', 199, { c: 1, g: 1100 }],
          ['Gala Apples', '1 kg', 449, { c: 0 }],
          ['Hass Avocados', '2 pcs', 399, { c: 3, g: 400 }],
          ['Strawberries', '454 g', 499, { c: 0 }],
          ['Blueberries', '170 g', 449, { c: 4 }],
          ['Navel Oranges', '1 kg', 399, { c: 2 }],
          ['Red Seedless Grapes', '500 g', 429, { c: 4 }],
          ['Ataulfo Mangoes', '2 pcs', 349, { c: 2, g: 600 }],
          ['Golden Pineapple', '1 pc', 449, { c: 1, g: 1500 }],
          ['Lemons', '500 g', 299, { c: 1 }],
          ['Bartlett Pears', '1 kg', 429, { c: 3 }],
          ['Green Kiwifruit', '6 pcs', 379, { c: 3, g: 450 }],
        ],
      },
      {
        name: 'Fresh Vegetables',
        code: 'VEG',
        shape: 'veg',
        colors: ['#ef6c00', '#c62828', '#558b2f', '#6d4c41'],
        brands: ['Green Valley Farms', 'FieldFresh', 'Root & Stem'],
        tags: ['vegetables', 'fresh'],
        description: 'Everyday vegetables and salad staples, washed, sorted and ready to cook.',
        blurbs: [
          'Crisp {item} from {brand}, harvested and delivered fresh.',
          'Farm-fresh {item} for roasting, salads, soups and stir-fries.',
        ],
        items: [
          ['Carrots', '1 kg', 229, { c: 0 }],
          ['Vine Tomatoes', '500 g', 349, { c: 1 }],
          ['Broccoli Crowns', '500 g', 299, { c: 2 }],
          ['Yellow Onions', '1 kg', 249, { c: 3 }],
          [
            'Russet Potatoes',
            '2 kg',
            449,
            {
              c: 3,
              sizes: [
                ['2 kg', 449],
                ['5 kg', 899],
              ],
            },
          ],
          ['English Cucumber', '1 pc', 149, { c: 2, g: 350 }],
          ['Red Bell Peppers', '3 pcs', 429, { c: 1, g: 500 }],
          ['Baby Spinach', '142 g', 349, { c: 2 }],
          ['Sweet Potatoes', '1 kg', 349, { c: 0 }],
          ['Zucchini', '500 g', 249, { c: 2 }],
          ['Garlic Bulbs', '3 pcs', 199, { c: 3, g: 150 }],
          ['Cremini Mushrooms', '227 g', 329, { c: 3 }],
        ],
      },
      {
        name: 'Herbs & Leafy Greens',
        code: 'HRB',
        shape: 'greens',
        colors: ['#2e7d32'],
        brands: ['Little Leaf Co.', 'FieldFresh'],
        tags: ['herbs', 'greens', 'fresh'],
        description: 'Fragrant herbs and tender greens to finish every dish.',
        blurbs: [
          'Fragrant {item}, cut fresh by {brand}.',
          'A bunch of {item} to brighten salads and sauces.',
        ],
        items: [
          ['Sweet Basil', '28 g', 249],
          ['Flat-Leaf Parsley', '1 bunch', 149, { g: 80 }],
          ['Cilantro', '1 bunch', 129, { g: 80 }],
          ['Fresh Mint', '28 g', 229],
          ['Curly Kale', '1 bunch', 249, { g: 250 }],
          ['Romaine Hearts', '3 pcs', 399, { g: 600 }],
          ['Arugula', '142 g', 349],
          ['Rosemary', '21 g', 229],
        ],
      },
    ],
  },
  {
    name: 'Dairy, Bread & Eggs',
    kind: 'chilled',
    hue: 45,
    description: 'Milk, cheese, yogurt, butter, fresh bread and eggs for every breakfast table.',
    children: [
      {
        name: 'Milk',
        code: 'MLK',
        shape: 'carton',
        colors: ['#1e88e5'],
        brands: ['Clover Hill', 'Pure Pasture', 'Oat & Co.'],
        tags: ['milk', 'dairy'],
        description: 'Fresh dairy milk and plant-based alternatives.',
        blurbs: [
          'Fresh {item} from {brand}, smooth and creamy.',
          'Everyday {item} for coffee, cereal and baking.',
        ],
        items: [
          [
            'Whole Milk',
            '1 L',
            189,
            {
              c: 0,
              sizes: [
                ['1 L', 189],
                ['2 L', 329],
              ],
            },
          ],
          ['2% Reduced Fat Milk', '1 L', 179],
          ['Skim Milk', '1 L', 169],
          ['Lactose-Free Milk', '1 L', 299],
          ['Chocolate Milk', '500 ml', 199],
          ['Oat Milk Barista Edition', '1 L', 399, { tags: ['vegan', 'plant-based'] }],
          ['Unsweetened Almond Milk', '1 L', 349, { tags: ['vegan', 'plant-based'] }],
          ['Organic Whole Milk', '1 L', 329, { tags: ['organic'] }],
        ],
      },
      {
        name: 'Cheese',
        code: 'CHZ',
        shape: 'wedge',
        colors: ['#fdd835'],
        brands: ['Old Mill Creamery', 'Alpine Hollow', 'Clover Hill'],
        tags: ['cheese', 'dairy'],
        description: 'From sharp cheddar to creamy brie: cheeses for boards, sandwiches and cooking.',
        blurbs: [
          '{item} from {brand}, aged for full flavour.',
          'Rich, creamy {item} for boards and recipes.',
        ],
        items: [
          ['Sharp Cheddar', '200 g', 449],
          ['Fresh Mozzarella', '250 g', 399],
          ['Parmesan Wedge', '150 g', 649],
          ['Double Cream Brie', '200 g', 599],
          ['Feta in Brine', '200 g', 429],
          ['Swiss Cheese Slices', '8 pcs', 379, { g: 200 }],
          ['Aged Gouda', '200 g', 549],
          ['Cream Cheese', '227 g', 299],
        ],
      },
      {
        name: 'Yogurt & Desserts',
        code: 'YOG',
        shape: 'tub',
        colors: ['#ec407a'],
        brands: ['Clover Hill', 'Daybreak Cultures', 'Bluecrest'],
        tags: ['yogurt', 'dairy'],
        description: 'Greek yogurt, cultured favourites and chilled desserts.',
        blurbs: [
          'Thick, creamy {item} from {brand}.',
          '{item} with live cultures, great with granola or fruit.',
        ],
        items: [
          ['Plain Greek Yogurt', '500 g', 449, { tags: ['high-protein'] }],
          ['Strawberry Yogurt', '4 x 100 g', 349],
          ['Vanilla Bean Yogurt', '500 g', 399],
          ['Blueberry Skyr', '150 g', 179, { tags: ['high-protein'] }],
          ['Chocolate Pudding Cups', '4 x 99 g', 329],
          ['Coconut Yogurt', '400 g', 499, { tags: ['vegan', 'plant-based'] }],
          ['Kefir Drink', '946 ml', 449],
        ],
      },
      {
        name: 'Butter & Cream',
        code: 'BTR',
        shape: 'box',
        colors: ['#ffd54f'],
        brands: ['Pure Pasture', 'Old Mill Creamery'],
        tags: ['butter', 'cream', 'dairy'],
        description: 'Butter, cream and spreads for cooking and baking.',
        blurbs: [
          'Rich {item} from {brand}, churned from fresh cream.',
          '{item} for baking, sauces and toast.',
        ],
        items: [
          ['Salted Butter', '227 g', 449],
          ['Unsalted Butter', '227 g', 449],
          ['Heavy Whipping Cream', '473 ml', 399],
          ['Sour Cream', '454 g', 249],
          ['Half & Half', '473 ml', 229],
          ['Cultured Butter', '250 g', 599],
          ['Ghee', '375 g', 899],
        ],
      },
      {
        name: 'Bread & Bakery',
        code: 'BRD',
        shape: 'loaf',
        colors: ['#c68642'],
        brands: ['Hearth & Crumb', 'Stoneground Bakery', 'Morning Oven'],
        tags: ['bread', 'bakery'],
        description: 'Freshly baked loaves, rolls, bagels and pastries.',
        blurbs: [
          '{item} baked fresh every morning by {brand}.',
          'Soft, golden {item} for sandwiches and toast.',
        ],
        items: [
          ['Sourdough Loaf', '800 g', 549],
          ['Whole Wheat Sandwich Bread', '680 g', 379],
          ['Brioche Burger Buns', '4 pcs', 449, { g: 280 }],
          ['Everything Bagels', '6 pcs', 499, { g: 510 }],
          ['Butter Croissants', '4 pcs', 549, { g: 240 }],
          ['Multigrain Loaf', '600 g', 479],
          ['Flour Tortillas', '10 pcs', 329, { g: 450 }],
          ['Rye Bread', '500 g', 429],
        ],
      },
      {
        name: 'Eggs',
        code: 'EGG',
        shape: 'eggs',
        colors: ['#f5deb3'],
        brands: ['Happy Hen Farms', 'Pure Pasture'],
        tags: ['eggs'],
        description: 'Free-range, cage-free and organic eggs.',
        blurbs: ['{item} from {brand}, collected daily.', 'Fresh {item} with rich golden yolks.'],
        items: [
          [
            'Large Free-Range Eggs',
            '12 pcs',
            549,
            {
              c: 0,
              g: 720,
              tags: ['free-range'],
              sizes: [
                ['6 pcs', 329],
                ['12 pcs', 549],
                ['18 pcs', 769],
              ],
              def: 1,
            },
          ],
          ['Organic Brown Eggs', '12 pcs', 649, { g: 720, tags: ['organic'] }],
          ['Cage-Free White Eggs', '12 pcs', 449, { g: 720 }],
          ['Pasture-Raised Eggs', '6 pcs', 449, { g: 360 }],
          ['Liquid Egg Whites', '473 ml', 399, { tags: ['high-protein'] }],
        ],
      },
    ],
  },
  {
    name: 'Snacks & Munchies',
    kind: 'pantry',
    hue: 25,
    description: 'Chips, cookies, chocolate, nuts and everything for movie night.',
    children: [
      {
        name: 'Chips & Crisps',
        code: 'CHP',
        shape: 'bag',
        colors: ['#fbc02d', '#e53935', '#1e88e5', '#43a047'],
        brands: ['Crunchwell', 'Golden Crisp Co.', 'Kettle Ridge'],
        tags: ['chips', 'snacks'],
        description: 'Kettle chips, tortilla chips, popcorn and pretzels.',
        blurbs: [
          'Irresistibly crunchy {item} from {brand}.',
          '{item}: the perfect snack for sharing (or not).',
        ],
        items: [
          ['Sea Salt Kettle Chips', '226 g', 449, { c: 0 }],
          ['Salt & Vinegar Chips', '226 g', 449, { c: 2 }],
          ['Barbecue Potato Chips', '184 g', 399, { c: 1 }],
          ['Tortilla Chips', '368 g', 479, { c: 0 }],
          ['Sour Cream & Onion Chips', '184 g', 399, { c: 3 }],
          ['Butter Popcorn', '6 x 85 g', 549, { c: 0 }],
          ['Pretzel Twists', '454 g', 399, { c: 1 }],
          ['Veggie Straws', '198 g', 429, { c: 3, tags: ['vegetarian'] }],
          ['Jalapeño Kettle Chips', '226 g', 449, { c: 3 }],
        ],
      },
      {
        name: 'Biscuits & Cookies',
        code: 'CKE',
        shape: 'box',
        colors: ['#6d4c41'],
        brands: ['Butterleaf Bakery', "Crumbly's", 'Oakmill'],
        tags: ['cookies', 'snacks'],
        description: 'Cookies, crackers and biscuits for tea time and lunch boxes.',
        blurbs: ['Freshly baked {item} from {brand}.', 'Crisp, buttery {item}: perfect with a cup of tea.'],
        items: [
          ['Chocolate Chip Cookies', '368 g', 449],
          ['Oatmeal Raisin Cookies', '340 g', 429],
          ['Butter Shortbread', '200 g', 499],
          ['Double Chocolate Cookies', '300 g', 479],
          ['Graham Crackers', '408 g', 399],
          ['Sandwich Cookies', '432 g', 399],
          ['Sea Salt Crackers', '200 g', 349],
          ['Ginger Snaps', '454 g', 379],
        ],
      },
      {
        name: 'Chocolates & Candy',
        code: 'CHO',
        shape: 'bar',
        colors: ['#5d4037'],
        brands: ['Cocoa Lane', 'Velvet Bean', 'Sweet Harbor'],
        tags: ['chocolate', 'candy', 'snacks'],
        description: 'Chocolate bars, truffles, gummies and treats.',
        blurbs: ['Silky {item} from {brand}.', 'Indulgent {item}, made with sustainably sourced cocoa.'],
        items: [
          ['70% Dark Chocolate Bar', '100 g', 349, { tags: ['vegan'] }],
          ['Milk Chocolate Hazelnut Bar', '100 g', 329],
          ['Sea Salt Caramel Chocolate', '100 g', 379],
          ['Gummy Bears', '227 g', 279],
          ['Chocolate Truffles', '200 g', 899],
          ['Peanut Butter Cups', '6 pcs', 349, { g: 150 }],
          ['Sour Gummy Worms', '227 g', 279],
          ['White Chocolate Raspberry Bar', '100 g', 349],
        ],
      },
      {
        name: 'Nuts & Dried Fruit',
        code: 'NUT',
        shape: 'jar',
        colors: ['#a1887f'],
        brands: ['Nutwell', 'Trail Co.'],
        tags: ['nuts', 'snacks', 'healthy'],
        description: 'Roasted nuts, trail mixes and dried fruit.',
        blurbs: [
          'Crunchy {item} from {brand}, roasted in small batches.',
          'Wholesome {item} for snacking on the go.',
        ],
        items: [
          [
            'Roasted Salted Almonds',
            '454 g',
            899,
            {
              c: 0,
              sizes: [
                ['227 g', 499],
                ['454 g', 899],
                ['907 g', 1599],
              ],
              def: 1,
            },
          ],
          ['Raw Cashews', '227 g', 699],
          ['Mixed Nuts', '340 g', 999],
          ['Classic Trail Mix', '397 g', 649],
          ['Dried Mango Slices', '170 g', 549],
          ['Pistachios in Shell', '454 g', 999],
          ['Medjool Dates', '340 g', 749],
          ['Dried Cranberries', '170 g', 399],
        ],
      },
    ],
  },
  {
    name: 'Beverages',
    kind: 'pantry',
    hue: 200,
    description: 'Coffee, tea, juices, soft drinks and water.',
    children: [
      {
        name: 'Tea & Coffee',
        description: 'Whole beans, ground coffee, capsules and teas from around the world.',
        children: [
          {
            name: 'Coffee',
            code: 'COF',
            shape: 'bag',
            colors: ['#4e342e'],
            brands: ['Roast Theory', 'Morning Ritual', 'Bean & Barrel'],
            tags: ['coffee'],
            description: 'Whole bean and ground coffee, cold brew and capsules.',
            blurbs: [
              '{item} roasted by {brand} for a smooth, balanced cup.',
              'Freshly roasted {item} with notes of cocoa and caramel.',
            ],
            items: [
              [
                'Medium Roast Whole Bean Coffee',
                '340 g',
                1199,
                {
                  c: 1,
                  sizes: [
                    ['340 g', 1199],
                    ['907 g', 2699],
                  ],
                  tags: ['fair-trade'],
                },
              ],
              ['Dark Roast Ground Coffee', '340 g', 1099],
              ['Espresso Beans', '500 g', 1499],
              ['Colombian Single Origin Coffee', '340 g', 1299, { attrs: { origin: 'Colombia' } }],
              ['Cold Brew Concentrate', '946 ml', 899],
              ['Decaf Ground Coffee', '340 g', 1049],
              ['Coffee Pods Variety Pack', '24 pcs', 1599, { g: 300 }],
            ],
          },
          {
            name: 'Tea',
            code: 'TEA',
            shape: 'box',
            colors: ['#43a047'],
            brands: ['Leaf & Kettle', 'Cloud Garden Tea'],
            tags: ['tea'],
            description: 'Black, green and herbal teas, loose leaf and bags.',
            blurbs: [
              '{item} from {brand}, blended for a bright, fragrant cup.',
              'Soothing {item}, perfect any time of day.',
            ],
            items: [
              ['English Breakfast Tea', '100 bags', 649, { g: 250 }],
              ['Japanese Sencha Green Tea', '20 bags', 549, { g: 40 }],
              ['Chamomile Herbal Tea', '20 bags', 449, { g: 30 }],
              ['Earl Grey Tea', '50 bags', 599, { g: 125 }],
              ['Peppermint Tea', '20 bags', 449, { g: 30 }],
              ['Masala Chai', '20 bags', 499, { g: 50 }],
              ['Matcha Powder', '30 g', 1499],
            ],
          },
        ],
      },
      {
        name: 'Soft Drinks',
        code: 'SOD',
        shape: 'can',
        colors: ['#c62828', '#2e7d32', '#1565c0', '#f9a825'],
        brands: ['Fizzco', 'Bright Bubbles', 'Citrus Peak'],
        tags: ['soda', 'drinks'],
        description: 'Colas, sparkling sodas, tonics and energy drinks.',
        blurbs: ['Ice-cold {item} from {brand}.', 'Crisp, refreshing {item}: best served chilled.'],
        items: [
          [
            'Classic Cola',
            '12 x 355 ml',
            699,
            {
              c: 0,
              sizes: [
                ['6 x 355 ml', 399],
                ['12 x 355 ml', 699],
              ],
              def: 1,
            },
          ],
          ['Zero Sugar Cola', '12 x 355 ml', 699, { c: 0, tags: ['sugar-free'] }],
          ['Lemon-Lime Soda', '2 L', 249, { c: 1 }],
          ['Ginger Ale', '12 x 355 ml', 649, { c: 1 }],
          ['Sparkling Orange Soda', '6 x 355 ml', 399, { c: 3 }],
          ['Indian Tonic Water', '4 x 200 ml', 449, { c: 2 }],
          ['Energy Drink', '473 ml', 299, { c: 2 }],
          ['Root Beer', '6 x 355 ml', 429, { c: 0 }],
        ],
      },
      {
        name: 'Juices',
        code: 'JUI',
        shape: 'bottle',
        colors: ['#fb8c00'],
        brands: ['Squeezed Daily', 'Orchard Press'],
        tags: ['juice', 'drinks'],
        description: 'Cold-pressed juices, smoothies and lemonades.',
        blurbs: ['{item} from {brand}, never from concentrate.', 'Bright, fresh {item}, bottled cold.'],
        items: [
          ['Orange Juice with Pulp', '1.5 L', 549],
          ['Apple Juice', '1.5 L', 399],
          ['Cold-Pressed Green Juice', '450 ml', 599, { tags: ['vegan'] }],
          ['Cranberry Juice Cocktail', '1.9 L', 449],
          ['Strawberry Banana Smoothie', '450 ml', 449],
          ['Old-Fashioned Lemonade', '1.5 L', 379],
          ['Pomegranate Juice', '473 ml', 549],
          ['Grapefruit Juice', '1 L', 449],
        ],
      },
      {
        name: 'Water & Sparkling',
        code: 'WAT',
        shape: 'bottle',
        colors: ['#29b6f6'],
        brands: ['Glacier Point', 'Pure Ridge'],
        tags: ['water', 'drinks'],
        description: 'Spring water, sparkling water and flavoured seltzers.',
        blurbs: ['Naturally filtered {item} from {brand}.', 'Crisp {item} to keep you hydrated all day.'],
        items: [
          ['Natural Spring Water', '24 x 500 ml', 599],
          ['Sparkling Mineral Water', '1 L', 199],
          ['Lime Sparkling Water', '8 x 355 ml', 549, { tags: ['sugar-free'] }],
          ['Alkaline Water', '1.5 L', 249],
          ['Coconut Water', '1 L', 449],
          ['Berry Seltzer', '8 x 355 ml', 549, { tags: ['sugar-free'] }],
        ],
      },
    ],
  },
  {
    name: 'Pantry Staples',
    kind: 'pantry',
    hue: 35,
    description: 'Rice, pasta, oils, spices, cereals and spreads: everything for the cupboard.',
    children: [
      {
        name: 'Rice, Grains & Pulses',
        code: 'RCE',
        shape: 'bag',
        colors: ['#d7ccc8'],
        brands: ['Riverbend Grains', 'Heritage Mills'],
        tags: ['rice', 'grains'],
        description: 'Rice, quinoa, oats, lentils and beans.',
        blurbs: ['Premium {item} from {brand}, cleaned and sorted.', 'Wholesome {item} for everyday meals.'],
        items: [
          [
            'Aged Basmati Rice',
            '1 kg',
            449,
            {
              c: 0,
              sizes: [
                ['1 kg', 449],
                ['2 kg', 849],
                ['5 kg', 1899],
              ],
              tags: ['gluten-free'],
            },
          ],
          ['Jasmine Rice', '2 kg', 699, { tags: ['gluten-free'] }],
          ['Tricolor Quinoa', '500 g', 599, { tags: ['gluten-free', 'vegan'] }],
          ['Old-Fashioned Rolled Oats', '1 kg', 449],
          ['Red Lentils', '1 kg', 399, { tags: ['vegan'] }],
          ['Canned Chickpeas', '425 g', 139, { tags: ['vegan'] }],
          ['Black Beans', '425 g', 129, { tags: ['vegan'] }],
          ['Arborio Risotto Rice', '1 kg', 549],
        ],
      },
      {
        name: 'Pasta & Noodles',
        code: 'PAS',
        shape: 'box',
        colors: ['#1565c0'],
        brands: ['Casa Fiorita', "Nonna's Table"],
        tags: ['pasta'],
        description: 'Dried pasta, fresh pasta, noodles and sauces.',
        blurbs: [
          'Bronze-cut {item} from {brand}, made with durum wheat.',
          'Classic {item}, ready in minutes.',
        ],
        items: [
          ['Spaghetti', '500 g', 229],
          ['Penne Rigate', '500 g', 229],
          ['Fusilli', '500 g', 229],
          ['Egg Fettuccine', '250 g', 399],
          ['Whole Wheat Linguine', '500 g', 279],
          ['Rice Noodles', '400 g', 349, { tags: ['gluten-free'] }],
          ['Marinara Sauce', '680 g', 549],
          ['Basil Pesto', '190 g', 499],
        ],
      },
      {
        name: 'Cooking Oils & Vinegars',
        code: 'OIL',
        shape: 'bottle',
        colors: ['#9e9d24'],
        brands: ['Olivara', 'Sunfield'],
        tags: ['oil', 'cooking'],
        description: 'Olive oil, cooking oils and vinegars.',
        blurbs: [
          '{item} from {brand}, first pressed for full flavour.',
          'Everyday {item} for cooking and dressings.',
        ],
        items: [
          [
            'Extra Virgin Olive Oil',
            '500 ml',
            899,
            {
              c: 0,
              sizes: [
                ['500 ml', 899],
                ['1 L', 1599],
              ],
              attrs: { origin: 'Spain' },
            },
          ],
          ['Avocado Oil', '500 ml', 1099],
          ['Sunflower Oil', '1 L', 449],
          ['Toasted Sesame Oil', '250 ml', 549],
          ['Balsamic Vinegar of Modena', '250 ml', 699],
          ['Apple Cider Vinegar', '473 ml', 399],
          ['Coconut Oil', '414 ml', 749, { tags: ['vegan'] }],
        ],
      },
      {
        name: 'Spices & Seasonings',
        code: 'SPC',
        shape: 'jar',
        colors: ['#e65100'],
        brands: ['Spice Route', 'Pinch & Co.'],
        tags: ['spices'],
        description: 'Whole and ground spices, salts, peppers and blends.',
        blurbs: ['Aromatic {item} from {brand}.', 'Small-batch {item} to season everything.'],
        items: [
          ['Smoked Paprika', '50 g', 399],
          ['Ground Cumin', '50 g', 349],
          ['Black Peppercorns', '100 g', 499],
          ['Flaky Sea Salt', '250 g', 599],
          ['Ground Cinnamon', '60 g', 349],
          ['Garam Masala', '50 g', 429],
          ['Italian Seasoning', '30 g', 329],
          ['Turmeric Powder', '60 g', 349],
        ],
      },
      {
        name: 'Breakfast Cereals',
        code: 'CER',
        shape: 'box',
        colors: ['#f57f17'],
        brands: ['Morning Crunch', 'Oakmill'],
        tags: ['cereal', 'breakfast'],
        description: 'Granola, muesli, flakes and breakfast favourites.',
        blurbs: [
          'Crunchy {item} from {brand}, a great start to the day.',
          'Wholegrain {item}, delicious with milk or yogurt.',
        ],
        items: [
          ['Honey Almond Granola', '500 g', 599],
          ['Corn Flakes', '500 g', 399],
          ['Swiss-Style Muesli', '750 g', 649],
          ['Chocolate Crisp Rice', '375 g', 449],
          ['Bran Flakes', '500 g', 399],
          ['Instant Oatmeal Packets', '10 pcs', 449, { g: 430 }],
          ['Frosted Mini Wheats', '510 g', 479],
        ],
      },
      {
        name: 'Spreads & Honey',
        code: 'SPR',
        shape: 'jar',
        colors: ['#ffa000'],
        brands: ['Busy Bee Apiaries', 'Sunrise Pantry', 'Orchard Press'],
        tags: ['spreads', 'breakfast'],
        description: 'Honey, nut butters, jams and spreads.',
        blurbs: ['Smooth {item} from {brand}.', 'Spread-ready {item} for toast, pancakes and baking.'],
        items: [
          ['Raw Wildflower Honey', '454 g', 899],
          ['Creamy Peanut Butter', '454 g', 449, { tags: ['vegan'] }],
          ['Crunchy Almond Butter', '340 g', 899],
          ['Strawberry Jam', '340 g', 449],
          ['Cocoa Hazelnut Spread', '400 g', 549],
          ['Orange Marmalade', '340 g', 429],
          ['Pure Maple Syrup', '250 ml', 999],
        ],
      },
    ],
  },
  {
    name: 'Frozen Food',
    kind: 'frozen',
    hue: 190,
    description: 'Ice cream, frozen vegetables and ready meals for busy days.',
    children: [
      {
        name: 'Ice Cream',
        code: 'ICE',
        shape: 'tub',
        colors: ['#f48fb1'],
        brands: ['Frosty Pines', 'Scoop Society'],
        tags: ['ice-cream', 'dessert'],
        description: 'Tubs, bars and sorbets.',
        blurbs: ['Creamy {item} from {brand}, churned slowly.', 'Indulgent {item}: a scoop of happiness.'],
        items: [
          ['Vanilla Bean Ice Cream', '473 ml', 549],
          ['Double Chocolate Ice Cream', '473 ml', 549],
          ['Strawberry Cheesecake Ice Cream', '473 ml', 599],
          ['Mango Sorbet', '473 ml', 499, { tags: ['vegan'] }],
          ['Cookies & Cream Ice Cream', '1.4 L', 799],
          ['Ice Cream Sandwiches', '6 pcs', 599, { g: 480 }],
          ['Mint Chip Ice Cream', '473 ml', 549],
        ],
      },
      {
        name: 'Frozen Vegetables',
        code: 'FZV',
        shape: 'bag',
        colors: ['#43a047'],
        brands: ['Frosty Pines', 'FieldFresh'],
        tags: ['frozen', 'vegetables'],
        description: 'Vegetables frozen at peak freshness.',
        blurbs: [
          '{item} from {brand}, frozen within hours of harvest.',
          'Ready-to-cook {item}, no washing or chopping.',
        ],
        items: [
          ['Garden Peas', '1 kg', 349],
          ['Sweet Corn', '1 kg', 349],
          ['Broccoli Florets', '500 g', 299],
          ['Mixed Stir-Fry Vegetables', '750 g', 449],
          ['Shelled Edamame', '454 g', 399, { tags: ['high-protein'] }],
          ['Crinkle Cut Fries', '1 kg', 399],
          ['Riced Cauliflower', '340 g', 349, { tags: ['low-carb'] }],
        ],
      },
      {
        name: 'Ready Meals',
        code: 'RDY',
        shape: 'box',
        colors: ['#e53935'],
        brands: ['Kitchen Ready', 'Bowl Theory'],
        tags: ['ready-meals', 'frozen'],
        description: 'Pizzas, dumplings and meals ready in minutes.',
        blurbs: [
          '{item} from {brand}, ready in under 10 minutes.',
          'Restaurant-style {item} from your freezer.',
        ],
        items: [
          ['Margherita Pizza', '400 g', 699],
          ['Pepperoni Pizza', '450 g', 749],
          ['Chicken Tikka Masala with Rice', '350 g', 599],
          ['Vegetable Dumplings', '600 g', 799, { tags: ['vegetarian'] }],
          ['Four Cheese Lasagna', '800 g', 899],
          ['Veggie Burritos', '4 pcs', 699, { g: 600 }],
          ['Mac & Cheese', '340 g', 449],
        ],
      },
    ],
  },
  {
    name: 'Household',
    kind: 'household',
    hue: 170,
    description: 'Cleaning, laundry and paper essentials for a tidy home.',
    children: [
      {
        name: 'Cleaning',
        description: 'Sprays, wipes and detergents for every surface.',
        children: [
          {
            name: 'Surface Cleaners',
            code: 'CLN',
            shape: 'bottle',
            colors: ['#26c6da'],
            brands: ['SparkleHome', 'Greenleaf Home'],
            tags: ['cleaning'],
            description: 'Multi-surface sprays, glass cleaners and disinfecting wipes.',
            blurbs: [
              '{item} from {brand}: cuts through grease and grime.',
              'Streak-free {item} for a sparkling home.',
            ],
            items: [
              ['All-Purpose Cleaner Spray', '946 ml', 449],
              ['Glass & Mirror Cleaner', '946 ml', 399],
              ['Disinfecting Wipes', '75 pcs', 549, { g: 500 }],
              ['Bathroom Cleaner', '750 ml', 449],
              ['Wood Floor Cleaner', '946 ml', 649],
              ['Lemon Kitchen Degreaser', '750 ml', 499],
              ['Toilet Bowl Cleaner', '709 ml', 349],
            ],
          },
          {
            name: 'Dishwashing',
            code: 'DSH',
            shape: 'bottle',
            colors: ['#66bb6a'],
            brands: ['SparkleHome', 'Greenleaf Home'],
            tags: ['cleaning', 'kitchen'],
            description: 'Dish soaps, dishwasher tablets and sponges.',
            blurbs: [
              'Grease-fighting {item} from {brand}.',
              '{item} that is tough on dishes, gentle on hands.',
            ],
            items: [
              ['Lemon Dish Soap', '750 ml', 349],
              ['Dishwasher Tablets', '40 pcs', 1299, { g: 720 }],
              ['Rinse Aid', '500 ml', 449],
              ['Non-Scratch Sponges', '6 pcs', 399, { g: 90 }],
              ['Fragrance-Free Dish Soap', '750 ml', 399],
              ['Dishwasher Cleaner', '3 pcs', 649, { g: 300 }],
            ],
          },
        ],
      },
      {
        name: 'Laundry',
        code: 'LND',
        shape: 'bottle',
        colors: ['#5c6bc0'],
        brands: ['FreshFold', 'Greenleaf Home'],
        tags: ['laundry'],
        description: 'Detergents, softeners and stain removers.',
        blurbs: [
          '{item} from {brand} for bright, fresh-smelling clothes.',
          'Powerful {item} that works in cold water.',
        ],
        items: [
          [
            'Liquid Laundry Detergent',
            '2.95 L',
            1299,
            {
              c: 0,
              sizes: [
                ['1.47 L', 799],
                ['2.95 L', 1299],
              ],
              def: 1,
            },
          ],
          ['Laundry Pods', '42 pcs', 1399, { g: 1000 }],
          ['Fabric Softener', '1.5 L', 699],
          ['Oxygen Stain Remover', '1.36 kg', 899],
          ['Dryer Sheets', '120 pcs', 599, { g: 250 }],
          ['Free & Clear Detergent', '2.95 L', 1299, { tags: ['hypoallergenic'] }],
        ],
      },
      {
        name: 'Paper & Disposables',
        code: 'PPR',
        shape: 'roll',
        colors: ['#90caf9'],
        brands: ['SoftNest', 'Everyday Basics'],
        tags: ['paper', 'essentials'],
        description: 'Toilet paper, paper towels, tissues, bags and foil.',
        blurbs: ['Soft, strong {item} from {brand}.', 'Everyday {item} at a great price.'],
        items: [
          ['Toilet Paper Double Rolls', '12 pcs', 1099, { g: 1400 }],
          ['Paper Towels', '6 pcs', 999, { g: 1300 }],
          ['Facial Tissues', '3 x 120 pcs', 549, { g: 450 }],
          ['Kitchen Trash Bags 50 L', '40 pcs', 899, { g: 800 }],
          ['Aluminium Foil', '30 m', 549, { g: 400 }],
          ['Compostable Paper Plates', '50 pcs', 699, { g: 900, tags: ['eco'] }],
        ],
      },
    ],
  },
  {
    name: 'Personal Care',
    kind: 'care',
    hue: 320,
    description: 'Bath, hair, oral and skin care essentials.',
    children: [
      {
        name: 'Bath & Body',
        code: 'BTH',
        shape: 'bar',
        colors: ['#ce93d8'],
        brands: ['Lather Lab', 'Botanica Bath'],
        tags: ['bath', 'body'],
        description: 'Soaps, body washes, lotions and deodorants.',
        blurbs: ['Nourishing {item} from {brand}.', '{item} with natural oils for soft, fresh skin.'],
        items: [
          ['Shea Butter Bar Soap', '4 x 100 g', 599],
          ['Lavender Body Wash', '532 ml', 699],
          ['Oatmeal Body Lotion', '400 ml', 899],
          ['Aluminium-Free Deodorant', '75 g', 899],
          ['Eucalyptus Bath Salts', '500 g', 749],
          ['Gentle Hand Soap Refill', '1 L', 649],
          ['Charcoal Detox Soap', '120 g', 399],
        ],
      },
      {
        name: 'Hair Care',
        code: 'HAR',
        shape: 'bottle',
        colors: ['#ab47bc'],
        brands: ['Silk & Stem', 'Lather Lab'],
        tags: ['hair'],
        description: 'Shampoos, conditioners and styling.',
        blurbs: ['{item} from {brand} for soft, shiny hair.', 'Salon-quality {item} with argan oil.'],
        items: [
          ['Moisturising Shampoo', '400 ml', 749],
          ['Repairing Conditioner', '400 ml', 749],
          ['Anti-Dandruff Shampoo', '400 ml', 849],
          ['Argan Hair Oil', '100 ml', 1199],
          ['Dry Shampoo', '200 ml', 799],
          ['Curl Defining Cream', '250 ml', 999],
          ['Kids 2-in-1 Shampoo', '355 ml', 599],
        ],
      },
      {
        name: 'Oral Care',
        code: 'ORL',
        shape: 'tube',
        colors: ['#29b6f6'],
        brands: ['BrightBite', 'Mintwell'],
        tags: ['oral-care'],
        description: 'Toothpaste, brushes, floss and mouthwash.',
        blurbs: ['{item} from {brand} for a fresh, clean smile.', 'Dentist-recommended {item}.'],
        items: [
          ['Whitening Toothpaste', '100 ml', 449],
          ['Sensitive Toothpaste', '75 ml', 549],
          ['Soft Bamboo Toothbrushes', '4 pcs', 799, { g: 80, tags: ['eco'] }],
          ['Mint Dental Floss', '50 m', 349, { g: 30 }],
          ['Alcohol-Free Mouthwash', '500 ml', 599],
          ['Kids Strawberry Toothpaste', '75 ml', 399],
          ['Electric Toothbrush Heads', '4 pcs', 1999, { g: 40 }],
        ],
      },
      {
        name: 'Skin Care',
        code: 'SKN',
        shape: 'tube',
        colors: ['#f48fb1'],
        brands: ['Dewy Days', 'Botanica Bath'],
        tags: ['skin-care'],
        description: 'Cleansers, moisturisers, sunscreen and lip care.',
        blurbs: ['Lightweight {item} from {brand}.', '{item} with hyaluronic acid for all-day hydration.'],
        items: [
          ['Daily Face Moisturiser SPF 30', '75 ml', 1499],
          ['Gentle Foaming Cleanser', '150 ml', 999],
          ['Mineral Sunscreen SPF 50', '100 ml', 1299],
          ['Vitamin C Serum', '30 ml', 1899],
          ['Lip Balm', '3 pcs', 449, { g: 15 }],
          ['Hand Cream', '75 ml', 649],
          ['Micellar Water', '400 ml', 799],
        ],
      },
    ],
  },
  {
    name: 'Baby Care',
    kind: 'baby',
    hue: 260,
    description: 'Diapers, wipes, baby food and gentle care for little ones.',
    children: [
      {
        name: 'Diapers & Wipes',
        code: 'DPR',
        shape: 'pack',
        colors: ['#81d4fa'],
        brands: ['Little Sprout', 'Cuddle Cloud'],
        tags: ['diapers', 'baby'],
        description: 'Diapers, pull-ups and water-based wipes.',
        blurbs: ['Soft, leak-proof {item} from {brand}.', '{item} designed for sensitive skin.'],
        items: [
          [
            'Newborn Diapers Size 1',
            '84 pcs',
            2499,
            {
              c: 0,
              g: 2400,
              sizes: [
                ['42 pcs', 1399],
                ['84 pcs', 2499],
              ],
              def: 1,
            },
          ],
          ['Diapers Size 3', '68 pcs', 2499, { g: 2600 }],
          ['Diapers Size 5', '50 pcs', 2499, { g: 2700 }],
          ['Training Pants', '60 pcs', 2699, { g: 2600 }],
          ['Water Wipes', '3 x 60 pcs', 899, { g: 1100, tags: ['fragrance-free'] }],
          ['Overnight Diapers Size 4', '44 pcs', 2599, { g: 2300 }],
        ],
      },
      {
        name: 'Baby Food',
        code: 'BBF',
        shape: 'jar',
        colors: ['#ffb74d'],
        brands: ['Little Sprout', 'Tiny Spoon'],
        tags: ['baby-food', 'baby'],
        description: 'Purees, cereals, snacks and formula.',
        blurbs: [
          'Organic {item} from {brand}, made with simple ingredients.',
          'Wholesome {item} for growing appetites.',
        ],
        items: [
          ['Apple & Pear Puree', '4 x 113 g', 549, { tags: ['organic'] }],
          ['Sweet Potato Puree', '113 g', 149, { tags: ['organic'] }],
          ['Oat Baby Cereal', '227 g', 449],
          ['Teething Wafers', '12 pcs', 499, { g: 50 }],
          ['Veggie Puffs', '42 g', 399],
          ['Mango Banana Pouch', '4 x 99 g', 599],
          ['Spinach & Pea Puree', '113 g', 149, { tags: ['organic'] }],
        ],
      },
      {
        name: 'Baby Bath & Skin',
        code: 'BBS',
        shape: 'bottle',
        colors: ['#b39ddb'],
        brands: ['Cuddle Cloud', 'Little Sprout'],
        tags: ['baby', 'bath'],
        description: 'Tear-free washes, lotions and balms.',
        blurbs: ['Tear-free {item} from {brand}.', 'Gentle {item}, pediatrician tested.'],
        items: [
          ['Tear-Free Baby Shampoo', '400 ml', 699],
          ['Calming Lavender Baby Wash', '400 ml', 749],
          ['Baby Lotion', '400 ml', 749],
          ['Diaper Rash Cream', '113 g', 899],
          ['Baby Massage Oil', '200 ml', 649],
          ['Baby Sunscreen SPF 50', '88 ml', 1199],
        ],
      },
    ],
  },
  {
    name: 'Pet Care',
    kind: 'pet',
    hue: 15,
    description: 'Food, treats and essentials for dogs and cats.',
    children: [
      {
        name: 'Dog Food & Treats',
        code: 'DOG',
        shape: 'bag',
        colors: ['#8d6e63'],
        brands: ['Happy Tails', 'Wild Paw'],
        tags: ['dog', 'pet'],
        description: 'Dry and wet food, chews and treats for dogs.',
        blurbs: [
          '{item} from {brand}, with real meat as the first ingredient.',
          'Tail-wagging {item} for dogs of all sizes.',
        ],
        items: [
          [
            'Chicken & Rice Dry Dog Food',
            '2 kg',
            1699,
            {
              c: 0,
              sizes: [
                ['2 kg', 1699],
                ['6 kg', 4299],
              ],
              tags: ['high-protein'],
            },
          ],
          ['Grain-Free Salmon Dog Food', '1.8 kg', 2199],
          ['Beef Stew Wet Dog Food', '6 x 375 g', 1299],
          ['Dental Chews', '14 pcs', 1499, { g: 500 }],
          ['Peanut Butter Dog Biscuits', '500 g', 699],
          ['Puppy Dry Food', '2 kg', 1899],
          ['Chicken Jerky Treats', '200 g', 899],
        ],
      },
      {
        name: 'Cat Food & Litter',
        code: 'CAT',
        shape: 'can',
        colors: ['#7e57c2'],
        brands: ['Whisker & Co.', 'Wild Paw'],
        tags: ['cat', 'pet'],
        description: 'Wet and dry cat food, treats and litter.',
        blurbs: [
          '{item} from {brand}, made for curious cats.',
          'Purr-worthy {item} with essential nutrients.',
        ],
        items: [
          ['Salmon Pâté Wet Cat Food', '12 x 85 g', 1199],
          ['Indoor Dry Cat Food', '1.5 kg', 1499],
          ['Tuna Flakes in Gravy', '6 x 85 g', 649],
          ['Crunchy Cat Treats', '85 g', 349],
          ['Clumping Cat Litter', '9 kg', 1399],
          ['Kitten Dry Food', '1.5 kg', 1599],
        ],
      },
    ],
  },
  {
    name: 'Electronics & Accessories',
    kind: 'gear',
    hue: 225,
    description: 'Chargers, cables, power banks, audio and batteries: delivered in minutes.',
    children: [
      {
        name: 'Mobile Accessories',
        description: 'Keep your phone charged and protected.',
        children: [
          {
            name: 'Chargers & Cables',
            code: 'CHG',
            shape: 'cable',
            colors: ['#eceff1'],
            brands: ['Voltix', 'Amplo'],
            tags: ['chargers', 'cables', 'mobile'],
            description: 'Fast chargers, USB-C and Lightning cables, car chargers.',
            blurbs: [
              'Reliable {item} from {brand}, built to last.',
              'Fast, safe {item} with smart charging protection.',
            ],
            items: [
              ['USB-C to USB-C Cable 1 m', '1 pc', 1299, { g: 40, colors: ['White', 'Black'] }],
              ['20W USB-C Wall Charger', '1 pc', 1999, { g: 60 }],
              ['65W GaN Charger', '1 pc', 3999, { g: 120 }],
              ['Braided USB-C to Lightning Cable 2 m', '1 pc', 1799, { g: 60 }],
              ['Dual-Port Car Charger', '1 pc', 1499, { g: 40 }],
              ['Wireless Charging Pad', '1 pc', 2499, { g: 120, colors: ['Black', 'White'] }],
              ['Micro-USB Cable 1 m', '1 pc', 799, { g: 35 }],
            ],
          },
          {
            name: 'Power Banks',
            code: 'PWB',
            shape: 'device',
            colors: ['#455a64'],
            brands: ['Voltix', 'ChargeUp'],
            tags: ['power-bank', 'mobile'],
            description: 'Portable chargers for phones, tablets and laptops.',
            blurbs: [
              'Pocket-sized {item} from {brand}.',
              '{item} with fast charging and an LED level indicator.',
            ],
            items: [
              ['10,000 mAh Power Bank', '1 pc', 2999, { g: 210, colors: ['Black', 'White', 'Blue'] }],
              ['20,000 mAh Power Bank', '1 pc', 4499, { g: 380 }],
              ['Slim 5,000 mAh Power Bank', '1 pc', 1999, { g: 120 }],
              ['Magnetic Wireless Power Bank', '1 pc', 3999, { g: 180 }],
              ['Laptop Power Bank 100W', '1 pc', 8999, { g: 550 }],
            ],
          },
        ],
      },
      {
        name: 'Audio',
        code: 'AUD',
        shape: 'headphones',
        colors: ['#263238'],
        brands: ['Aurio', 'BassLine'],
        tags: ['audio'],
        description: 'Earbuds, headphones and portable speakers.',
        blurbs: ['Crystal-clear sound from {brand} {item}.', '{item} with deep bass and all-day comfort.'],
        items: [
          ['True Wireless Earbuds', '1 pc', 4999, { g: 60, colors: ['Black', 'White'] }],
          ['Noise-Cancelling Headphones', '1 pc', 12999, { g: 250 }],
          ['Wired Earphones with Mic', '1 pc', 1499, { g: 20 }],
          ['Portable Bluetooth Speaker', '1 pc', 3999, { g: 540 }],
          ['Kids Volume-Limited Headphones', '1 pc', 2499, { g: 160 }],
          ['Sports Earbuds', '1 pc', 3499, { g: 50 }],
        ],
      },
      {
        name: 'Batteries & Lighting',
        code: 'BAT',
        shape: 'battery',
        colors: ['#fdd835'],
        brands: ['PowerCell', 'Lumio'],
        tags: ['batteries'],
        description: 'Batteries, light bulbs and flashlights.',
        blurbs: ['Long-lasting {item} from {brand}.', 'Dependable {item} for everyday devices.'],
        items: [
          [
            'AA Alkaline Batteries',
            '8 pcs',
            899,
            {
              c: 0,
              g: 190,
              sizes: [
                ['8 pcs', 899],
                ['20 pcs', 1899],
              ],
            },
          ],
          ['AAA Alkaline Batteries', '8 pcs', 899, { g: 100 }],
          ['Rechargeable AA Batteries', '4 pcs', 1499, { g: 120 }],
          ['LED Light Bulbs 60W Equivalent', '4 pcs', 999, { g: 200 }],
          ['Coin Cell CR2032', '4 pcs', 599, { g: 12 }],
          ['Rechargeable LED Flashlight', '1 pc', 2499, { g: 180 }],
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    kind: 'gear',
    hue: 285,
    description: 'Cookware, kitchen tools and tableware for the everyday cook.',
    children: [
      {
        name: 'Cookware',
        code: 'CKW',
        shape: 'pan',
        colors: ['#424242'],
        brands: ['Ironleaf', 'Copper & Clay'],
        tags: ['cookware', 'kitchen'],
        description: 'Pans, pots and bakeware.',
        blurbs: [
          'Durable {item} from {brand} with even heat distribution.',
          '{item} built for everyday cooking.',
        ],
        items: [
          [
            'Non-Stick Frying Pan 28 cm',
            '1 pc',
            3499,
            {
              c: 0,
              g: 1100,
              sizes: [
                ['24 cm', 2999],
                ['28 cm', 3499],
              ],
              def: 1,
            },
          ],
          ['Cast Iron Skillet 26 cm', '1 pc', 3999, { g: 2600 }],
          ['Stainless Steel Saucepan 2 L', '1 pc', 4499, { g: 1200 }],
          ['Enamelled Dutch Oven 4.7 L', '1 pc', 8999, { g: 4800 }],
          ['Non-Stick Baking Sheet', '1 pc', 1499, { g: 500 }],
          ['Copper Stockpot 6 L', '1 pc', 7999, { g: 2500 }],
        ],
      },
      {
        name: 'Kitchen Tools & Storage',
        code: 'KTL',
        shape: 'jar',
        colors: ['#90a4ae'],
        brands: ['Prep Co.', 'Ironleaf'],
        tags: ['kitchen', 'storage'],
        description: 'Utensils, knives, containers and gadgets.',
        blurbs: ['Handy {item} from {brand}.', 'Well-made {item} for a tidy, efficient kitchen.'],
        items: [
          ['Glass Food Storage Containers', '5 pcs', 2999, { g: 2500 }],
          ["Chef's Knife 20 cm", '1 pc', 4999, { g: 230 }],
          ['Silicone Spatula Set', '3 pcs', 1299, { g: 250 }],
          ['Bamboo Cutting Board', '1 pc', 1999, { g: 900, tags: ['eco'] }],
          ['Stainless Steel Measuring Cups', '4 pcs', 1499, { g: 300 }],
          ['Reusable Silicone Food Bags', '4 pcs', 1799, { g: 200, tags: ['eco'] }],
        ],
      },
      {
        name: 'Mugs & Tableware',
        code: 'MUG',
        shape: 'mug',
        colors: ['#ef9a9a'],
        brands: ['Copper & Clay', 'Stoneware Studio'],
        tags: ['tableware', 'kitchen'],
        description: 'Mugs, plates, bowls and glasses.',
        blurbs: ['Hand-glazed {item} from {brand}.', 'Everyday {item}, dishwasher and microwave safe.'],
        items: [
          ['Stoneware Mug 350 ml', '1 pc', 1299, { g: 380, colors: ['Blush', 'Sage', 'Sand'] }],
          ['Ceramic Dinner Plates', '4 pcs', 3499, { g: 2400 }],
          ['Cereal Bowls', '4 pcs', 2499, { g: 1600 }],
          ['Double-Wall Glass Cups', '2 pcs', 1999, { g: 400 }],
          ['Insulated Travel Mug', '1 pc', 2499, { g: 300 }],
          ['Stemless Wine Glasses', '4 pcs', 2299, { g: 900 }],
        ],
      },
    ],
  },
];

/** Names for the scaled catalog's extra products: "<brand> <modifier> <item>". */
export const MODIFIERS: Record<Kind, string[]> = {
  fresh: [
    'Organic',
    'Premium',
    'Local',
    'Value Pack',
    'Family Size',
    'Baby',
    'Heirloom',
    'Select',
    'Farmhouse',
  ],
  chilled: ['Organic', 'Farmhouse', 'Premium', 'Family Size', 'Lite', 'Classic', 'Artisan', 'Grass-Fed'],
  frozen: ['Family Size', 'Premium', 'Classic', 'Organic', 'Lite', 'Party Pack', 'Signature'],
  pantry: [
    'Organic',
    'Classic',
    'Family Size',
    'Premium',
    'Reduced Sugar',
    'Value Pack',
    'Signature',
    'Lite',
  ],
  household: ['Eco', 'Max', 'Ultra', 'Concentrated', 'Value Pack', 'Sensitive', 'Professional'],
  care: ['Sensitive', 'Daily', 'Natural', 'Intensive', 'Travel Size', 'Unscented', 'Men’s'],
  baby: ['Sensitive', 'Organic', 'Value Pack', 'Natural', 'Gentle', 'Overnight'],
  pet: ['Senior', 'Adult', 'Grain-Free', 'Small Breed', 'Large Breed', 'Value Pack', 'Sensitive'],
  gear: ['Pro', 'Plus', 'Max', 'Compact', 'Essential', 'Premium', 'Lite', 'Ultra'],
};

/** One sentence per kind, picked into long descriptions. */
export const DETAILS: Record<Kind, { storage: string; sentences: string[] }> = {
  fresh: {
    storage: 'Store in a cool place or the refrigerator and wash before eating.',
    sentences: [
      'Sourced from growers who harvest by hand and ship within a day.',
      'Sorted and checked for quality at our dark store before every delivery.',
      'Great on its own, in salads, or as part of a weeknight dinner.',
      'Packed in recyclable packaging to keep it fresh on the way to you.',
    ],
  },
  chilled: {
    storage: 'Keep refrigerated at 1–4 °C and consume by the date on the pack.',
    sentences: [
      'Delivered in an insulated bag so it arrives perfectly chilled.',
      'Made with milk from farms that follow high animal-welfare standards.',
      'A fridge staple for breakfast, baking and everyday cooking.',
      'No artificial colours or flavours.',
    ],
  },
  frozen: {
    storage: 'Keep frozen at −18 °C or below. Do not refreeze once thawed.',
    sentences: [
      'Frozen at peak freshness to lock in flavour and nutrients.',
      'Delivered in insulated packaging so it stays frozen all the way.',
      'A handy freezer standby for busy weeknights.',
      'No artificial preservatives.',
    ],
  },
  pantry: {
    storage: 'Store in a cool, dry place. Once opened, keep sealed.',
    sentences: [
      'Made with carefully selected ingredients and no artificial colours.',
      'A cupboard staple you will reach for again and again.',
      'Resealable packaging keeps it fresh after opening.',
      'Perfect for sharing, snacking or stocking up.',
    ],
  },
  household: {
    storage: 'Keep out of reach of children. Store upright in a cool, dry place.',
    sentences: [
      'Dermatologically tested and safe on most household surfaces.',
      'Bottle made with recycled plastic.',
      'A little goes a long way: concentrated for more uses per pack.',
      'Fresh, clean scent that does not linger.',
    ],
  },
  care: {
    storage: 'Store at room temperature away from direct sunlight.',
    sentences: [
      'Dermatologist tested and suitable for daily use.',
      'Free from parabens and never tested on animals.',
      'Enriched with botanical extracts and vitamin E.',
      'Light, fresh fragrance suitable for the whole family.',
    ],
  },
  baby: {
    storage: 'Store in a cool, dry place. Follow the instructions on the pack.',
    sentences: [
      'Pediatrician tested and hypoallergenic.',
      'Made without parabens, phthalates or artificial dyes.',
      'Designed with parents for everyday convenience.',
      'Gentle enough for newborns.',
    ],
  },
  pet: {
    storage: 'Store in a cool, dry place and reseal after opening.',
    sentences: [
      'Complete and balanced nutrition, formulated with veterinarians.',
      'No artificial colours, flavours or preservatives.',
      'Supports healthy digestion, skin and coat.',
      'A favourite of picky eaters.',
    ],
  },
  gear: {
    storage: 'Comes with a 12-month limited warranty.',
    sentences: [
      'Designed and tested to meet international safety standards.',
      'Minimal, recyclable packaging.',
      'Built from durable materials for everyday use.',
      'Compatible with most popular devices and brands.',
    ],
  },
};

export const ORIGINS = [
  'USA',
  'Mexico',
  'Canada',
  'Chile',
  'Peru',
  'Spain',
  'Italy',
  'New Zealand',
  'Costa Rica',
];

/** Reviewers: demo customer accounts (example.com addresses never receive mail). */
export const REVIEWERS: [first: string, last: string][] = [
  ['Maya', 'Chen'],
  ['Liam', "O'Connor"],
  ['Priya', 'Raman'],
  ['Noah', 'Schmidt'],
  ['Sofia', 'Alvarez'],
  ['Ethan', 'Brooks'],
  ['Amara', 'Okafor'],
  ['Lucas', 'Moreau'],
  ['Hana', 'Sato'],
  ['Oliver', 'Hughes'],
  ['Zara', 'Ahmed'],
  ['Mateo', 'Rossi'],
  ['Chloe', 'Nguyen'],
  ['Daniel', 'Kowalski'],
  ['Isla', 'Fraser'],
  ['Ravi', 'Menon'],
];

export const REVIEW_TEXT: Record<1 | 2 | 3 | 4 | 5, { titles: string[]; comments: string[] }> = {
  5: {
    titles: ['Absolutely love it', 'Will buy again', 'Excellent quality', 'Five stars', 'Perfect every time'],
    comments: [
      'Exactly as described and arrived in minutes. Already added it to my regular order.',
      'Great quality for the price. The whole family loves it.',
      'Fresh, well packed and delivered super fast. Could not ask for more.',
      'This has become a staple in our house. Highly recommend.',
      'Better than what I used to buy at the supermarket.',
    ],
  },
  4: {
    titles: ['Really good', 'Very happy', 'Great value', 'Solid choice'],
    comments: [
      'Really good overall; would be perfect with slightly better packaging.',
      'Good quality and fair price. Delivery was quick.',
      'Does the job well. I would buy it again.',
      'Nice product, a little pricier than I expected but worth it.',
    ],
  },
  3: {
    titles: ['It is okay', 'Average', 'Decent but not great'],
    comments: [
      'Fine for the price, nothing special.',
      'Good enough, though I have had better from other brands.',
      'Quality was a bit inconsistent between orders.',
    ],
  },
  2: {
    titles: ['Not for me', 'Disappointing'],
    comments: [
      'Did not live up to the description, unfortunately.',
      'Arrived fine but the quality was not what I hoped for.',
    ],
  },
  1: {
    titles: ['Would not buy again', 'Poor quality'],
    comments: [
      'Sadly this was not good at all. Support was helpful with a refund though.',
      'Not worth the money.',
    ],
  },
};
