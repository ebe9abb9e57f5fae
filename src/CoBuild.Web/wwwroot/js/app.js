// Set once the back office's circuit has rendered: until then clicks on prerendered markup do nothing.
window.cobuild = { markInteractive: () => { document.body.dataset.interactive = "true"; } };

// Behaviour the markup asks for with data- attributes: the Content-Security-Policy allows no inline handlers.
document.addEventListener("click", e => {
  if (e.target instanceof Element && e.target.closest("[data-print]")) window.print();
});
document.addEventListener("change", e => {
  const select = e.target instanceof Element ? e.target.closest("select[data-autosubmit]") : null;
  if (select?.form) select.form.submit();
});
