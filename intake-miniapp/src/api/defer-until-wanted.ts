/**
 * Starts `task` soon; the H5 build (defer-until-wanted.h5.ts) waits longer, because there the first screen
 * competes with it for the network. In WeChat the page's code and the region data are already installed, so
 * nothing is gained by waiting. Returns a cancel function.
 */
export function deferUntilWanted(task: () => void): () => void {
  const timer = setTimeout(task, 0)
  return () => clearTimeout(timer)
}
