// Set once the back office's circuit has rendered: until then clicks on prerendered markup do nothing.
window.cobuild = { markInteractive: () => { document.body.dataset.interactive = "true"; } };

// The back-office menu on a narrow screen is a drawer; plain script, so server-rendered and interactive pages share it.
// The state sits on <html>, which neither Blazor's renderer nor its enhanced navigation rewrites by a click.
const setMenu = open => {
  document.documentElement.classList.toggle("bo-menu-open", open);
  document.querySelectorAll("[data-menu-toggle]").forEach(b => b.setAttribute("aria-expanded", open ? "true" : "false"));
};

// Behaviour the markup asks for with data- attributes: the Content-Security-Policy allows no inline handlers.
document.addEventListener("click", e => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) window.print();
  if (target.closest("[data-reload]")) { e.preventDefault(); location.reload(); return; }
  if (target.closest("[data-menu-toggle]")) { setMenu(!document.documentElement.classList.contains("bo-menu-open")); return; }
  // A choice in the menu, or a tap anywhere outside it, closes the drawer.
  if (document.documentElement.classList.contains("bo-menu-open") && (target.closest(".bo-sider a") || !target.closest(".bo-sider"))) setMenu(false);
});
document.addEventListener("keydown", e => { if (e.key === "Escape") setMenu(false); });
document.addEventListener("change", e => {
  const select = e.target instanceof Element ? e.target.closest("select[data-autosubmit]") : null;
  if (select?.form) select.form.submit();
});
