// Set once the back office's circuit has rendered: until then clicks on prerendered markup do nothing.
window.cobuild = { markInteractive: () => { document.body.dataset.interactive = "true"; } };
