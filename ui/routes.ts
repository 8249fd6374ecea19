import type { RoleName } from '../appliance/api/contract.js'
import type { IconName } from './components/icons.js'

/**
 * Screens later issues build; until then they show a "coming soon" state, not a dead link.
 * (Orders, Returns, Picking and Packing are built: parseRoute sends them to their screens before this list is read.)
 */
export const COMING_SOON = ['till', 'returns', 'orders', 'picking', 'packing', 'reports'] as const
export type ComingSoon = (typeof COMING_SOON)[number]

export type Route =
  | { name: 'lookup' }
  | { name: 'stock'; sku: string }
  | { name: 'catalogue' }
  | { name: 'settings' }
  | { name: 'devices' }
  | { name: 'channels' }
  | { name: 'print-queue' }
  | { name: 'orders' }
  | { name: 'order'; id: string }
  | { name: 'returns'; order: string | null }
  /** The reports dashboard, on one report when the hash names it (`#/reports/top-products`). */
  | { name: 'reports'; report: string }
  | { name: 'picking' }
  /** One pick list on the picking screen (`#/picking/<listId>`). */
  | { name: 'pick-list'; id: string }
  /** The packing bench, with an order or tote already scanned when the hash names one. */
  | { name: 'packing'; code: string }
  | { name: 'soon'; section: ComingSoon }
  | { name: 'not-found'; path: string }

export const DEFAULT_HASH = '#/lookup'

/** `#/stock/ABC-1` → `{name: 'stock', sku: 'ABC-1'}`. An empty hash is the lookup screen. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/lookup'
  const [, first = '', ...rest] = path.split('/')
  if (first === 'lookup' && rest.length === 0) return { name: 'lookup' }
  if (first === 'catalogue' && rest.length === 0) return { name: 'catalogue' }
  if (first === 'settings' && rest.length === 0) return { name: 'settings' }
  if (first === 'settings' && rest.length === 1 && rest[0] === 'devices') return { name: 'devices' }
  if (first === 'settings' && rest.length === 1 && rest[0] === 'channels') return { name: 'channels' }
  if (first === 'print-queue' && rest.length === 0) return { name: 'print-queue' }
  if (first === 'orders' && rest.length === 0) return { name: 'orders' }
  if (first === 'returns' && rest.length === 0) return { name: 'returns', order: null }
  if ((first === 'orders' || first === 'returns') && rest.length === 1 && rest[0]) {
    try {
      const id = decodeURIComponent(rest[0])
      return first === 'orders' ? { name: 'order', id } : { name: 'returns', order: id }
    } catch {
      return { name: 'not-found', path }
    }
  }
  if (first === 'stock' && rest.length === 1 && rest[0]) {
    try {
      return { name: 'stock', sku: decodeURIComponent(rest[0]) }
    } catch {
      return { name: 'not-found', path }
    }
  }
  if (first === 'reports' && rest.length <= 1) return { name: 'reports', report: rest[0] ?? '' }
  if (first === 'picking' && rest.length === 0) return { name: 'picking' }
  if ((first === 'picking' || first === 'packing') && rest.length === 1 && rest[0]) {
    try {
      const id = decodeURIComponent(rest[0])
      return first === 'picking' ? { name: 'pick-list', id } : { name: 'packing', code: id }
    } catch {
      return { name: 'not-found', path }
    }
  }
  if (first === 'packing' && rest.length === 0) return { name: 'packing', code: '' }
  const soon = COMING_SOON.find((s) => s === first)
  if (soon && rest.length === 0) return { name: 'soon', section: soon }
  return { name: 'not-found', path }
}

export const stockHref = (sku: string) => `#/stock/${encodeURIComponent(sku)}`
export const orderHref = (id: string) => `#/orders/${encodeURIComponent(id)}`
export const pickListHref = (id: string) => `#/picking/${encodeURIComponent(id)}`
export const packHref = (code: string) => `#/packing/${encodeURIComponent(code)}`
/** The returns screen with an order already found (from the order's page). */
export const returnHref = (orderId: string) => `#/returns/${encodeURIComponent(orderId)}`

export interface NavItem {
  /** The route's first path segment; also what marks the item current. */
  id: 'lookup' | 'catalogue' | 'settings' | 'print-queue' | ComingSoon
  label: string
  icon: IconName
  /** Who sees it. The appliance enforces permissions; the nav just hides what would be refused. */
  roles: readonly RoleName[]
}

const everyone: readonly RoleName[] = ['assistant', 'fulfilment', 'manager', 'admin']
const tillStaff: readonly RoleName[] = ['assistant', 'manager', 'admin']
const fulfilment: readonly RoleName[] = ['fulfilment', 'manager', 'admin']
const managers: readonly RoleName[] = ['manager', 'admin']

export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'till', label: 'Till', icon: 'till', roles: tillStaff },
  { id: 'returns', label: 'Returns', icon: 'returns', roles: tillStaff },
  { id: 'lookup', label: 'Products & stock', icon: 'search', roles: everyone },
  { id: 'orders', label: 'Orders', icon: 'orders', roles: everyone },
  { id: 'picking', label: 'Picking', icon: 'picking', roles: fulfilment },
  { id: 'packing', label: 'Packing', icon: 'packing', roles: fulfilment },
  { id: 'print-queue', label: 'Print queue', icon: 'printer', roles: everyone },
  { id: 'catalogue', label: 'Catalogue', icon: 'upload', roles: managers },
  { id: 'reports', label: 'Reports', icon: 'reports', roles: managers },
  { id: 'settings', label: 'Settings', icon: 'settings', roles: managers },
]

export function navFor(role: RoleName): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role))
}

/** The nav item a route belongs to (the stock page lives under products). */
export function sectionOf(route: Route): NavItem['id'] | undefined {
  switch (route.name) {
    case 'lookup':
    case 'stock':
      return 'lookup'
    case 'catalogue':
    case 'settings':
    case 'print-queue':
    case 'orders':
    case 'returns':
      return route.name
    case 'order':
      return 'orders'
    case 'reports':
      return 'reports'
    case 'picking':
    case 'pick-list':
      return 'picking'
    case 'packing':
      return 'packing'
    case 'devices':
    case 'channels':
      return 'settings'
    case 'soon':
      return route.section
    case 'not-found':
      return undefined
  }
}

/**
 * Whether a role may open a route: the roles of its nav section. Devices (under Settings)
 * is open to everyone because printer status is useful at every till; only managers change it.
 */
export function canOpen(route: Route, role: RoleName): boolean {
  if (route.name === 'devices') return true
  const section = sectionOf(route)
  return !section || navFor(role).some((item) => item.id === section)
}
