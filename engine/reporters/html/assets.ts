/**
 * The inline stylesheet and script of the HTML report. Both are constants so that their CSP hashes
 * are stable; the script reads only the DOM the renderer produced (data-* attributes), never report data.
 * @module
 */

export const STYLE = `
:root {
  --bg: #fff; --fg: #1d2330; --muted: #5d6677; --line: #dde1e8; --panel: #f6f7f9; --code: #f1f3f6;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #c21f30; --fail-bg: #ffe3e6; --skip: #6e7781; --skip-bg: #eef0f3;
  --error: #9a4d00; --error-bg: #fff0d1; --link: #0b5cad; --must: #6b2bd6; --should: #1f6feb; --may: #57606a;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --fg: #e4e8ee; --muted: #9aa4b2; --line: #2b313b; --panel: #161b22; --code: #1b2129;
    --pass: #4ac26b; --pass-bg: #12351f; --fail: #ff7b83; --fail-bg: #3d1418; --skip: #9aa4b2; --skip-bg: #232a33;
    --error: #f0b040; --error-bg: #3a2a0c; --link: #6cb6ff; --must: #c297ff; --should: #79b8ff; --may: #9aa4b2;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; max-width: 1280px; padding: 24px 28px 64px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
a { color: var(--link); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
header.top { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: 16px; border-bottom: 1px solid var(--line); padding-bottom: 16px; }
.status { display: inline-block; font-weight: 600; padding: 4px 10px; border-radius: 6px; margin-top: 6px; }
.status.ok { color: var(--pass); background: var(--pass-bg); }
.status.bad { color: var(--fail); background: var(--fail-bg); }
dl.meta { display: grid; grid-template-columns: auto 1fr; gap: 2px 14px; margin: 0; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; }
.card { min-width: 110px; padding: 10px 14px; border-radius: 8px; background: var(--panel); border: 1px solid var(--line); }
.card b { display: block; font-size: 22px; line-height: 1.2; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.pass b { color: var(--pass); } .card.fail b { color: var(--fail); } .card.skip b { color: var(--skip); } .card.error b { color: var(--error); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ids { line-height: 1.9; }
td.ids a { margin-right: 10px; white-space: nowrap; }
.grid2 { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 28px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
.badge { display: inline-block; min-width: 46px; text-align: center; font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; text-transform: uppercase; letter-spacing: .03em; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.skip { color: var(--skip); background: var(--skip-bg); }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.blocked, .badge.inconclusive, .badge.unjudged { color: var(--skip); background: var(--skip-bg); }
details.exchange.decisive { border: 2px solid var(--fail); }
.dmark { display: inline-block; font-size: 11px; font-weight: 700; color: var(--fail); margin-right: 6px; text-transform: uppercase; }
.causes { margin: 8px 0 16px; }
.cause { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.cause .fix, .rbody .fix { margin: 4px 0; }
.cause ul { margin: 4px 0 0 18px; padding: 0; }
.lvl { display: inline-block; font-size: 11px; font-weight: 700; border: 1px solid currentColor; border-radius: 4px; padding: 0 5px; }
.lvl.MUST { color: var(--must); } .lvl.SHOULD { color: var(--should); } .lvl.MAY { color: var(--may); }
button.linkish { background: none; border: 0; padding: 0; color: var(--link); cursor: pointer; font: inherit; text-decoration: underline; }
.filters { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--line); padding: 10px 0; margin-top: 8px; display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
.filters legend { float: left; color: var(--muted); font-size: 12px; margin-right: 6px; }
.filters label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; white-space: nowrap; }
.filters .count { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.filters select, .filters input[type=search] { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); }
.filters input[type=search] { width: 240px; }
.filters button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
#f-status { color: var(--muted); margin-left: auto; font-size: 13px; }
.empty { color: var(--muted); padding: 24px; text-align: center; }
details.result { border: 1px solid var(--line); border-left: 4px solid var(--skip); border-radius: 6px; margin: 8px 0; background: var(--bg); }
details.result.pass { border-left-color: var(--pass); }
details.result.fail { border-left-color: var(--fail); }
details.result.error { border-left-color: var(--error); }
details.result > summary { cursor: pointer; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; list-style-position: inside; }
details.result > summary .rid { font-weight: 600; overflow-wrap: anywhere; }
details.result > summary .title { flex: 1 1 260px; }
details.result > summary .where { color: var(--muted); font-size: 12px; white-space: nowrap; }
details.result:target { box-shadow: 0 0 0 2px var(--link); }
details.result { scroll-margin-top: 104px; }
@media (max-width: 800px) { .filters { position: static; } details.result { scroll-margin-top: 8px; } }
.rbody { padding: 2px 14px 12px 16px; border-top: 1px solid var(--line); }
.explanation { color: var(--muted); margin: 8px 0; }
.reason { margin: 8px 0; padding: 8px 10px; border-radius: 6px; background: var(--panel); overflow-wrap: anywhere; white-space: pre-wrap; }
.reason code { font-weight: 700; margin-right: 8px; }
.ea { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 800px) { .ea { grid-template-columns: minmax(0, 1fr); } }
pre { margin: 0; padding: 8px 10px; background: var(--code); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 420px; overflow: auto; }
pre.expected { border-left: 3px solid var(--pass); }
pre.actual { border-left: 3px solid var(--fail); }
details.exchange { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; }
details.exchange > summary { cursor: pointer; padding: 5px 10px; overflow-wrap: anywhere; font-size: 12.5px; }
details.exchange > summary .method { font-weight: 700; }
.http { display: inline-block; font-weight: 700; padding: 0 5px; border-radius: 4px; }
.http.s2, .http.s1 { color: var(--pass); background: var(--pass-bg); }
.http.s3 { color: var(--should); background: var(--panel); }
.http.s4, .http.s5, .http.s0 { color: var(--fail); background: var(--fail-bg); }
.ms { color: var(--muted); }
.xbody { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; padding: 4px 10px 10px; }
@media (max-width: 1000px) { .xbody { grid-template-columns: minmax(0, 1fr); } }
.xbody h4 { margin: 6px 0 4px; font-size: 12px; color: var(--muted); }
.xbody pre + pre { margin-top: 6px; }
.terror { color: var(--error); background: var(--error-bg); padding: 6px 10px; border-radius: 6px; margin: 6px 0; }
.note { color: var(--muted); font-style: italic; font-size: 12px; }
.warn { color: var(--error); background: var(--error-bg); padding: 8px 12px; border-radius: 6px; margin-top: 12px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .filters, .noprint { display: none !important; }
  details::details-content { content-visibility: visible; display: contents; }
  details.result, details.exchange { break-inside: avoid-page; }
  pre { max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

export const SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  var rows = Array.prototype.slice.call(doc.querySelectorAll('details.result'));
  function byId(id) { return doc.getElementById(id); }
  function all(sel) { return Array.prototype.slice.call(doc.querySelectorAll(sel)); }
  var outcomeBoxes = all('input[name="outcome"]');
  var levelBoxes = all('input[name="level"]');
  var suite = byId('f-suite');
  var profile = byId('f-profile');
  var text = byId('f-text');
  function checkedSet(boxes) {
    var set = {};
    boxes.forEach(function (b) { if (b.checked) set[b.value] = true; });
    return set;
  }
  function apply() {
    var outcomes = checkedSet(outcomeBoxes);
    var levels = checkedSet(levelBoxes);
    var su = suite.value;
    var pr = profile.value;
    var terms = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    var byOutcome = {};
    var byLevel = {};
    rows.forEach(function (row) {
      var d = row.dataset;
      var hay = d.search || '';
      var rest = (!su || d.suite === su) && (!pr || d.profile === pr) &&
        terms.every(function (t) { return hay.indexOf(t) !== -1; });
      if (rest && levels[d.level]) byOutcome[d.outcome] = (byOutcome[d.outcome] || 0) + 1;
      if (rest && outcomes[d.outcome]) byLevel[d.level] = (byLevel[d.level] || 0) + 1;
      var visible = rest && !!outcomes[d.outcome] && !!levels[d.level];
      row.hidden = !visible;
      if (visible) shown++;
    });
    all('[data-count-outcome]').forEach(function (el) {
      el.textContent = String(byOutcome[el.getAttribute('data-count-outcome')] || 0);
    });
    all('[data-count-level]').forEach(function (el) {
      el.textContent = String(byLevel[el.getAttribute('data-count-level')] || 0);
    });
    byId('f-status').textContent = 'Showing ' + shown + ' of ' + rows.length + ' results';
    byId('f-empty').hidden = shown !== 0;
  }
  function reset() {
    outcomeBoxes.concat(levelBoxes).forEach(function (b) { b.checked = true; });
    suite.value = '';
    profile.value = '';
    text.value = '';
    apply();
  }
  outcomeBoxes.concat(levelBoxes).forEach(function (b) { b.addEventListener('change', apply); });
  suite.addEventListener('change', apply);
  profile.addEventListener('change', apply);
  text.addEventListener('input', apply);
  byId('f-reset').addEventListener('click', reset);
  all('[data-pick-suite]').forEach(function (el) {
    el.addEventListener('click', function () {
      suite.value = el.getAttribute('data-pick-suite') || '';
      apply();
      byId('results').scrollIntoView();
    });
  });
  // Each distinct exchange is rendered once, in a <template>; a result's .xrefs lists the ones it shows
  // ("7+" is template x-7, expanded; "7*" is the decisive one, expanded and marked) and gets its copies the
  // first time the result is open.
  function fill(row) {
    var box = row.querySelector('.xrefs[data-x]');
    if (!box) return;
    var refs = box.getAttribute('data-x').split(' ');
    box.removeAttribute('data-x');
    var copies = doc.createDocumentFragment();
    refs.forEach(function (ref) {
      var last = ref.charAt(ref.length - 1);
      var decisive = last === '*';
      var expanded = decisive || last === '+';
      var template = byId('x-' + (expanded ? ref.slice(0, -1) : ref));
      var exchange = template && template.content.firstElementChild;
      if (!exchange) return;
      var copy = doc.importNode(exchange, true);
      if (expanded) copy.open = true;
      if (decisive) {
        copy.classList.add('decisive');
        var mark = doc.createElement('span');
        mark.className = 'dmark';
        mark.textContent = 'decisive';
        var summary = copy.querySelector('summary');
        if (summary) summary.insertBefore(mark, summary.firstChild);
      }
      copies.appendChild(copy);
    });
    box.appendChild(copies);
  }
  rows.forEach(function (row) { if (row.open) fill(row); });
  doc.addEventListener('toggle', function (e) {
    var row = e.target;
    if (row.open && row.classList.contains('result')) fill(row);
  }, true);
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && byId(id);
    if (!target || !target.classList.contains('result')) return;
    if (target.hidden) reset();
    target.open = true;
    fill(target);
    target.scrollIntoView();
  }
  // "Decided by exchange N": brings the marked exchange into view (it is already open).
  doc.addEventListener('click', function (e) {
    var button = e.target && e.target.closest ? e.target.closest('[data-show-decisive]') : null;
    if (!button) return;
    var row = button.closest('details.result');
    if (!row) return;
    fill(row);
    var decisive = row.querySelector('details.exchange.decisive');
    if (decisive) {
      decisive.open = true;
      decisive.scrollIntoView({ block: 'center' });
    }
  });
  window.addEventListener('hashchange', reveal);
  var reopen = [];
  window.addEventListener('beforeprint', function () {
    rows.forEach(fill);
    all('details').forEach(function (d) { if (!d.open) { d.open = true; reopen.push(d); } });
  });
  window.addEventListener('afterprint', function () {
    reopen.forEach(function (d) { d.open = false; });
    reopen = [];
  });
  apply();
  reveal();
})();
`;
