// Small behaviours that need no framework. No inline scripts anywhere (CSP: script-src 'self').
document.addEventListener("click", (event) => {
  const pick = event.target.closest("button.pick");
  if (!pick) return;
  const input = document.getElementById(pick.dataset.target);
  if (input) {
    input.value = pick.dataset.code;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  const list = pick.closest(".picker-results");
  if (list) list.innerHTML = "";
});

// A disclosure that controls something outside it (the phone's menu) says whether it is open. Without
// JavaScript the browser announces the <details> state itself; Escape closes it again.
for (const summary of document.querySelectorAll("details > summary[aria-controls]")) {
  const details = summary.parentElement;
  const sync = () => summary.setAttribute("aria-expanded", String(details.open));
  sync();
  details.addEventListener("toggle", sync);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && details.open) {
      details.open = false;
      summary.focus();
    }
  });
}
