// One workspace menu open at a time; a click elsewhere or Escape closes it. Without JavaScript it still opens
// and closes from its own button. (A file, not an inline script: the Content-Security-Policy allows only these.)
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
});

// The header's menu button (narrow screens): the page ships it hidden with every link showing, so a browser
// without JavaScript still reaches them all; here it is shown and the links fold behind it (platform.css hides
// them while the header lacks .nav-open).
const siteHeader = document.querySelector(".site-header");
const navToggle = siteHeader && siteHeader.querySelector(".nav-toggle");

function setNavOpen(open) {
  navToggle.setAttribute("aria-expanded", String(open));
  siteHeader.classList.toggle("nav-open", open);
}

if (navToggle) {
  navToggle.hidden = false;
  siteHeader.classList.add("nav-folds");
  navToggle.addEventListener("click", () => setNavOpen(navToggle.getAttribute("aria-expanded") !== "true"));
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const openMenus = document.querySelectorAll("details.menu[open]");
  openMenus.forEach((menu) => {
    menu.open = false;
  });
  // Escape closes the innermost thing first: an open workspace menu, then the folded navigation.
  if (!openMenus.length && navToggle && siteHeader.classList.contains("nav-open")) {
    setNavOpen(false);
    navToggle.focus();
  }
});
