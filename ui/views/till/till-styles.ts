import { css } from 'lit'

/** Till-wide touches on top of the base styles: bigger targets, money figures, panels. */
export const tillStyles = css`
  .btn { min-height: 48px; }
  .money { font-variant-numeric: tabular-nums; }
  .panel {
    background: var(--pos-surface); border: 1px solid var(--pos-border);
    border-radius: var(--pos-radius-lg); box-shadow: var(--pos-shadow); padding: 1rem 1.1rem;
  }
  .row { display: flex; gap: 0.5rem; align-items: center; }
  .stack { display: grid; gap: 0.75rem; }
  .grow { flex: 1; }
  dl.figures { display: grid; grid-template-columns: 1fr auto; gap: 0.3rem 1rem; margin: 0; }
  dl.figures dt { color: var(--pos-text-muted); }
  dl.figures dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
  .modal-backdrop {
    position: fixed; inset: 0; background: rgb(15 23 42 / 45%); display: grid; place-items: center; z-index: 20; padding: 1rem;
  }
  .modal {
    background: var(--pos-surface); border-radius: var(--pos-radius-lg); box-shadow: 0 20px 50px rgb(0 0 0 / 25%);
    width: min(640px, 100%); max-height: calc(100vh - 2rem); overflow: auto; padding: 1.25rem 1.4rem; display: grid; gap: 1rem;
  }
  .modal header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
`
