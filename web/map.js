// Stadtmelder's map, for every element <div data-map="browse|pick"> (server/views/map.tsx renders it).
// Plain browser JavaScript without a build step. All configuration and every text come from data-
// attributes, because the Content-Security-Policy forbids inline scripts and the texts are translated
// on the server. Without this script (or without Leaflet) the map block simply stays hidden.
(async () => {
  'use strict';
  const L = window.L;
  if (!L) return;
  await Promise.all(['/static/leaflet/leaflet.css', '/static/map.css'].map(stylesheet));

  /** Reports closer than this many screen pixels are drawn as one numbered cluster. */
  const CLUSTER_CELL_PX = 56;
  /** Zoom for a pin from the inputs or from the device's position: street level. */
  const PIN_ZOOM = 17;
  const MAX_ZOOM = 19;

  const lang = document.documentElement.lang || 'de';
  // As domain/formatters.ts: Arabic with Western digits, like the report numbers beside them.
  const locale = { en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', uk: 'uk-UA' }[lang] || 'de-DE';
  const byId = (id) => (id ? document.getElementById(id) : null);
  const fill = (template, values) => (template || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const escapeHtml = (text) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const decimal = (n) => n.toLocaleString(locale, { maximumFractionDigits: 6 });
  const day = (iso) => new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' });

  function node(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** Writes into the page's aria-live line, so that screen readers hear what the map did. */
  function statusLine(box) {
    const line = byId(box.dataset.status);
    return (text, isError) => {
      if (!line) return;
      line.textContent = text || '';
      line.classList.toggle('map-status-error', Boolean(isError));
    };
  }

  function createMap(box, pick) {
    const d = box.dataset;
    const map = L.map(box, {
      maxZoom: MAX_ZOOM,
      zoomControl: false,
      // One tap sets the pin; a double tap would set it twice and zoom as well.
      doubleClickZoom: !pick,
    });
    // Browse opens on the whole city where the page knows it; otherwise (and for pick) on the centre.
    const [lat, lon] = (d.center || '50,8.27').split(',').map(Number);
    const [west, south, east, north] = (d.bounds || '').split(',').map(Number);
    if (Number.isFinite(north)) map.fitBounds([[south, west], [north, east]]);
    else map.setView([lat, lon], Number(d.zoom) || 13);
    L.control.zoom({ zoomInTitle: d.textZoomIn, zoomOutTitle: d.textZoomOut }).addTo(map);
    // Leaflet treats attribution as HTML; ours is configured text.
    L.tileLayer(d.tiles, { maxZoom: MAX_ZOOM, attribution: escapeHtml(d.attribution || '') }).addTo(map);
    map.on('popupopen', (e) => {
      const close = e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
      if (close && d.textClose) {
        close.setAttribute('aria-label', d.textClose);
        close.title = d.textClose;
      }
    });
    return map;
  }

  // ---- browse: the public map of reports -------------------------------------------------------

  function browse(box, map) {
    const d = box.dataset;
    const say = statusLine(box);
    const layer = L.layerGroup().addTo(map);
    let features = [];
    let shown = new Map();
    let request = null;

    function bbox() {
      const b = map.getBounds();
      const clamp = (v, limit) => Math.min(limit, Math.max(-limit, v));
      const down = (v) => Math.floor(v * 1e5) / 1e5;
      const up = (v) => Math.ceil(v * 1e5) / 1e5;
      return [down(clamp(b.getWest(), 180)), down(clamp(b.getSouth(), 90)), up(clamp(b.getEast(), 180)), up(clamp(b.getNorth(), 90))].join(',');
    }

    function popupContent(list) {
      const wrap = node('div', 'map-popup');
      const items = list.length > 1 ? wrap.appendChild(node('ul', 'map-popup-list')) : null;
      for (const f of list) {
        const p = f.properties;
        const item = items ? items.appendChild(node('li')) : wrap;
        item.appendChild(node('p', 'map-popup-title', p.category));
        item.appendChild(node('p', '', `${p.stateLabel} · ${fill(d.textReportedOn, { date: day(p.createdAt) })}`));
        const link = node('a', '', fill(d.textDetails, { id: p.id }));
        link.href = fill(d.reportHref, { id: p.id });
        item.appendChild(node('p')).appendChild(link);
      }
      return wrap;
    }

    /** Narrow enough to pan clear of the zoom buttons in the top left corner on a phone. */
    function popupOptions() {
      return { maxWidth: Math.max(160, Math.min(300, map.getSize().x - 130)), autoPanPaddingTopLeft: [64, 12], autoPanPaddingBottomRight: [12, 12] };
    }

    function single(member) {
      const p = member.f.properties;
      const open = p.status === 'open';
      // A sign inside the dot as well as its colour (the legend explains both); the report a page is about is ringed.
      const sign = node('span', '', open ? '!' : '✓');
      sign.setAttribute('aria-hidden', 'true');
      const self = String(p.id) === d.highlight ? ' map-marker-this' : '';
      const icon = L.divIcon({ className: `map-marker map-marker-${open ? 'open' : 'closed'}${self}`, html: sign, iconSize: [24, 24] });
      return L.marker(member.latlng, { icon, title: `${p.category} – ${p.stateLabel}`, keyboard: true, riseOnHover: true }).bindPopup(() => popupContent([member.f]), popupOptions());
    }

    function cluster(members) {
      const lat = members.reduce((s, m) => s + m.latlng.lat, 0) / members.length;
      const lon = members.reduce((s, m) => s + m.latlng.lng, 0) / members.length;
      const count = node('span', '', String(members.length));
      count.setAttribute('aria-hidden', 'true');
      const self = members.some((m) => String(m.f.properties.id) === d.highlight) ? ' map-marker-this' : '';
      const icon = L.divIcon({ className: `map-cluster${self}`, html: count, iconSize: [38, 38] });
      const marker = L.marker([lat, lon], { icon, title: fill(d.textCluster, { count: members.length }), keyboard: true });
      const bounds = L.latLngBounds(members.map((m) => m.latlng));
      const open = () => {
        // Reports on one spot (or at the last zoom level) cannot be told apart by zooming: list them.
        if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
          L.popup(popupOptions()).setLatLng([lat, lon]).setContent(popupContent(members.map((m) => m.f))).openOn(map);
        } else {
          map.fitBounds(bounds.pad(0.3));
        }
      };
      marker.on('click', open);
      marker.on('keypress', (e) => e.originalEvent.key === 'Enter' && open());
      return marker;
    }

    /**
     * Grid clustering in world pixels of the current zoom: cells do not move while the map pans.
     * Markers that stay the same are kept, so that a popup survives the reload after its own autopan.
     */
    function draw() {
      const zoom = map.getZoom();
      const cells = new Map();
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates;
        const latlng = L.latLng(lat, lon);
        const p = map.project(latlng, zoom);
        const key = `${Math.floor(p.x / CLUSTER_CELL_PX)}:${Math.floor(p.y / CLUSTER_CELL_PX)}`;
        const cell = cells.get(key);
        if (cell) cell.push({ f, latlng });
        else cells.set(key, [{ f, latlng }]);
      }
      const next = new Map();
      for (const members of cells.values()) {
        const key = members.map((m) => `${m.f.properties.id}:${m.f.properties.state}`).sort().join(',');
        next.set(key, shown.get(key) || (members.length === 1 ? single(members[0]) : cluster(members)));
      }
      for (const [key, marker] of shown) if (!next.has(key)) layer.removeLayer(marker);
      for (const [key, marker] of next) if (!shown.has(key)) layer.addLayer(marker);
      shown = next;
      box.dataset.drawn = String(features.length);
    }

    async function load() {
      if (request) request.abort();
      const current = (request = new AbortController());
      const url = `${d.geojson}${d.geojson.includes('?') ? '&' : '?'}bbox=${bbox()}`;
      try {
        const response = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' }, signal: current.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = await response.json();
        features = data.features || [];
        draw();
        const truncated = data.truncated ? ` ${fill(d.textTruncated, { limit: Number(data.limit).toLocaleString(locale) })}` : '';
        say(fill(d.textInView, { count: features.length.toLocaleString(locale) }) + truncated);
      } catch (err) {
        if (current.signal.aborted) return;
        say(d.textLoadFailed, true);
      }
    }

    map.on('moveend', load);
    load();
  }

  // ---- pick: one place for the report form ------------------------------------------------------

  function pick(box, map) {
    const d = box.dataset;
    const say = statusLine(box);
    const latInput = byId(d.latInput);
    const lonInput = byId(d.lonInput);
    // Where the pin came from (a tap or the phone's position), for staff to know how exact it is.
    const sourceInput = byId(d.sourceInput);
    // Shown while the map has keyboard focus: Enter or Space puts the pin here.
    const crosshair = box.appendChild(node('div', 'map-crosshair'));
    crosshair.setAttribute('aria-hidden', 'true');
    let pin = null;

    function show(latlng) {
      if (pin) pin.setLatLng(latlng);
      else pin = L.marker(latlng, { interactive: false, keyboard: false, alt: '' }).addTo(map);
    }

    // The city's box: a tap or a phone position outside it is not taken (the server checks the exact boundary).
    const [west, south, east, north] = (d.cityBounds || '').split(',').map(Number);
    const outside = (ll) => Number.isFinite(north) && (ll.lat < south || ll.lat > north || ll.lng < west || ll.lng > east);

    function setPin(latlng, source = 'map') {
      if (outside(latlng.wrap())) {
        say(source === 'gps' ? d.textOutsideGps : d.textOutside, true);
        return;
      }
      const wrapped = latlng.wrap();
      const lat = Math.round(wrapped.lat * 1e6) / 1e6;
      const lon = Math.round(wrapped.lng * 1e6) / 1e6;
      show(L.latLng(lat, lon));
      for (const [input, value] of [[latInput, lat], [lonInput, lon]]) {
        if (!input) continue;
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      if (sourceInput) sourceInput.value = source;
      say(fill(d.textPicked, { lat: decimal(lat), lon: decimal(lon) }));
      box.dispatchEvent(new CustomEvent('map:picked', { bubbles: true, detail: { lat, lon, source } }));
    }

    map.on('click', (e) => setPin(e.latlng));
    box.addEventListener('keydown', (e) => {
      if (e.target !== box || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        setPin(map.getCenter());
      }
    });

    // A form that comes back with an error keeps its place: show the pin there. So does a draft that
    // web/offline.js fills in after the map started; it says so with the event map:inputs.
    const read = (input) => (input && input.value.trim() ? Number(input.value.trim().replace(',', '.')) : NaN);
    const showInputs = () => {
      const lat = read(latInput);
      const lon = read(lonInput);
      if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        show(L.latLng(lat, lon));
        map.setView([lat, lon], Math.max(map.getZoom(), PIN_ZOOM));
      }
    };
    showInputs();
    document.addEventListener('map:inputs', showInputs);

    // The position is asked for only when the button is pressed, never on its own.
    const locate = byId(d.locateButton);
    if (locate && 'geolocation' in navigator) {
      locate.hidden = false;
      locate.addEventListener('click', () => {
        say(d.textLocating);
        navigator.geolocation.getCurrentPosition(
          (position) => {
            const here = L.latLng(position.coords.latitude, position.coords.longitude);
            if (outside(here)) return say(d.textOutsideGps, true);
            map.setView(here, Math.max(map.getZoom(), PIN_ZOOM));
            setPin(here, 'gps');
          },
          (error) => say(error && error.code === 1 ? d.textLocateDenied : d.textLocateFailed, true),
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
        );
      });
    }
  }

  /** The map's stylesheets come with the script: a browser without JavaScript never loads them for a map it cannot show. */
  function stylesheet(href) {
    if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
    const link = document.head.appendChild(node('link'));
    link.rel = 'stylesheet';
    return new Promise((resolve) => {
      link.onload = link.onerror = resolve;
      link.href = href;
    });
  }

  for (const box of document.querySelectorAll('[data-map]')) {
    const block = box.closest('.map-block');
    if (block) block.hidden = false;
    // A form with a map tells the server so: its messages may then speak of the map.
    const form = box.closest('form');
    if (form && !form.querySelector('input[name="karte"]')) {
      const flag = form.appendChild(node('input'));
      flag.type = 'hidden';
      flag.name = 'karte';
      flag.value = '1';
    }
    const isPick = box.dataset.map === 'pick';
    const map = createMap(box, isPick);
    if (isPick) pick(box, map);
    else browse(box, map);
  }
})();
