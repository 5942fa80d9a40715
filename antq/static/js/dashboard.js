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
