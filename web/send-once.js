// Sent once: a form marked data-send-once disables its submit buttons after the first tap, so a
// double tap sends it once, and shows the text of the button's data-sending attribute meanwhile. The
// server holds on its own (one form token files one report, a press counts once a day); this only
// spares the second request and tells the person that something is happening.
// The buttons work again when the page comes back from the browser's history and, should the answer
// never come (the connection dropped, the person stopped the page), after a while. A script that sends
// a form itself calls preventDefault on submit, and then this one leaves that form alone.
(function () {
  'use strict';
  var RETRY_AFTER_MS = 15000;

  function buttons(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.type === 'submit';
    });
  }

  function release(form) {
    delete form.dataset.sending;
    buttons(form).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (button.dataset.label) button.textContent = button.dataset.label;
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-send-once')) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;
    form.dataset.sending = '1';
    // After this turn: the submission has taken the form's data by then.
    setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute('aria-busy', 'true');
        if (button.dataset.sending) {
          button.dataset.label = button.textContent;
          button.textContent = button.dataset.sending;
        }
      });
    }, 0);
    setTimeout(function () {
      release(form);
    }, RETRY_AFTER_MS);
  });

  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll('form[data-send-once]'), release);
  });
})();
