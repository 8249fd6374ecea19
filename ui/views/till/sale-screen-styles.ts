import { css } from 'lit'
import { tillStyles } from './till-styles.js'

export const saleScreenStyles = [
  tillStyles,
  css`
    :host { display: block; }
    .sale { display: grid; grid-template-columns: minmax(0, 1.5fr) minmax(22rem, 1fr); gap: 1rem; align-items: start; }
    .basket { display: flex; flex-direction: column; gap: 0.75rem; min-height: 32rem; }
    .grow { flex: 1; }
    .pay { position: sticky; top: 5rem; display: grid; gap: 0.9rem; }
    .tools { display: grid; gap: 0.5rem; border-top: 1px solid var(--pos-border); padding-top: 0.75rem; }
    .tool-buttons { flex-wrap: wrap; }
    .tool { flex: 1; min-width: 7.5rem; }
    .tool[aria-expanded='true'] { background: var(--pos-primary-soft); border-color: var(--pos-primary); }
    .tool-panel { flex-wrap: wrap; padding: 0.5rem; background: var(--pos-surface-muted); border-radius: var(--pos-radius); }
    .tool-panel input { width: auto; flex: 1; min-width: 8rem; }
    .tool-panel select { width: auto; }
    .chips { flex-wrap: wrap; }
    .chip-x { all: unset; cursor: pointer; padding: 0 0.25rem; }
    .done { justify-items: stretch; }
    .change { display: flex; justify-content: space-between; align-items: baseline; font-size: 1.2rem; }
    .change strong { font-size: 2.4rem; color: var(--pos-success); }
    @media (max-width: 1000px) { .sale { grid-template-columns: 1fr; } .pay { position: static; } }
  `,
]
