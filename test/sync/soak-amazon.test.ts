/** The channel soak (see soak-scenario.ts) against SimulatedAmazon. */
import { describe } from 'vitest'
import { soakTest } from './soak-scenario.js'

describe('soak: amazon', () => soakTest('amazon'))
