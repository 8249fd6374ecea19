// Lit's development build announces itself once per test file; keep its other warnings.
// Imported first by ui tests, before any Lit module evaluates.
const g = globalThis as { litIssuedWarnings?: Set<string> }
g.litIssuedWarnings ??= new Set()
g.litIssuedWarnings.add('dev-mode')
