// Dashboard charts (Chart.js from npm, served from /static/vendor). Data comes from a JSON block
// in the page (no inline script: CSP script-src 'self'). A click on a bar opens that unit.
(function () {
  const node = document.getElementById("chart-data");
  if (!node || typeof Chart === "undefined") return;
  const data = JSON.parse(node.textContent);
  const lang = document.documentElement.lang || "vi";
  const fmt = new Intl.NumberFormat(lang === "en" ? "en-GB" : "vi-VN");
  const colours = ["#9b1c1c", "#0b5cad", "#1f7a3a", "#8a5a00"];
  const axis = { ticks: { callback: (v) => fmt.format(v) } };
  const units = document.getElementById("chart-units");
  if (units && data.units.length) {
    const order = data.values.map((v, i) => i).sort((a, b) => data.values[b] - data.values[a]);
    const chart = new Chart(units, {
      type: "bar",
      data: {
        labels: order.map((i) => data.units[i]),
        datasets: [{ label: data.label, data: order.map((i) => data.values[i]), backgroundColor: "#0b5cad" }],
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => fmt.format(c.parsed.x) } } },
        scales: { x: axis },
        onClick: (event, elements) => {
          if (!elements.length) return;
          const code = data.codes[order[elements[0].index]];
          const url = new URL(window.location.href);
          url.searchParams.set("unit", code);
          window.location.href = url.toString();
        },
      },
    });
    units.parentElement.style.height = Math.max(240, order.length * 22 + 60) + "px";
    chart.resize();
  }
  const mapNode = document.getElementById("dashboard-map");
  if (mapNode && typeof L !== "undefined" && data.points.some((p) => p)) {
    const map = L.map(mapNode, { zoomSnap: 0.25, attributionControl: false });
    if (mapNode.dataset.tiles) L.tileLayer(mapNode.dataset.tiles, { maxZoom: 18 }).addTo(map);
    const top = Math.max(1, ...data.values);
    const bounds = [];
    data.points.forEach((point, i) => {
      if (!point) return;
      const share = data.approved[i] / 100; // red (none approved) to green (all approved)
      const colour = `hsl(${Math.round(120 * share)}, 65%, 38%)`;
      const radius = 3 + (data.points.length > 40 ? 12 : 20) * Math.sqrt(data.values[i] / top);
      L.circleMarker(point, { radius, color: colour, fillColor: colour, fillOpacity: 0.55, weight: 1 })
        .bindTooltip(`${data.units[i]}: ${fmt.format(data.values[i])} · ${data.approved[i]}%`)
        .on("click", () => {
          const url = new URL(window.location.href);
          url.searchParams.set("unit", data.codes[i]);
          window.location.href = url.toString();
        })
        .addTo(map);
      bounds.push(point);
    });
    // Fit the bulk of the units: far islands (Trường Sa, Hoàng Sa) would shrink the mainland to a strip.
    const pick = (values, q) => values.sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
    const lats = bounds.map((b) => b[0]);
    const lons = bounds.map((b) => b[1]);
    const box = bounds.length > 10
      ? [[pick(lats, 0.03), pick(lons, 0.03)], [pick([...lats], 0.97), pick([...lons], 0.97)]]
      : bounds;
    map.fitBounds(box, { padding: [24, 24], maxZoom: 11 });
    L.control.scale({ imperial: false }).addTo(map);
  }
  const years = document.getElementById("chart-years");
  if (years && data.years.length > 1) {
    new Chart(years, {
      type: "line",
      data: {
        labels: data.years,
        datasets: data.series.map((s, i) => ({ label: s.label, data: s.values, borderColor: colours[i % 4], backgroundColor: colours[i % 4], tension: 0.2 })),
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: axis },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + fmt.format(c.parsed.y) } } } },
    });
  }
})();
