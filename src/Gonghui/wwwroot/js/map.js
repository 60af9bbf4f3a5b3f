// The worker's venue map: plain JS over the public API (/api/v1/venues/nearest and ?bbox=).
(function () {
  'use strict';
  var root = document.getElementById('venue-map-page');
  if (!root || root.dataset.started) return;
  root.dataset.started = '1';
  var text = JSON.parse(root.dataset.text || '{}');
  var typeNames = JSON.parse(text.types || '{}');
  var districts = JSON.parse(text.districts || '[]');
  var origin = { lat: parseFloat(root.dataset.lat), lng: parseFloat(root.dataset.lng) };
  var tileUrl = root.dataset.tileUrl;
  var form = document.getElementById('map-filters');
  form.addEventListener('submit', function (ev) { ev.preventDefault(); }); // filters apply as they change
  var list = document.getElementById('venue-list');
  var status = document.getElementById('map-status');
  var whereInput = document.getElementById('map-where');
  var whereError = document.getElementById('map-where-error');
  var originLabel = document.getElementById('map-list-origin');

  var mapEl = document.getElementById('map');
  var map = L.map(mapEl, { zoomControl: true, minZoom: 3, maxZoom: 19 }).setView([origin.lat, origin.lng], 13);
  // Without internet (or with no tile server configured) the map is dots on a grid: say so, and point to the list below,
  // which works from our own data. A tile that loads later hides the notice again.
  var offline = document.getElementById('map-offline');
  if (tileUrl) {
    var tilesLoaded = false;
    var tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: root.dataset.tileAttribution || '' }).addTo(map);
    tiles.on('tileload', function () { tilesLoaded = true; if (offline) offline.hidden = true; mapEl.classList.remove('no-tiles'); });
    tiles.on('tileerror', function () { if (!tilesLoaded && offline) { offline.hidden = false; mapEl.classList.add('no-tiles'); } });
  } else {
    mapEl.classList.add('no-tiles'); // no tile server configured (or offline): markers on a plain grid
    if (offline) offline.hidden = false;
  }
  // Beijing's 16 districts, outlines and names, from a file we ship (wwwroot/data, made by tools/beijing-districts.py):
  // the map is a map without any tile server. Drawn in their own panes under the venue markers.
  map.createPane('districts').style.zIndex = 250;
  map.createPane('district-labels').style.zIndex = 450;
  map.getPane('district-labels').style.pointerEvents = 'none';
  if (root.dataset.districtsUrl) {
    fetch(root.dataset.districtsUrl)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        var english = root.dataset.lang === 'en';
        L.geoJSON(data, {
          pane: 'districts', interactive: false,
          style: function () { return { className: 'district-shape', color: '#7a8794', weight: 1.5, fillColor: '#f4f1e8', fillOpacity: 0.85 }; }
        }).addTo(map);
        data.features.forEach(function (f) {
          var p = f.properties;
          var label = el('span', 'district-label', english ? p.nameEn : p.name);
          label.dataset.code = p.code;
          L.marker([p.label[1], p.label[0]], {
            pane: 'district-labels', interactive: false, keyboard: false,
            icon: L.divIcon({ className: 'district-label-anchor', html: label, iconSize: [0, 0] })
          }).addTo(map);
        });
        root.dataset.districtsDrawn = String(data.features.length);
      })
      .catch(function () { /* venues and the list work without the outlines */ });
  }
  var cluster = L.markerClusterGroup({ maxClusterRadius: 50, chunkedLoading: true });
  map.addLayer(cluster);
  // Reading rooms (职工书屋, from ModelWorkers) as a layer of their own, and the ring around a search hit.
  var roomLayer = L.layerGroup().addTo(map);
  var hitLayer = L.layerGroup().addTo(map);
  var originMarker = L.marker([origin.lat, origin.lng], {
    icon: L.divIcon({ className: '', html: '<div class="origin-dot"></div>', iconSize: [16, 16] }),
    title: text.you, keyboard: false
  }).addTo(map);

  function filters() {
    var p = new URLSearchParams();
    var type = form.elements.type.value, amenity = form.elements.amenity.value;
    if (type) p.set('type', type);
    if (amenity) p.set('amenity', amenity);
    if (form.elements.openNow.checked) p.set('openNow', 'true');
    return p;
  }

  function formatDistance(m) {
    return m < 1000 ? Math.round(m) + ' ' + text.m : (m / 1000).toFixed(m < 10000 ? 1 : 0) + ' ' + text.km;
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  }

  var listSeq = 0;
  function loadList() {
    var seq = ++listSeq;
    var p = filters();
    p.set('lat', origin.lat.toFixed(6));
    p.set('lng', origin.lng.toFixed(6));
    p.set('k', '20');
    status.hidden = false;
    status.textContent = text.loading;
    fetch('/api/v1/venues/nearest?' + p.toString(), { headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        if (seq !== listSeq) return;
        list.replaceChildren();
        data.items.forEach(function (v) {
          var li = el('li');
          li.dataset.distance = v.distanceMeters;
          li.dataset.type = v.type;
          var a = el('a', 'venue-name', v.name);
          a.href = '/map/venues/' + v.id;
          li.appendChild(a);
          var meta = el('div', 'venue-meta');
          meta.appendChild(el('span', 'distance', formatDistance(v.distanceMeters)));
          meta.appendChild(el('span', 'tag', typeNames[v.type] || v.type));
          meta.appendChild(el('span', 'tag ' + (v.openNow ? 'ok' : 'warn'), v.openNow ? (v.is24Hours ? text.h24 : text.open) : text.closed));
          li.appendChild(meta);
          li.appendChild(el('div', 'muted', v.address));
          list.appendChild(li);
        });
        status.hidden = data.items.length > 0;
        status.textContent = data.items.length ? '' : text.none;
        root.dataset.listLoaded = String(seq);
      })
      .catch(function () { if (seq === listSeq) { status.hidden = false; status.textContent = text.error; } });
  }

  var boxSeq = 0, boxTimer = 0;
  function loadMarkers() {
    clearTimeout(boxTimer);
    boxTimer = setTimeout(function () {
      var seq = ++boxSeq;
      var b = map.getBounds();
      var west = b.getWest(), east = b.getEast();
      if (east - west >= 360) { west = -180; east = 180; }
      else {
        west = ((west + 540) % 360) - 180;
        east = ((east + 540) % 360) - 180; // west > east then crosses the 180° meridian, which the API accepts
      }
      var p = filters();
      var bbox = [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map(function (x) { return x.toFixed(6); }).join(',');
      loadRooms(bbox, p.toString() === '', seq);
      p.set('bbox', bbox);
      p.set('limit', '5000');
      fetch('/api/v1/venues?' + p.toString(), { headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          if (seq !== boxSeq) return;
          cluster.clearLayers();
          cluster.addLayers(data.items.map(function (v) {
            var m = L.marker([v.lat, v.lng], {
              icon: L.divIcon({ className: '', html: '<div class="venue-dot ' + v.type + (v.openNow ? '' : ' closed') + '"></div>', iconSize: [18, 18] }),
              title: v.name
            });
            var box = el('div');
            box.appendChild(el('strong', null, v.name));
            box.appendChild(el('div', null, (typeNames[v.type] || v.type) + ' · ' + (v.openNow ? text.open : text.closed)));
            var link = el('a', null, text.details);
            link.href = '/map/venues/' + v.id;
            box.appendChild(link);
            m.bindPopup(box);
            return m;
          }));
        })
        .catch(function () { /* the list still works without markers */ });
    }, 150);
  }

  // The rooms are not venues: the type, amenity and "open now" filters hide them rather than filter them.
  function loadRooms(bbox, shown, seq) {
    if (!shown) { roomLayer.clearLayers(); return; }
    fetch('/api/v1/venues/reading-rooms?bbox=' + bbox, { headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (rooms) {
        if (seq !== boxSeq) return;
        roomLayer.clearLayers();
        rooms.forEach(function (x) {
          var m = L.marker([x.lat, x.lng], {
            icon: L.divIcon({ className: '', html: '<div class="room-dot" aria-hidden="true">书</div>', iconSize: [22, 22] }),
            title: text.room + ' · ' + x.name
          });
          var box = el('div');
          box.appendChild(el('strong', null, x.name));
          box.appendChild(el('div', null, text.room + ' · ' + x.hours));
          box.appendChild(el('div', 'muted', x.address + ' · ' + text.books.replace('{0}', x.books)));
          m.bindPopup(box);
          roomLayer.addLayer(m);
        });
        root.dataset.roomsLoaded = String(rooms.length);
      })
      .catch(function () { /* the venues work without the rooms */ });
  }

  function setOrigin(lat, lng, label) {
    origin = { lat: lat, lng: lng };
    originMarker.setLatLng([lat, lng]);
    map.setView([lat, lng], Math.max(map.getZoom(), 13));
    originLabel.textContent = label ? '· ' + text.near.replace('{0}', label) : '';
    loadList();
  }

  // Typed coordinates ("39.9087, 116.3975") or a district name (东城区 / Dongcheng).
  function go() {
    var q = whereInput.value.trim();
    var first = hits[0];
    closeSuggest();
    whereError.hidden = true;
    var m = q.match(/^(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)$/);
    if (m) {
      var lat = parseFloat(m[1]), lng = parseFloat(m[2]);
      if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) { setOrigin(lat, lng, q); return; }
    }
    var d = districts.filter(function (x) {
      return q && (x.Name === q || x.Name.replace(/区$/, '') === q || x.NameEn.toLowerCase() === q.toLowerCase());
    })[0];
    if (d) {
      setOrigin(d.lat, d.lng, q);
      map.setZoom(12); // the district, not one street of it
      return;
    }
    if (first) { hits = [first]; choose(0); return; }
    whereError.textContent = text.badWhere;
    whereError.hidden = false;
  }

  // Type-ahead over our own registries (/api/v1/venues/search): districts, venues by name or street, employers, reading rooms.
  var suggest = document.getElementById('map-suggest');
  var hits = [], active = -1, suggestSeq = 0, suggestTimer = 0;
  function closeSuggest() {
    suggest.hidden = true;
    suggest.replaceChildren();
    whereInput.setAttribute('aria-expanded', 'false');
    whereInput.removeAttribute('aria-activedescendant');
    hits = []; active = -1;
  }
  function kindName(h) {
    if (h.kind === 'venue') return typeNames[h.venueType] || h.venueType;
    return text['kind.' + h.kind] || h.kind;
  }
  function renderHits(items) {
    hits = items; active = -1;
    suggest.replaceChildren();
    items.forEach(function (h, i) {
      var li = el('li');
      li.id = 'map-suggest-' + i;
      li.setAttribute('role', 'option');
      li.dataset.kind = h.kind;
      li.appendChild(el('span', 'tag', kindName(h)));
      li.appendChild(el('span', 'hit-label', h.label));
      if (h.detail) li.appendChild(el('span', 'muted hit-detail', h.detail));
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
      suggest.appendChild(li);
    });
    suggest.hidden = items.length === 0;
    whereInput.setAttribute('aria-expanded', String(items.length > 0));
  }
  function mark(i) {
    active = i;
    [].forEach.call(suggest.children, function (li, k) { li.classList.toggle('active', k === i); li.setAttribute('aria-selected', String(k === i)); });
    if (i >= 0) whereInput.setAttribute('aria-activedescendant', 'map-suggest-' + i); else whereInput.removeAttribute('aria-activedescendant');
  }
  function highlight(h) {
    hitLayer.clearLayers();
    L.circleMarker([h.lat, h.lng], { radius: 18, className: 'search-hit', color: '#d9480f', weight: 3, fillOpacity: 0.12, interactive: false }).addTo(hitLayer);
    root.dataset.highlighted = h.kind + ':' + h.label;
  }
  function choose(i) {
    var h = hits[i];
    if (!h) return;
    closeSuggest();
    whereInput.value = h.label;
    whereError.hidden = true;
    highlight(h);
    setOrigin(h.lat, h.lng, h.label);
    if (h.kind === 'district') map.setZoom(12);
  }
  whereInput.addEventListener('input', function () {
    clearTimeout(suggestTimer);
    var q = whereInput.value.trim();
    if (!q || /^-?\d/.test(q)) { closeSuggest(); return; }
    suggestTimer = setTimeout(function () {
      var seq = ++suggestSeq;
      fetch('/api/v1/venues/search?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) { if (seq === suggestSeq) renderHits(data.items); })
        .catch(function () { /* typing coordinates or a district still works */ });
    }, 200);
  });
  whereInput.addEventListener('blur', function () { setTimeout(closeSuggest, 150); });

  document.getElementById('map-go').addEventListener('click', go);
  whereInput.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); mark((active + 1) % hits.length); }
    else if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); mark((active - 1 + hits.length) % hits.length); }
    else if (e.key === 'Escape') closeSuggest();
    else if (e.key === 'Enter') { e.preventDefault(); if (active >= 0) choose(active); else go(); }
  });
  document.getElementById('map-locate').addEventListener('click', function () {
    whereError.hidden = true;
    if (!navigator.geolocation) { whereError.textContent = text.locFailed; whereError.hidden = false; return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      // Browsers report WGS-84, which is what the API expects by default.
      setOrigin(pos.coords.latitude, pos.coords.longitude, text.you);
    }, function () { whereError.textContent = text.locFailed; whereError.hidden = false; }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
  form.addEventListener('change', function () { loadList(); loadMarkers(); });
  map.on('moveend', loadMarkers);
  loadList();
  loadMarkers();
})();
