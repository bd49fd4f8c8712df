export { inventoryRoutes } from './routes.js';
export {
  createInventoryService,
  InsufficientStockError,
  normalizePostalCode,
  type InventoryService,
  type Shortage,
  type StockItem,
  type StockReference,
} from './service.js';
