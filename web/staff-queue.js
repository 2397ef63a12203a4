// The queue's keyboard helper (progressive enhancement; the tables work with Tab alone):
// j / k move the focus to the next / previous row's report link, Enter then opens it (a link does
// that by itself). Keys typed into a form field are left alone. The hint that announces the keys is
// hidden in the HTML and shown only here, where the keys work.
(() => {
  'use strict';
  const links = () => Array.from(document.querySelectorAll('[data-queue-table] tbody .queue-link'));
  if (links().length === 0) return;
  for (const hint of document.querySelectorAll('.keyboard-hint')) hint.hidden = false;

  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'j' && e.key !== 'k')) return;
    const target = e.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName))) return;
    const all = links();
    const current = all.indexOf(document.activeElement);
    let next;
    if (current === -1) next = e.key === 'j' ? 0 : all.length - 1;
    else next = Math.min(all.length - 1, Math.max(0, current + (e.key === 'j' ? 1 : -1)));
    const link = all[next];
    if (!link) return;
    e.preventDefault();
    link.focus();
    link.closest('tr')?.scrollIntoView({ block: 'nearest' });
  });
})();
