// Moves keyboard focus to a screen's heading when the screen appears, so that keyboard
// and screen-reader users start at the top of the new content.
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
