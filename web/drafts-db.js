// Offline drafts of the report form, kept in IndexedDB on the phone. Shared by the service worker
// (web/sw.js saves a draft when a form post cannot reach the server) and the page (web/offline.js
// lists drafts and sends them when the connection returns). Plain ES2020, no build step; it defines
// self.StadtmelderDrafts so that both a page and a worker can load it.
(() => {
  'use strict';
  const DB_NAME = 'stadtmelder';
  const STORE = 'drafts';
  /** Fields the server issues anew or that mean nothing later: never kept in a draft. */
  const SKIPPED = new Set(['t', 'website', 'trotzdem']);

  let opened = null;
  function db() {
    opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opened;
  }

  async function run(mode, work) {
    const store = (await db()).transaction(STORE, mode).objectStore(STORE);
    return new Promise((resolve, reject) => {
      const request = work(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  /**
   * The form's entries as [name, value] pairs: text, and the photos as File objects (IndexedDB keeps
   * them as they are). An empty file input sends a nameless empty File: that is no photo.
   */
  function fieldsOf(formData) {
    const fields = [];
    for (const [name, value] of formData.entries()) {
      if (SKIPPED.has(name)) continue;
      if (typeof value !== 'string' && (!value.size || !value.name)) continue;
      fields.push([name, value]);
    }
    return fields;
  }

  self.StadtmelderDrafts = {
    /** `action` is the form's URL: /melden/{slug} with the page's query (its language). */
    async add(action, formData, title) {
      const url = new URL(action, self.location.href);
      const slug = decodeURIComponent(url.pathname.split('/')[2] || '');
      const draft = { slug, search: url.search, title: title || '', fields: fieldsOf(formData), state: 'waiting', createdAt: new Date().toISOString() };
      return run('readwrite', (store) => store.add(draft));
    },
    get: (id) => run('readonly', (store) => store.get(id)),
    list: () => run('readonly', (store) => store.getAll()),
    put: (draft) => run('readwrite', (store) => store.put(draft)),
    remove: (id) => run('readwrite', (store) => store.delete(id)),
    fieldsOf,
  };
})();
