// Staff report page, progressive enhancement only: every action works without this file.
// 1. A template select copies the template's text into its text area at once (without JavaScript
//    the "Vorlage einsetzen" button asks the server to do the same), and for a state change also
//    chooses the template's state.
// 2. Single-key shortcuts to jump to the action groups; announced on the page once they work.
(function () {
  'use strict';

  document.querySelectorAll('select.js-template').forEach(function (select) {
    var target = document.getElementById(select.getAttribute('data-fills'));
    if (!target) return;
    var button = select.parentElement && select.parentElement.querySelector('.js-template-submit');
    if (button) button.hidden = true;
    select.addEventListener('change', function () {
      var option = select.options[select.selectedIndex];
      var body = option && option.getAttribute('data-body');
      if (!body) return;
      target.value = body;
      var state = option.getAttribute('data-state');
      var stateSelect = select.form && select.form.querySelector('select[name="status"]');
      if (state && stateSelect && stateSelect.querySelector('option[value="' + state + '"]')) stateSelect.value = state;
    });
  });

  var SHORTCUTS = { s: 'status-to', a: 'answer-text', n: 'note-text', p: 'priority', w: 'forward-department', d: 'duplicate-of', v: 'verlauf' };
  var help = document.getElementById('shortcut-help');
  if (help) help.hidden = false;

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var active = document.activeElement;
    var tag = active && active.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (active && active.isContentEditable)) return;
    var id = SHORTCUTS[event.key.toLowerCase()];
    var element = id && document.getElementById(id);
    if (!element) return;
    event.preventDefault();
    element.focus();
    element.scrollIntoView({ block: 'center' });
  });
})();
