// "Link kopieren/teilen" on report pages (server/views/report-page.tsx): the phone's share sheet where
// the browser has one, else the clipboard. Without this script the button stays hidden and the link
// stands on the page as text.
(() => {
  'use strict';
  for (const box of document.querySelectorAll('[data-share-url]')) {
    const button = box.querySelector('button');
    const status = box.querySelector('[role="status"]');
    const url = box.dataset.shareUrl;
    if (!button || !url || !(navigator.share || navigator.clipboard)) continue;
    box.hidden = false;
    button.addEventListener('click', async () => {
      try {
        if (navigator.share) {
          await navigator.share({ title: box.dataset.shareTitle, url });
          return;
        }
        await navigator.clipboard.writeText(url);
        status.textContent = box.dataset.textCopied;
      } catch (err) {
        // Closing the share sheet is not an error worth a message.
        if (err && err.name === 'AbortError') return;
        status.textContent = box.dataset.textFailed;
      }
    });
  }
})();
