// Large selects of units, enterprises or members (a federation has tens of thousands of grassroots unions): a select marked
// data-typeahead (Platform/Text/Typeahead.cs) becomes a search box that suggests its options as you type (a datalist over the
// same options). The select stays in the form, hidden, and carries the value; without JavaScript it is the plain select. A name
// that matches no option clears the choice, so the server answers its usual "choose a unit" error rather than taking a unit the
// user did not pick. The words come from the page (data-text-search, data-text-choose), in the page's language.
(() => {
  const text = (el, key) => el.closest(`[data-text-${key}]`)?.getAttribute(`data-text-${key}`) ?? '';
  const enhance = () => document.querySelectorAll('select[data-typeahead]:not([data-typeahead-bound])').forEach(select => {
    select.dataset.typeaheadBound = '1';
    const options = [...select.options].filter(o => o.value);
    const none = [...select.options].find(o => !o.value); // "all" / "none": what an empty box means, when the select has it
    const list = document.createElement('datalist');
    list.id = `${select.id}-choices`;
    list.append(...options.map(o => Object.assign(document.createElement('option'), { value: o.text })));
    const input = Object.assign(document.createElement('input'), {
      type: 'search', id: `${select.id}-search`, autocomplete: 'off',
      placeholder: none?.text || text(select, 'search'), disabled: select.disabled,
      value: select.selectedIndex >= 0 && select.options[select.selectedIndex].value ? select.options[select.selectedIndex].text : '',
    });
    input.setAttribute('list', list.id);
    input.dataset.testid = 'typeahead';
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (label) label.htmlFor = input.id;
    else if (select.getAttribute('aria-label')) input.setAttribute('aria-label', select.getAttribute('aria-label'));
    const pick = () => {
      const typed = input.value.trim();
      const exact = options.filter(o => o.text === typed);
      const partial = exact.length ? exact : typed ? options.filter(o => o.text.includes(typed)) : [];
      if (partial.length === 1) { select.value = partial[0].value; input.setCustomValidity(''); }
      else if (!typed && none) { select.value = none.value; input.setCustomValidity(''); }
      else { select.selectedIndex = -1; input.setCustomValidity(typed ? text(select, 'choose') : ''); }
    };
    input.addEventListener('input', pick);
    input.addEventListener('change', pick);
    select.hidden = true;
    select.setAttribute('aria-hidden', 'true');
    select.tabIndex = -1;
    select.after(input, list);
  });
  document.addEventListener('DOMContentLoaded', enhance);
  if (window.Blazor) window.Blazor.addEventListener?.('enhancedload', enhance);
  else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', enhance));
  if (document.readyState !== 'loading') enhance();
})();
