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
