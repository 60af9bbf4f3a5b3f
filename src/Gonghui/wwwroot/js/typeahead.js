// Large selects of units (a federation has tens of thousands of grassroots unions): a select marked data-typeahead becomes a
// search box that suggests its options as you type (a datalist over the same options). The select stays in the form, hidden,
// and carries the value; without JavaScript it is the plain select. A name that matches no option clears the choice, so the
// server answers its usual "choose a unit" error rather than taking a unit the user did not pick.
(() => {
  const zh = (document.documentElement.lang || '').startsWith('zh');
  const enhance = () => document.querySelectorAll('select[data-typeahead]:not([data-typeahead-bound])').forEach(select => {
    select.dataset.typeaheadBound = '1';
    const options = [...select.options].filter(o => o.value);
    const list = document.createElement('datalist');
    list.id = `${select.id}-choices`;
    list.append(...options.map(o => Object.assign(document.createElement('option'), { value: o.text })));
    const input = Object.assign(document.createElement('input'), {
      type: 'search', id: `${select.id}-search`, autocomplete: 'off',
      placeholder: zh ? '输入名称查找' : 'Type a name to search',
      value: select.selectedIndex >= 0 && select.options[select.selectedIndex].value ? select.options[select.selectedIndex].text : '',
    });
    input.setAttribute('list', list.id);
    input.dataset.testid = 'typeahead';
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (label) label.htmlFor = input.id;
    const pick = () => {
      const text = input.value.trim();
      const exact = options.filter(o => o.text === text);
      const partial = exact.length ? exact : text ? options.filter(o => o.text.includes(text)) : [];
      if (partial.length === 1) { select.value = partial[0].value; input.setCustomValidity(''); }
      else { select.selectedIndex = -1; input.setCustomValidity(text ? (zh ? '请从列表中选择一个单位' : 'Choose a unit from the list') : ''); }
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
