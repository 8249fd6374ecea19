/** The channel soak (see soak-scenario.ts) against SimulatedWooCommerce. */
import { describe } from 'vitest'
import { soakTest } from './soak-scenario.js'

describe('soak: woocommerce', () => soakTest('woocommerce'))
