// What the first screen does not show (the tag and group lists, the region data of the picker further down)
// is fetched once the staff member starts working on the page, or shortly after it has appeared when they
// have not yet. Fetched at once, it competes with the first screen on a slow phone connection.
const INTERACTIONS = ['pointerdown', 'touchstart', 'keydown', 'focusin', 'scroll'] as const
const LATEST_START_MS = 1500

/** Runs `task` on the first interaction with the page or after 1.5 s, whichever comes first. Returns a cancel
 * function. */
export function deferUntilWanted(task: () => void): () => void {
  let done = false
  const start = () => {
    if (done) return
    done = true
    cleanUp()
    task()
  }
  const timer = setTimeout(start, LATEST_START_MS)
  const listenerOptions: AddEventListenerOptions = { capture: true, passive: true }
  for (const type of INTERACTIONS) window.addEventListener(type, start, listenerOptions)
  function cleanUp() {
    clearTimeout(timer)
    for (const type of INTERACTIONS) window.removeEventListener(type, start, listenerOptions)
  }
  return () => {
    done = true
    cleanUp()
  }
}
