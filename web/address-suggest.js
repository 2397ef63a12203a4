// Address suggestions for the report form's address field (progressive enhancement: without this
// script the typed address is resolved on the server, with a "Meinten Sie …" step). The field becomes
// an ARIA 1.2 combobox with a listbox: arrow keys move through the suggestions, Enter takes one,
// Escape closes the list; a polite status line says how many there are. Suggestions come from
// GET /adressen?q= (server/routes/addresses.ts), asked after a short pause in typing.
(function () {
  'use strict';
  var input = document.querySelector('input[data-suggest]');
  if (!input || !window.fetch) return;
  var endpoint = input.getAttribute('data-suggest');
  var list = document.createElement('ul');
  list.id = 'strasse-vorschlaege';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', input.labels && input.labels[0] ? input.labels[0].textContent : '');
  list.hidden = true;
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  var hint = document.createElement('p');
  hint.id = 'strasse-vorschlaege-hinweis';
  hint.className = 'muted';
  hint.textContent = input.getAttribute('data-suggest-hint');
  input.insertAdjacentElement('afterend', status);
  input.insertAdjacentElement('afterend', list);
  input.insertAdjacentElement('beforebegin', hint);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + hint.id).trim());

  var items = [];
  var active = -1;
  var timer = null;
  var asked = '';

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function mark(index) {
    active = index;
    var options = list.children;
    for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function take(index) {
    var s = items[index];
    if (!s) return;
    input.value = s.value;
    close();
    input.focus();
    // A street is followed by its number: ask again for the houses.
    if (s.kind === 'street') ask();
  }

  function show(suggestions) {
    items = suggestions;
    list.textContent = '';
    suggestions.forEach(function (s, i) {
      var li = document.createElement('li');
      li.id = 'strasse-vorschlag-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = s.label;
      // mousedown, not click: the field keeps the focus.
      li.addEventListener('mousedown', function (e) {
        e.preventDefault();
        take(i);
      });
      list.appendChild(li);
    });
    var count = input.getAttribute('data-suggest-count').replace('{count}', String(suggestions.length));
    status.textContent = suggestions.length ? count : input.getAttribute('data-suggest-none');
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      mark(-1);
    } else close();
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 2) return close();
    if (q === asked && !list.hidden) return;
    asked = q;
    var lang = document.documentElement.lang;
    fetch(endpoint + (endpoint.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q) + (lang === 'de' ? '' : '&lang=' + lang), { headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.ok ? r.json() : { suggestions: [] };
      })
      .then(function (data) {
        // An answer to an older question is dropped.
        if (q === input.value.trim()) show(data.suggestions || []);
      })
      .catch(function () {
        close();
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) return ask();
      mark(active + 1 < items.length ? active + 1 : 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!list.hidden) mark(active > 0 ? active - 1 : items.length - 1);
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      // Takes the suggestion instead of sending the form.
      e.preventDefault();
      take(active);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);
})();
