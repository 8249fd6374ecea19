import { css, html, nothing, type TemplateResult } from 'lit'
import { errorDetail } from '../data/api.js'
import { icon, type IconName } from './icons.js'

/** An error the API answered (its `detail`) or any other failure, announced to screen readers. */
export function errorAlert(error: unknown, action?: TemplateResult): TemplateResult {
  return html`<div class="alert alert-error" role="alert">
    ${icon('alert')}<div class="alert-body"><p>${errorDetail(error)}</p>${action ?? nothing}</div>
  </div>`
}

export function successAlert(message: string | TemplateResult): TemplateResult {
  return html`<div class="alert alert-success" role="status">${icon('check')}<p>${message}</p></div>`
}

export interface EmptyState {
  icon: IconName
  title: string
  body?: string | TemplateResult
  action?: TemplateResult
}

/** A friendly "nothing here yet" panel: what this place is for and what to do next. */
export function emptyState({ icon: name, title, body, action }: EmptyState): TemplateResult {
  return html`<div class="empty" role="status">
    <div class="empty-icon">${icon(name, 28)}</div>
    <h2 class="empty-title">${title}</h2>
    ${body ? html`<p class="muted">${body}</p>` : nothing}
    ${action ?? nothing}
  </div>`
}

export const feedbackStyles = css`
  .alert-body { display: grid; gap: 0.5rem; }
  .empty {
    display: grid; justify-items: center; gap: 0.6rem; text-align: center;
    padding: 2.5rem 1.5rem; color: var(--pos-text);
  }
  .empty p { max-width: 36rem; }
  .empty-icon {
    display: grid; place-items: center; width: 56px; height: 56px; border-radius: 50%;
    background: var(--pos-primary-soft); color: var(--pos-primary);
  }
  .empty-title { font-size: 1.1rem; }
`
