// Redaction page: draw the rectangle with the mouse (or a finger), or select it with Tab and move it
// with the arrow keys (Shift + arrows: resize). Progressive enhancement only: the four number fields
// of the form are the truth, this script just fills them in and shows where they are on the image.
(function () {
  'use strict';
  var stage = document.getElementById('redact-stage');
  var image = document.getElementById('redact-image');
  var box = document.getElementById('redact-rect');
  if (!stage || !image || !box) return;
  var fields = { x: 'rect-x', y: 'rect-y', width: 'rect-breite', height: 'rect-hoehe' };
  var inputs = {};
  for (var key in fields) {
    inputs[key] = document.getElementById(fields[key]);
    if (!inputs[key]) return;
  }
  var help = document.getElementById('redact-help-js');
  if (help) help.hidden = false;
  stage.classList.add('redact-js');

  /** A rectangle a fifth of the image in the middle: something to move when nothing was chosen yet. */
  var DEFAULT = { x: 40, y: 40, width: 20, height: 20 };
  var MIN = 0.5;
  var rect = null;

  function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
  }
  function round(v) {
    return Math.round(v * 10) / 10;
  }
  function parse(text) {
    var t = String(text).trim().replace(',', '.');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
    return Number(t);
  }
  function readInputs() {
    var r = { x: parse(inputs.x.value), y: parse(inputs.y.value), width: parse(inputs.width.value), height: parse(inputs.height.value) };
    var ok = r.x !== null && r.y !== null && r.width !== null && r.height !== null && r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= 100.001 && r.y + r.height <= 100.001;
    return ok ? r : null;
  }
  function writeInputs() {
    // German pages show a decimal comma, as people there type it; the server reads both.
    var comma = document.documentElement.lang === 'de';
    ['x', 'y', 'width', 'height'].forEach(function (k) {
      var text = String(round(rect[k]));
      inputs[k].value = comma ? text.replace('.', ',') : text;
    });
  }
  function render() {
    if (!rect) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.style.left = rect.x + '%';
    box.style.top = rect.y + '%';
    box.style.width = rect.width + '%';
    box.style.height = rect.height + '%';
  }

  var allEmpty = ['x', 'y', 'width', 'height'].every(function (k) {
    return inputs[k].value.trim() === '';
  });
  if (allEmpty) {
    rect = { x: DEFAULT.x, y: DEFAULT.y, width: DEFAULT.width, height: DEFAULT.height };
    writeInputs();
  } else {
    rect = readInputs();
  }
  render();

  ['x', 'y', 'width', 'height'].forEach(function (k) {
    inputs[k].addEventListener('input', function () {
      rect = readInputs();
      render();
    });
  });

  // Drawing: from where the pointer went down to where it is, in percent of the displayed image.
  var start = null;
  var before = null;
  function percentAt(event) {
    var r = image.getBoundingClientRect();
    return { x: clamp(((event.clientX - r.left) / r.width) * 100, 0, 100), y: clamp(((event.clientY - r.top) / r.height) * 100, 0, 100) };
  }
  stage.addEventListener('pointerdown', function (event) {
    if (event.button !== 0) return;
    event.preventDefault();
    start = percentAt(event);
    before = rect;
    stage.classList.add('is-drawing');
    stage.setPointerCapture(event.pointerId);
  });
  stage.addEventListener('pointermove', function (event) {
    if (!start) return;
    var p = percentAt(event);
    rect = { x: Math.min(start.x, p.x), y: Math.min(start.y, p.y), width: Math.abs(p.x - start.x), height: Math.abs(p.y - start.y) };
    render();
  });
  function finish(event) {
    if (!start) return;
    var p = percentAt(event);
    var drawn = { x: Math.min(start.x, p.x), y: Math.min(start.y, p.y), width: Math.abs(p.x - start.x), height: Math.abs(p.y - start.y) };
    start = null;
    stage.classList.remove('is-drawing');
    // A click without dragging draws nothing: keep the rectangle there was.
    rect = drawn.width >= MIN && drawn.height >= MIN ? drawn : before;
    if (rect) writeInputs();
    render();
  }
  stage.addEventListener('pointerup', finish);
  stage.addEventListener('pointercancel', function () {
    start = null;
    stage.classList.remove('is-drawing');
    rect = before;
    render();
  });

  // Keyboard: arrows move by 1 %, with Shift they change width and height.
  box.addEventListener('keydown', function (event) {
    var dx = { ArrowLeft: -1, ArrowRight: 1 }[event.key] || 0;
    var dy = { ArrowUp: -1, ArrowDown: 1 }[event.key] || 0;
    if (!dx && !dy) return;
    event.preventDefault();
    if (!rect) rect = { x: DEFAULT.x, y: DEFAULT.y, width: DEFAULT.width, height: DEFAULT.height };
    if (event.shiftKey) {
      rect.width = clamp(rect.width + dx, MIN, 100 - rect.x);
      rect.height = clamp(rect.height + dy, MIN, 100 - rect.y);
    } else {
      rect.x = clamp(rect.x + dx, 0, 100 - rect.width);
      rect.y = clamp(rect.y + dy, 0, 100 - rect.height);
    }
    writeInputs();
    render();
  });
})();
