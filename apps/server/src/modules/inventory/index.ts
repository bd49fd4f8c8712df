export { inventoryRoutes } from './routes.js';
export { inventoryCrontab, inventoryJobHandlers } from './jobs.js';
export type { InventoryCatalogPort, StaffDirectory, VariantInfo } from './ports.js';
export {
  createInventoryService,
  InsufficientStockError,
  normalizePostalCode,
  type InventoryService,
  type Shortage,
  type StockItem,
  type StockReference,
} from './service.js';
