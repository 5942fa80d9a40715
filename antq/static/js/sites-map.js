// Leaflet islands: the sites map (points coloured by state) and the venue picker on the site form.
// Works without a tile server: province centres are drawn as labelled reference points; a
// same-origin tile URL (settings ANTQ_MAP_TILES) adds a base map when one is available.
(function () {
  "use strict";
  const COLOURS = { planned: "#6b7280", confirmed: "#0b5cad", held: "#d97706", reported: "#1f7a3a", cancelled: "#b42318" };
  const VIETNAM = [[8.2, 102.1], [23.4, 109.6]];

  function baseMap(element) {
    const map = L.map(element, { zoomSnap: 0.5, attributionControl: false });
    map.fitBounds(VIETNAM);
    const tiles = element.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    fetch("/api/units?kind=province&kind=city&limit=100", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((data) => {
        for (const unit of data.items || []) {
          if (unit.latitude == null) continue;
          L.circleMarker([unit.latitude, unit.longitude], { radius: 2, color: "#9ca3af", weight: 1, interactive: false })
            .bindTooltip(unit.short_name || unit.name, { permanent: true, direction: "right", className: "map-label" })
            .addTo(map);
        }
      })
      .catch(() => {});
    return map;
  }

  function sitesMap(element) {
    const map = baseMap(element);
    const labels = JSON.parse(element.dataset.labels || "{}");
    const count = document.getElementById("sites-map-count");
    fetch(element.dataset.geo, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((geo) => {
        const layer = L.geoJSON(geo, {
          pointToLayer: (feature, latlng) => {
            const p = feature.properties;
            return L.circleMarker(latlng, {
              radius: p.pilot_tier ? 9 : 6,
              color: p.pilot_tier ? "#5b1a86" : "#ffffff",
              weight: p.pilot_tier ? 3 : 1,
              fillColor: COLOURS[p.state] || "#111827",
              fillOpacity: 0.9,
            });
          },
          onEachFeature: (feature, marker) => {
            const p = feature.properties;
            const box = document.createElement("div");
            const link = document.createElement("a");
            link.href = "/sites/" + p.id + "/";
            link.textContent = p.name;
            const meta = document.createElement("div");
            meta.textContent = p.date + " · " + p.unit + " · " + (labels[p.state] || p.state);
            box.append(link, meta);
            marker.bindPopup(box);
          },
        }).addTo(map);
        const n = geo.features.length;
        if (n) {
          map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [20, 20] });
        }
        if (count) count.textContent = n ? n.toLocaleString("vi-VN") : labels.none || "";
      });
  }

  function pickerMap(element) {
    const lat = document.getElementById(element.dataset.latInput);
    const lon = document.getElementById(element.dataset.lonInput);
    const map = baseMap(element);
    let marker = null;
    function place(latlng, pan) {
      if (!marker) {
        marker = L.marker(latlng, { draggable: true }).addTo(map);
        marker.on("dragend", () => write(marker.getLatLng()));
      } else {
        marker.setLatLng(latlng);
      }
      if (pan) map.setView(latlng, 13);
    }
    function write(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
    }
    const start = parseFloat(lat.value || element.dataset.defaultLat);
    const startLon = parseFloat(lon.value || element.dataset.defaultLon);
    if (!isNaN(start) && !isNaN(startLon)) place(L.latLng(start, startLon), true);
    map.on("click", (event) => {
      place(event.latlng, false);
      write(event.latlng);
    });
    for (const input of [lat, lon]) {
      input.addEventListener("change", () => {
        const a = parseFloat(lat.value), b = parseFloat(lon.value);
        if (!isNaN(a) && !isNaN(b)) place(L.latLng(a, b), true);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof L === "undefined") return;
    L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
    const sites = document.getElementById("sites-map");
    if (sites) sitesMap(sites);
    const picker = document.getElementById("venue-map");
    if (picker) pickerMap(picker);
  });
})();
