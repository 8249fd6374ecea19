import { css } from 'lit'

/**
 * Modal dialogs (native `<dialog>` opened with `showModal()`: focus is trapped, Escape
 * closes, the page behind is inert) and the tone chips shared by the print queue and the
 * devices screen.
 */
export const dialogStyles = css`
  dialog {
    border: none; border-radius: var(--pos-radius-lg); padding: 0; width: min(var(--dialog-width, 560px), calc(100vw - 2rem));
    max-height: calc(100vh - 2rem); background: var(--pos-surface); color: var(--pos-text);
    box-shadow: 0 24px 48px rgb(16 24 40 / 22%), 0 4px 12px rgb(16 24 40 / 12%);
  }
  dialog::backdrop { background: rgb(15 23 42 / 48%); }
  .dialog-body { display: grid; gap: 1rem; padding: 1.25rem 1.4rem 1.4rem; }
  .dialog-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 1rem; }
  .dialog-head p { margin-top: 0.25rem; }
  .dialog-foot {
    display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.6rem; padding: 0.75rem 0 0;
    position: sticky; bottom: -1.4rem; padding-bottom: 1.4rem; margin-bottom: -1.4rem; background: var(--pos-surface);
  }
  .icon-btn { width: var(--pos-target); padding: 0; flex: none; }
  .btn-danger { background: var(--pos-danger); border-color: var(--pos-danger); color: #fff; }
  .btn-danger:hover { background: #931c13; border-color: #931c13; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .chip {
    min-height: var(--pos-target); padding: 0 1rem; border-radius: 999px; border: 1px solid var(--pos-border-strong);
    background: var(--pos-surface); color: var(--pos-text); font: inherit; font-size: 0.9rem; font-weight: 550; cursor: pointer;
  }
  .chip:hover { background: var(--pos-surface-muted); }
  .chip[aria-pressed='true'] { background: var(--pos-primary-soft); border-color: var(--pos-primary); color: var(--pos-primary); }
  .chip:focus-visible { outline: none; box-shadow: var(--pos-focus); }
  .badge-neutral { background: var(--pos-surface-muted); color: var(--pos-text-muted); }
`
