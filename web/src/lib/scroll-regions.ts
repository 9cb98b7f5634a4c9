/**
 * WCAG 2.1.1 (keyboard): a table wider (or taller) than its box scrolls inside antd's
 * `.ant-table-content` / `.ant-table-body`, which a keyboard cannot reach — no cell in it need be
 * focusable. Each such box that overflows gets tabindex=0 (Tab reaches it, the arrow keys scroll
 * it, styles.css draws its focus ring); one that stops overflowing loses it again. Kept up to
 * date on every change of the page (one pass per batch of changes), on every resize of the window
 * and of each scroll box or its table (a late font or a wider column changes the overflow
 * without any change to the page's elements).
 */
const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-keyboard-scroll';

function overflows(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/** One pass over the scroll boxes under root; `watch` is told of each box seen. */
export function updateScrollRegions(root: ParentNode, watch?: (el: HTMLElement) => void): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    watch?.(el);
    const ours = el.hasAttribute(MARK);
    if (overflows(el)) {
      if (!ours && !el.hasAttribute('tabindex')) {
        el.tabIndex = 0;
        el.setAttribute(MARK, '');
      }
    } else if (ours) {
      el.removeAttribute('tabindex');
      el.removeAttribute(MARK);
    }
  }
}

/** Keeps the scroll boxes of the document focusable while they overflow; returns a stop. */
export function keepScrollRegionsFocusable(root: HTMLElement = document.body): () => void {
  let frame = 0;
  const watched = new WeakSet<HTMLElement>();
  const sizes =
    typeof ResizeObserver === 'function' ? new ResizeObserver(() => schedule()) : undefined;
  const watch = (el: HTMLElement) => {
    if (!sizes || watched.has(el)) return;
    watched.add(el);
    sizes.observe(el);
    if (el.firstElementChild) sizes.observe(el.firstElementChild);
  };
  const schedule = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        updateScrollRegions(root, watch);
      });
  };
  // Right after each change of the page (a microtask, before any other task can look at it): a
  // table that just appeared is focusable as soon as it is there.
  const observer = new MutationObserver(() => updateScrollRegions(root, watch));
  observer.observe(root, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    sizes?.disconnect();
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
  };
}
