// A text filter above long organisation lists (<select data-searchable>, see cpsplatform/organisations/fields.py).
// Progressive enhancement: without this script the grouped <select> works as it is. Typing hides the options
// (and whole groups) whose name does not contain the text; chosen options always stay visible. Enter picks the
// first match in a single-choice list instead of submitting the form.
(() => {
  if (window.cpsSearchableSelect) return; // the widget loads this file once per select
  window.cpsSearchableSelect = true;

  const fold = (text) => text.normalize("NFKC").toLowerCase();

  function enhance(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "1";
    const input = document.createElement("input");
    input.type = "search";
    input.className = "select-filter";
    input.placeholder = select.dataset.filterPlaceholder || "";
    input.setAttribute("aria-label", select.dataset.filterLabel || "");
    input.setAttribute("aria-controls", select.id);
    input.autocomplete = "off";
    // Its own line above the list (set here so the stylesheet needs no rule for a script-made element).
    Object.assign(input.style, { display: "block", margin: "0.25rem 0", width: "min(100%, 24rem)" });
    const status = document.createElement("span");
    status.className = "muted select-filter-status";
    status.setAttribute("aria-live", "polite");
    select.before(input);
    select.after(status);

    const options = Array.from(select.querySelectorAll("option")).filter((option) => option.value !== "");
    const apply = () => {
      const query = fold(input.value.trim());
      let shown = 0;
      for (const option of options) {
        const group = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
        const match = !query || fold(option.textContent).includes(query) || fold(group).includes(query);
        option.hidden = !(match || option.selected);
        if (!option.hidden) shown += 1;
      }
      for (const group of select.querySelectorAll("optgroup")) {
        group.hidden = !Array.from(group.children).some((option) => !option.hidden);
      }
      status.textContent = query ? (select.dataset.countTemplate || "%s").replace("%s", String(shown)) : "";
      select.dataset.visible = String(shown);
    };
    input.addEventListener("input", apply);
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      if (select.multiple) return;
      const first = options.find((option) => !option.hidden);
      if (first) {
        select.value = first.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  const start = () => document.querySelectorAll("select[data-searchable]").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
