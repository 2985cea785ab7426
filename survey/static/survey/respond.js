// Shows or hides the questions of a section whose condition depends on another question of the same section.
// The server checks conditions again on saving; without JavaScript every question stays visible.
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  if (!form) return;
  var conditional = Array.prototype.slice.call(form.querySelectorAll("[data-condition-name]"));
  if (!conditional.length) return;

  function selectedValues(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && input.checked) values.push(input.value);
    });
    return values;
  }

  function update() {
    conditional.forEach(function (fieldset) {
      var name = fieldset.getAttribute("data-condition-name");
      var wanted = fieldset.getAttribute("data-condition-value");
      var source = form.querySelector('[name="' + name + '"]');
      var sourceFieldset = source ? source.closest("fieldset.survey-question") : null;
      var sourceHidden = sourceFieldset ? sourceFieldset.hidden : false;
      fieldset.hidden = sourceHidden || selectedValues(name).indexOf(wanted) === -1;
    });
  }

  form.addEventListener("change", update);
  update();
})();
