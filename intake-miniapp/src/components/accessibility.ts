// Taro's View renders a <div> on H5. A role lets screen readers (and tests) see what it acts as;
// it is spread in because Taro's prop types do not list ARIA roles.
export type AriaRole = 'button' | 'checkbox' | 'radio' | 'radiogroup'

export const ariaRole = (role: AriaRole): { role: AriaRole } => ({ role })

export const BUTTON_ROLE = ariaRole('button')
