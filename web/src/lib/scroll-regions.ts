/**
 * WCAG 2.1.1 (keyboard): a table wider (or taller) than its box scrolls inside antd's
 * `.ant-table-content` / `.ant-table-body`, which a keyboard cannot reach — no cell in it need be
 * focusable. Each such box that overflows gets tabindex=0 (Tab reaches it, the arrow keys scroll
 * it, styles.css draws its focus ring); one that stops overflowing loses it again. Kept up to
 * date on every change of the page (one pass per animation frame) and on every resize.
 */
const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-keyboard-scroll';

function overflows(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/** One pass over the scroll boxes under root. */
export function updateScrollRegions(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
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
  const schedule = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        updateScrollRegions(root);
      });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
  };
}
