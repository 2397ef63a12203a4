// Administration: the routing check answers in place. Without this script the check is a plain GET
// form (the page reloads with the answer); with it, setting the pin on the map (web/map.js fires
// "map:picked"), changing the category or submitting loads the same page in the background and puts
// its answer into the live region. Anything but a 200 answer falls back to the ordinary submit, so
// that problems are shown at their fields exactly as without JavaScript.
(() => {
  'use strict';
  const form = document.querySelector('form[data-routing-check]');
  const result = document.getElementById('routing-result');
  if (!form || !result || !window.fetch || !window.DOMParser) return;

  let pending = null;

  function queryOf() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
    return params.toString();
  }

  async function answer(fallBackToSubmit) {
    const category = form.elements.namedItem('kategorie');
    if (!category || !category.value) {
      result.textContent = result.dataset.textChooseCategory || '';
      return;
    }
    const url = `${form.action}?${queryOf()}`;
    if (pending) pending.abort();
    pending = new AbortController();
    result.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin', signal: pending.signal });
      if (!response.ok) {
        if (fallBackToSubmit) form.submit();
        return;
      }
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = doc.getElementById('routing-result');
      result.replaceChildren(...(fresh ? Array.from(fresh.childNodes).map((n) => document.importNode(n, true)) : []));
      history.replaceState(null, '', url);
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      if (fallBackToSubmit) form.submit();
    } finally {
      result.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    answer(true);
  });
  // The pin fills latitude and longitude; a typed bin code would win over it, so the pin clears it.
  form.addEventListener('map:picked', () => {
    const bin = form.elements.namedItem('papierkorb');
    if (bin) bin.value = '';
    answer(true);
  });
  form.elements.namedItem('kategorie')?.addEventListener('change', () => {
    const lat = form.elements.namedItem('lat');
    const bin = form.elements.namedItem('papierkorb');
    if ((lat && lat.value) || (bin && bin.value)) answer(true);
  });
})();
