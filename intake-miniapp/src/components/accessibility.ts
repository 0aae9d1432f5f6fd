// Taro's View renders a <div> on H5. A role lets screen readers (and tests) see what it acts as;
// it is spread in because Taro's prop types do not list ARIA roles.
export type AriaRole =
  | 'alert'
  | 'button'
  | 'checkbox'
  | 'group'
  | 'heading'
  | 'list'
  | 'listitem'
  | 'radio'
  | 'radiogroup'
  | 'status'
  | 'tab'
  | 'tablist'

export const ariaRole = (role: AriaRole): { role: AriaRole } => ({ role })

export const BUTTON_ROLE = ariaRole('button')

/** The page's main title, announced as a level-1 heading. */
export const PAGE_HEADING = { role: 'heading', 'aria-level': 1 } as const

/** A section title within a page, announced as a level-2 heading. */
export const SECTION_HEADING = { role: 'heading', 'aria-level': 2 } as const
