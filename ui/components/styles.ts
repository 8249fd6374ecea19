import { css } from 'lit'

/** Shared building blocks for every screen: type, buttons, fields, cards, tables, alerts. */
export const baseStyles = css`
  :host {
    font-family: var(--pos-font);
    color: var(--pos-text);
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }

  h1, h2, h3 { margin: 0; line-height: 1.2; letter-spacing: -0.01em; }
  h1 { font-size: 1.6rem; font-weight: 700; }
  h2 { font-size: 1.15rem; font-weight: 650; }
  h3 { font-size: 1rem; font-weight: 650; }
  p { margin: 0; }
  .muted { color: var(--pos-text-muted); }
  .mono { font-family: var(--pos-font-mono); font-size: 0.92em; }
  .num { font-variant-numeric: tabular-nums; text-align: right; }

  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  .icon { flex: none; vertical-align: middle; }

  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
    min-height: var(--pos-target); padding: 0 1.15rem;
    border: 1px solid var(--pos-border-strong); border-radius: var(--pos-radius);
    background: var(--pos-surface); color: var(--pos-text);
    font: inherit; font-weight: 600; text-decoration: none; cursor: pointer;
    transition: background 120ms, border-color 120ms, box-shadow 120ms;
    -webkit-tap-highlight-color: transparent; touch-action: manipulation;
  }
  .btn:hover { background: var(--pos-surface-muted); border-color: var(--pos-text-muted); }
  .btn:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible, textarea:focus-visible {
    outline: none; box-shadow: var(--pos-focus);
  }
  .btn:disabled { opacity: 0.55; cursor: not-allowed; }
  .btn-primary { background: var(--pos-primary); border-color: var(--pos-primary); color: var(--pos-on-primary); }
  .btn-primary:hover { background: var(--pos-primary-hover); border-color: var(--pos-primary-hover); }
  .btn-ghost { background: transparent; border-color: transparent; }
  .btn-ghost:hover { background: rgb(0 0 0 / 5%); border-color: transparent; }
  .btn-large { min-height: 56px; font-size: 1.05rem; padding: 0 1.5rem; }

  .field { display: grid; gap: 0.35rem; }
  label, .label { font-weight: 600; font-size: 0.92rem; }
  .hint { color: var(--pos-text-muted); font-size: 0.85rem; }
  .field-error { color: var(--pos-danger); font-size: 0.88rem; font-weight: 500; }
  input, select, textarea {
    min-height: var(--pos-target); width: 100%; padding: 0 0.85rem;
    border: 1px solid var(--pos-border-strong); border-radius: var(--pos-radius);
    background: var(--pos-surface); color: var(--pos-text); font: inherit;
  }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--pos-danger); }
  input[type='file'] { padding: 0.45rem; cursor: pointer; }
  input[type='file']::file-selector-button {
    margin-right: 0.85rem; min-height: 36px; padding: 0 1rem; border: 1px solid var(--pos-border-strong);
    border-radius: 8px; background: var(--pos-surface-muted); color: var(--pos-text); font: inherit; font-weight: 600; cursor: pointer;
  }

  .card {
    background: var(--pos-surface); border: 1px solid var(--pos-border);
    border-radius: var(--pos-radius-lg); box-shadow: var(--pos-shadow); padding: 1.25rem 1.4rem;
  }
  .card > h2 { margin-bottom: 1rem; }

  .page { display: grid; gap: 1.25rem; max-width: 1100px; }
  .page-header { display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: 1rem; }
  .page-header p { margin-top: 0.3rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }

  .table-wrap { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
  th {
    text-align: left; font-size: 0.78rem; font-weight: 650; text-transform: uppercase; letter-spacing: 0.04em;
    color: var(--pos-text-muted); padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--pos-border);
  }
  td { padding: 0.7rem 0.75rem; border-bottom: 1px solid var(--pos-border); vertical-align: top; }
  tbody tr:last-child td { border-bottom: none; }
  th.num, td.num { text-align: right; }

  .badge {
    display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.15rem 0.55rem; border-radius: 999px;
    font-size: 0.78rem; font-weight: 650; background: var(--pos-surface-muted); color: var(--pos-text-muted);
    border: 1px solid var(--pos-border); white-space: nowrap;
  }
  .badge-warning { background: var(--pos-warning-soft); color: var(--pos-warning); border-color: transparent; }
  .badge-success { background: var(--pos-success-soft); color: var(--pos-success); border-color: transparent; }
  .badge-danger { background: var(--pos-danger-soft); color: var(--pos-danger); border-color: transparent; }
  .badge-info { background: var(--pos-primary-soft); color: var(--pos-primary); border-color: transparent; }

  .alert {
    display: flex; gap: 0.65rem; align-items: flex-start; padding: 0.8rem 1rem;
    border-radius: var(--pos-radius); font-weight: 500; border: 1px solid transparent;
  }
  .alert .icon { margin-top: 0.1rem; }
  .alert-error { background: var(--pos-danger-soft); color: var(--pos-danger); border-color: rgb(180 35 24 / 20%); }
  .alert-success { background: var(--pos-success-soft); color: var(--pos-success); border-color: rgb(19 122 71 / 20%); }
  .alert-info { background: var(--pos-primary-soft); color: var(--pos-primary); border-color: rgb(31 95 214 / 20%); }
  .alert-warning { background: var(--pos-warning-soft); color: var(--pos-warning); border-color: rgb(138 90 0 / 20%); }

  .positive { color: var(--pos-success); }
  .negative { color: var(--pos-danger); }

  progress {
    width: 100%; height: 14px; appearance: none; -webkit-appearance: none;
    border: none; border-radius: 999px; overflow: hidden; background: var(--pos-border);
  }
  progress::-webkit-progress-bar { background: var(--pos-border); border-radius: 999px; }
  progress::-webkit-progress-value { background: var(--pos-primary); border-radius: 999px; transition: width 200ms; }
  progress::-moz-progress-bar { background: var(--pos-primary); border-radius: 999px; }
`
