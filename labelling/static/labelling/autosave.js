// Autosave of answers: htmx posts each answer as it is typed. This file makes failures visible, so that
// nothing is lost silently: a server error, a refused request (an expired session or an outdated page) or no
// network at all shows a message in the answer's status line, with the value that was not saved.
(function () {
  function statusBox(elt) {
    var form = elt && elt.closest ? elt.closest("form[data-autosave]") : null;
    return form ? { form: form, box: form.querySelector("[data-autosave-status]") } : null;
  }
  function show(elt, message) {
    var target = statusBox(elt);
    if (!target || !target.box) return;
    var value = target.form.querySelector("[name=value]");
    var typed = value && value.type !== "radio" ? value.value : "";
    target.box.innerHTML = "";
    var alert = document.createElement("div");
    alert.className = "alert alert-danger py-1 px-2 mb-0 small";
    alert.setAttribute("role", "alert");
    alert.textContent = message + (typed ? " (" + typed + ")" : "");
    target.box.appendChild(alert);
  }
  document.addEventListener("htmx:responseError", function (event) {
    var target = statusBox(event.detail.elt);
    if (!target) return;
    var status = event.detail.xhr.status;
    var message = status === 403 ? target.form.dataset.msgForbidden : target.form.dataset.msgError;
    show(event.detail.elt, message);
  });
  document.addEventListener("htmx:sendError", function (event) {
    var target = statusBox(event.detail.elt);
    if (target) show(event.detail.elt, target.form.dataset.msgOffline);
  });
})();
