// The pick-a-type picker: the guide's questions as choices that narrow the comparison table.
// Hand-written and dependency-free: it reads one table, shows one form and hides rows, which needs no library.
// Without JavaScript the guide and the full table are the page; the picker stays hidden.
(function () {
  "use strict";

  // Each question: its choices, and for each type the choices it fits (a type absent from a question fits any).
  var QUESTIONS = [
    { id: "value", text: "What is the value?", choices: {
      number: "a number", set: "a set of items", one: "one value", flag: "on or off",
      plain: "a map of plain values", nested: "a map of counters, sets...",
      list: "an ordered list or text edited concurrently" },
      fits: { GCounter: ["number"], PNCounter: ["number"], GSet: ["set"], TwoPhaseSet: ["set"],
        ORSet: ["set"], RWSet: ["set"], LWWRegister: ["one"], MVRegister: ["one"], EWFlag: ["flag"],
        DWFlag: ["flag"], ORMap: ["nested"], LWWMap: ["plain"], Sequence: ["list"] } },
    { id: "shrink", text: "Can it shrink (decrement, remove, disable)?", choices: { yes: "yes", no: "no, it only grows" },
      fits: { GCounter: ["no"], PNCounter: ["yes"], GSet: ["no"], TwoPhaseSet: ["yes"], ORSet: ["yes"],
        RWSet: ["yes"], EWFlag: ["yes"], DWFlag: ["yes"], ORMap: ["yes"], LWWMap: ["yes"], Sequence: ["yes"] } },
    { id: "race", text: "An add (or enable) races a remove (or disable): what wins?", choices: {
      add: "the add", remove: "the remove", forever: "the remove, for ever", later: "whichever is later" },
      fits: { TwoPhaseSet: ["forever"], ORSet: ["add"], RWSet: ["remove"], EWFlag: ["add"], DWFlag: ["remove"],
        ORMap: ["add"], LWWMap: ["later"], LWWRegister: ["later"] } },
    { id: "writes", text: "Two replicas write one value at once: keep...", choices: {
      last: "the last writer's", all: "all of them, to resolve later", merge: "both, merged (counts add up)" },
      fits: { GCounter: ["merge"], PNCounter: ["merge"], GSet: ["merge"], TwoPhaseSet: ["merge"],
        ORSet: ["merge"], RWSet: ["merge"], EWFlag: ["merge"], DWFlag: ["merge"], ORMap: ["merge"],
        Sequence: ["merge"], LWWRegister: ["last"], LWWMap: ["last"], MVRegister: ["all"] } },
    { id: "reclaim", text: "Must removed items stop costing memory?", choices: { yes: "yes", no: "no" },
      fits: { TwoPhaseSet: ["no"] } }
  ];

  var table = document.getElementById("types-table");
  var picker = document.getElementById("type-picker");
  if (!table || !picker) {
    return;
  }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var answers = {};

  function typeOf(row) {
    return row.cells[0].textContent.trim().split("<")[0];
  }

  function fits(type) {
    return QUESTIONS.every(function (question) {
      var answer = answers[question.id];
      var accepted = question.fits[type];
      return !answer || !accepted || accepted.indexOf(answer) >= 0;
    });
  }

  function update(result) {
    var names = [];
    rows.forEach(function (row) {
      var shown = fits(typeOf(row));
      row.hidden = !shown;
      if (shown) {
        names.push(typeOf(row));
      }
    });
    result.textContent = names.length === 0 ? "No type fits these answers: change one."
      : names.length === rows.length ? "Every type fits so far: answer a question."
      : (names.length === 1 ? "Your type: " : "These fit: ") + names.join(", ") + ". ";
    if (names.length > 0 && names.length < rows.length) {
      var link = document.createElement("a");
      link.href = "#comparison";
      link.textContent = names.length === 1 ? "Its row is the only one left in the table at the end."
        : "The table at the end shows only them.";
      result.appendChild(link);
    }
  }

  // The picker's look: each answer a click target of its own, the questions in one box, the answer in bold.
  var style = document.createElement("style");
  style.textContent = "#type-picker{background:#f7f9fb;border:1px solid #dde3e8;border-radius:6px;"
    + "padding:.5em 1em .8em;margin:1em 0 1.5em}"
    + "#type-picker fieldset{border:0;margin:0;padding:.35em 0}"
    + "#type-picker legend{font-weight:bold;padding:0;margin:0 0 .15em}"
    + "#type-picker label{display:inline-block;margin:.1em 1.3em .1em 0;white-space:nowrap;cursor:pointer}"
    + "#type-picker .picker-result{font-weight:bold;margin:.6em 0 0;padding-top:.5em;border-top:1px solid #dde3e8}"
    + "#type-picker .picker-result a{font-weight:normal;margin-left:.3em}";
  document.head.appendChild(style);

  var form = document.createElement("form");
  form.className = "picker";
  var result = document.createElement("p");
  result.className = "picker-result";
  result.setAttribute("aria-live", "polite");
  QUESTIONS.forEach(function (question) {
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = question.text;
    fieldset.appendChild(legend);
    var options = [["", "any"]].concat(Object.keys(question.choices).map(function (key) {
      return [key, question.choices[key]];
    }));
    options.forEach(function (option) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = question.id;
      input.value = option[0];
      input.checked = option[0] === "";
      input.addEventListener("change", function () {
        answers[question.id] = option[0];
        update(result);
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option[1]));
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);
  });
  picker.appendChild(form);
  picker.appendChild(result);
  picker.hidden = false;
  update(result);
})();
