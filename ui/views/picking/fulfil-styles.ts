import { css } from 'lit'

/**
 * Shared by the picking and packing screens: tablet-first (big targets, big type for the
 * thing to do next), a message strip that says what just happened, and progress.
 */
export const fulfilStyles = css`
  :host { display: block; }
  .page { max-width: 1200px; }
  .grid2 { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 1.25rem; align-items: start; }
  @media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
  .stack { display: grid; gap: 1rem; }
  .card > h2 { margin-bottom: 0.75rem; }
  .huge { font-size: clamp(2rem, 6vw, 3.4rem); font-weight: 800; letter-spacing: 0.02em; line-height: 1.05; font-variant-numeric: tabular-nums; }
  .big { font-size: 1.35rem; font-weight: 700; }
  .now { border: 3px solid var(--pos-primary); }
  .now .label { text-transform: uppercase; letter-spacing: 0.06em; color: var(--pos-text-muted); font-size: 0.8rem; }
  .message { font-size: 1.1rem; }
  .message.alert-error { font-size: 1.2rem; font-weight: 700; }
  .progress { display: grid; gap: 0.35rem; }
  .progress .row { justify-content: space-between; }
  .code-entry { display: flex; gap: 0.5rem; }
  .code-entry input { flex: 1; font-size: 1.1rem; }
  .btn-huge { min-height: 64px; font-size: 1.15rem; padding: 0 1.6rem; }
  .btn-danger { background: var(--pos-danger-soft); color: var(--pos-danger); border-color: rgb(180 35 24 / 30%); }
  .tasks { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; }
  .tasks li button {
    width: 100%; display: grid; grid-template-columns: 2rem 6.5rem 1fr auto; gap: 0.75rem; align-items: center; text-align: left;
    min-height: var(--pos-target); padding: 0.4rem 0.75rem; border: 1px solid var(--pos-border); border-radius: var(--pos-radius);
    background: var(--pos-surface); font: inherit; color: inherit; cursor: pointer;
  }
  .tasks li.current button { border: 2px solid var(--pos-primary); background: var(--pos-primary-soft); }
  .tasks li.picked button { color: var(--pos-text-muted); }
  .tick { display: grid; place-items: center; width: 1.8rem; height: 1.8rem; border-radius: 50%; background: var(--pos-surface-muted); font-weight: 800; }
  .picked .tick, .done .tick { background: var(--pos-success-soft); color: var(--pos-success); }
  .short .tick { background: var(--pos-warning-soft); color: var(--pos-warning); }
  .segmented { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 0.5rem; }
  .segmented label {
    display: grid; gap: 0.2rem; padding: 0.7rem 0.85rem; border: 1px solid var(--pos-border-strong); border-radius: var(--pos-radius);
    cursor: pointer; min-height: var(--pos-target);
  }
  .segmented label:has(input:checked) { border: 2px solid var(--pos-primary); background: var(--pos-primary-soft); }
  .segmented input { width: auto; min-height: 0; margin: 0 0.4rem 0 0; }
  .segmented .hint { font-weight: 400; }
  .lists { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
  .lists a {
    display: grid; gap: 0.4rem; padding: 0.85rem 1rem; border: 1px solid var(--pos-border); border-radius: var(--pos-radius);
    text-decoration: none; color: inherit; background: var(--pos-surface);
  }
  .lists a:hover { border-color: var(--pos-primary); }
  .check { width: 1.4rem; height: 1.4rem; min-height: 0; }
  .chip { display: inline-flex; padding: 0.1rem 0.5rem; border-radius: 999px; background: var(--pos-primary-soft); color: var(--pos-primary); font-size: 0.8rem; font-weight: 600; }
  .pick-lines td.num, .pack-lines td.num { font-size: 1.1rem; font-weight: 700; }
  tr.complete td { color: var(--pos-success); }
  .modal-backdrop { position: fixed; inset: 0; background: rgb(0 0 0 / 40%); display: grid; place-items: center; z-index: 20; padding: 1rem; }
  .modal { background: var(--pos-surface); border-radius: var(--pos-radius-lg); padding: 1.25rem 1.4rem; width: min(32rem, 100%); display: grid; gap: 1rem; box-shadow: var(--pos-shadow); }
  @media print {
    .no-print { display: none !important; }
  }
`
