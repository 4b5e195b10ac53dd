// One workspace menu open at a time; a click elsewhere or Escape closes it. Without JavaScript it still opens
// and closes from its own button. (A file, not an inline script: the Content-Security-Policy allows only these.)
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    document.querySelectorAll("details.menu[open]").forEach((menu) => {
      menu.open = false;
    });
  }
});
