// Offline drafts on /melden and the report forms (docs/decisions/035-offline-drafts.md). Registers the
// service worker (web/sw.js), which keeps a form post that cannot reach the server as a draft in
// IndexedDB (web/drafts-db.js). This script lists those drafts with their state, sends them when the
// connection returns and keeps what the server answered: the report number and the private status
// link, or what to check. Texts come from the page's data attributes (server/views/offline-drafts.tsx).
// Plain ES2020 without a build step; without JavaScript none of this exists and the form works as ever.
(() => {
  'use strict';
  const section = document.getElementById('entwuerfe');
  const Drafts = self.StadtmelderDrafts;
  if (!section || !Drafts || !('serviceWorker' in navigator) || !self.indexedDB) return;

  const d = section.dataset;
  const list = section.querySelector('.drafts-list');
  const announcer = document.getElementById('entwuerfe-meldung');
  /** The server refuses a form sent sooner than 3 s after it issued it (server/form-token.ts). */
  const MIN_FILL_MS = 3500;
  /** Its tokens last 24 h; one kept for a retry is replaced well before. */
  const TOKEN_LIFE_MS = 20 * 3600_000;
  const RETRY_MS = 60_000;
  const locale = d.lang === 'de' ? 'de-DE' : d.lang === 'en' ? 'en-GB' : d.lang || 'de-DE';

  const fill = (template, values) => (template || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const parse = (html) => new DOMParser().parseFromString(html, 'text/html');
  const text = (name, draft) => (draft.fields.find(([n]) => n === name) || [])[1] || '';
  const photoCount = (draft) => draft.photoCount ?? draft.fields.filter(([, v]) => typeof v !== 'string').length;
  const formUrl = (draft) => `/melden/${encodeURIComponent(draft.slug)}${draft.search || ''}`;

  function node(tag, className, content) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (content !== undefined) element.textContent = content;
    return element;
  }

  function link(href, content) {
    const a = node('a', '', content);
    a.href = href;
    return a;
  }

  function button(content, onClick) {
    const b = node('button', 'button button-secondary', content);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function say(message) {
    if (!announcer) return;
    // Emptied first, so that the same message twice is announced twice.
    announcer.textContent = '';
    setTimeout(() => (announcer.textContent = message), 50);
  }

  // ---- the list --------------------------------------------------------------------------------

  function stateText(draft) {
    if (draft.state === 'sent') return fill(d.textSent, { id: draft.number ?? '?' });
    if (draft.state === 'check') return d.textCheck;
    if (draft.state === 'sending') return d.textSending;
    return d.textWaiting;
  }

  function item(draft) {
    const li = node('li', `draft draft-${draft.state}`);
    li.id = `entwurf-${draft.id}`;
    li.tabIndex = -1;
    const head = li.appendChild(node('p', 'draft-head'));
    head.appendChild(node('strong', '', draft.title || draft.slug));
    head.appendChild(node('span', 'draft-state', stateText(draft)));
    const description = text('beschreibung', draft);
    if (description) li.appendChild(node('p', 'draft-text', description.length > 140 ? `${description.slice(0, 140)} …` : description));
    const when = new Date(draft.createdAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const photos = photoCount(draft);
    li.appendChild(node('p', 'muted', [fill(d.textSavedAt, { when }), photos ? fill(d.textPhotos, { count: photos }) : ''].filter(Boolean).join(' · ')));
    if (draft.state === 'waiting' && draft.busy) li.appendChild(node('p', '', d.textServerBusy));
    if (draft.state === 'sent') {
      if (draft.statusUrl) li.appendChild(node('p', 'draft-link')).appendChild(link(draft.statusUrl, d.textStatusLink));
      else if (draft.number) {
        const p = li.appendChild(node('p', 'draft-link', `${d.textStatusUnknown} `));
        p.appendChild(link(`/m/${draft.number}${draft.search || ''}`, fill(d.textPublicLink, { id: draft.number })));
      }
    }
    if (draft.state === 'check') {
      if (draft.messages && draft.messages.length) {
        li.appendChild(node('p', '', d.textCheckLead));
        const ul = li.appendChild(node('ul', 'draft-messages'));
        for (const message of draft.messages) ul.appendChild(node('li', '', message));
      }
      if (draft.duplicates && draft.duplicates.length) {
        li.appendChild(node('p', '', d.textDuplicatesLead));
        const ul = li.appendChild(node('ul', 'draft-messages'));
        for (const dup of draft.duplicates) ul.appendChild(node('li')).appendChild(link(dup.href, dup.text));
      }
    }
    const actions = li.appendChild(node('p', 'draft-actions'));
    if (draft.state === 'check' && draft.duplicates && draft.duplicates.length && !(draft.messages && draft.messages.length)) {
      actions.appendChild(button(d.textSendAnyway, () => update(draft.id, { state: 'waiting', anyway: true, duplicates: [] }).then(sendAll)));
    } else if (draft.state === 'check') {
      const open = actions.appendChild(link(`${formUrl(draft)}#entwurf-${draft.id}`, d.textOpen));
      open.className = 'button';
      // The same page: the hash alone would not load it again.
      open.addEventListener('click', () => setTimeout(openFromHash, 0));
    }
    if (draft.state === 'sent') actions.appendChild(button(d.textForget, () => Drafts.remove(draft.id).then(render)));
    else if (draft.state !== 'sending') actions.appendChild(button(d.textDiscard, () => Drafts.remove(draft.id).then(render)));
    return li;
  }

  async function render() {
    const drafts = (await Drafts.list()).sort((a, b) => b.id - a.id);
    list.replaceChildren(...drafts.map(item));
    section.hidden = drafts.length === 0;
    return drafts;
  }

  async function update(id, changes) {
    const draft = await Drafts.get(id);
    if (!draft) return null;
    Object.assign(draft, changes);
    await Drafts.put(draft);
    await render();
    return draft;
  }

  // ---- sending ---------------------------------------------------------------------------------

  /** A fresh form token for this draft: one token files one report, so drafts never share one. */
  async function freshToken(draft) {
    const response = await fetch(formUrl(draft), { cache: 'no-store', headers: { Accept: 'text/html' } });
    if (!response.ok) return { page: response, token: null };
    const input = parse(await response.text()).querySelector('form input[name="t"]');
    return { page: response, token: input ? input.value : null };
  }

  /** What the server answered, kept in the draft. */
  async function settle(draft, response) {
    const doc = parse(await response.text());
    const at = new URL(response.url, location.href);
    const publicLink = doc.querySelector('main a[href*="/m/"]');
    const number = publicLink ? Number((publicLink.getAttribute('href').match(/\/m\/(\d+)/) || [])[1]) || null : null;
    if (response.ok && at.pathname.startsWith('/status/')) {
      at.searchParams.delete('neu');
      at.searchParams.delete('mail');
      // The photos are with the city now; the text stays so that the citizen knows which report it was.
      const fields = draft.fields.filter(([, v]) => typeof v === 'string');
      const sent = await update(draft.id, { state: 'sent', number, statusUrl: at.pathname + at.search, token: null, photoCount: photoCount(draft), fields, sentAt: new Date().toISOString() });
      say(fill(d.textAnnounceSent, { id: number ?? '?' }));
      return sent;
    }
    // Sent before and filed, but its answer was lost: the same token answers with the report.
    if (response.status === 409 && number) return update(draft.id, { state: 'sent', number, statusUrl: null, token: null, photoCount: photoCount(draft) });
    if (response.status === 429 || response.status >= 500) return update(draft.id, { state: 'waiting', busy: true });
    const form = doc.querySelector('main form[enctype="multipart/form-data"]');
    const messages = [...doc.querySelectorAll('.error-summary li')].map((li) => li.textContent.trim()).filter(Boolean);
    const duplicates = [...doc.querySelectorAll('.duplicates li')]
      .map((li) => li.querySelector('a[href*="/m/"]'))
      .filter(Boolean)
      .map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') }));
    if (!form && !messages.length) {
      const message = doc.querySelector('main p') || doc.querySelector('h1');
      if (message) messages.push(message.textContent.trim());
    }
    say(d.textAnnounceCheck);
    return update(draft.id, { state: 'check', token: null, busy: false, messages, duplicates });
  }

  async function sendOne(id) {
    let draft = await Drafts.get(id);
    if (!draft || (draft.state !== 'waiting' && draft.state !== 'sending')) return;
    try {
      // A token already used for this draft is used again: if that post filed the report and only its
      // answer was lost, the server recognises it instead of filing a second report.
      if (!draft.token || Date.now() - draft.tokenAt > TOKEN_LIFE_MS) {
        const { page, token } = await freshToken(draft);
        if (!token) {
          await settle(draft, page);
          return;
        }
        draft = await update(id, { state: 'sending', token, tokenAt: Date.now(), busy: false });
        await sleep(MIN_FILL_MS);
      } else {
        draft = await update(id, { state: 'sending' });
      }
      const body = new FormData();
      body.append('t', draft.token);
      for (const [name, value] of draft.fields) body.append(name, value);
      if (draft.anyway) body.append('trotzdem', '1');
      await settle(draft, await fetch(formUrl(draft), { method: 'POST', body }));
    } catch {
      // No connection after all: it waits for the next one, with its token.
      await update(id, { state: 'waiting' });
    }
  }

  let running = false;
  async function sendAll() {
    if (running || !navigator.onLine) return;
    running = true;
    try {
      const work = async () => {
        for (const draft of await Drafts.list()) if (draft.state === 'waiting' || draft.state === 'sending') await sendOne(draft.id);
      };
      // Two open tabs must not send the same draft at once.
      if (navigator.locks) await navigator.locks.request('stadtmelder-drafts', work);
      else await work();
    } finally {
      running = false;
    }
  }

  // ---- a draft back in the form ----------------------------------------------------------------

  const form = document.querySelector('main form[enctype="multipart/form-data"]');

  /** "Entwurf öffnen": the form is filled with the draft; sending it updates and sends the draft. */
  function fillForm(draft) {
    for (const name of ['lat', 'lon', 'quelle', 'strasse', 'ortsbezirk', 'beschreibung', 'email']) {
      const input = form.elements.namedItem(name);
      if (input && 'value' in input) input.value = text(name, draft);
    }
    // The map (web/map.js) started before the draft was read: it shows the draft's place now.
    document.dispatchEvent(new CustomEvent('map:inputs'));
    const photos = draft.fields.filter(([n, v]) => n === 'fotos' && typeof v !== 'string');
    const input = form.elements.namedItem('fotos');
    if (input && photos.length && typeof DataTransfer === 'function') {
      const transfer = new DataTransfer();
      for (const [, file] of photos) transfer.items.add(file);
      input.files = transfer.files;
    }
    let note = document.getElementById('entwurf-offen');
    if (!note) {
      note = node('p', 'notice', d.textOpened);
      note.id = 'entwurf-offen';
      note.tabIndex = -1;
      form.before(note);
    }
    note.focus();
    form.dataset.draft = String(draft.id);
  }

  async function openFromHash() {
    const match = location.hash.match(/^#entwurf-(\d+)$/);
    if (!match) return;
    const draft = await Drafts.get(Number(match[1]));
    if (!draft) return;
    if (draft.state === 'check' && form && draft.slug === d.category) fillForm(draft);
    else {
      const shown = document.getElementById(`entwurf-${draft.id}`);
      if (shown) shown.focus();
      if (draft.state === 'waiting') say(d.textAnnounceWaiting);
    }
  }

  if (form) {
    form.addEventListener('submit', async (event) => {
      const id = Number(form.dataset.draft);
      if (!id) return; // an ordinary report: the browser sends it (or the service worker keeps it)
      event.preventDefault();
      const fields = Drafts.fieldsOf(new FormData(form));
      delete form.dataset.draft;
      await update(id, { fields, state: 'waiting', token: null, messages: [], duplicates: [], photoCount: undefined });
      form.reset();
      const note = document.getElementById('entwurf-offen');
      if (note) note.remove();
      const shown = document.getElementById(`entwurf-${id}`);
      if (shown) shown.focus();
      sendAll();
    });
  }

  // ---- start -------------------------------------------------------------------------------------

  // The page that registers the worker was loaded without it: the worker is asked to keep it.
  const uncontrolled = !navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/melden' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (uncontrolled && registration.active) registration.active.postMessage({ type: 'keep', url: location.href });
    })
    .catch(() => undefined);

  window.addEventListener('online', sendAll);
  window.addEventListener('hashchange', openFromHash);
  setInterval(sendAll, RETRY_MS);
  /** The service worker kept a draft without knowing its category's name; this form knows it. */
  async function nameDrafts() {
    if (!d.category) return;
    for (const draft of await Drafts.list()) if (!draft.title && draft.slug === d.category) await Drafts.put(Object.assign(draft, { title: d.categoryName }));
  }

  nameDrafts()
    .then(render)
    .then(openFromHash)
    .then(sendAll)
    .catch(() => undefined);
})();
