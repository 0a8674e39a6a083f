/*
 * The citizen pages' few browser helps, in place of the app's bundle (decision 015; issue 21: a cheap phone on a slow
 * network). The pages work the same without it: every form posts to the server, which checks it (zod). Found by the
 * `data-*` attributes the server renders, texts included (in the page's language), so no strings are shipped here:
 *  - the feedback form (`data-feedback-form`): the live count of the text's length, the mobile's "required" mark
 *    following "anonymous", and the form sent in the
 *    background so that files chosen stay chosen when the server refuses the form (the page's answer replaces it);
 *  - the centre finder (`data-center-finder`): the province and the search fill the centre select in place;
 *  - the confirmation's copy and print buttons (`data-copy`, `data-print`);
 *  - wide tables (`.table-scroll`): the scroll hint and edge shadows follow the real overflow.
 * Plain script of this origin, so the CSP allows it without a nonce (like sw-register.js).
 */
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'fa';
  var numbers = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-GB');
  function fill(template, values) {
    return String(template || '').replace(/\{\{(\w+)\}\}/g, function (_, key) {
      return key in values ? values[key] : '';
    });
  }

  /* The live count of the text's length. */
  function counter(root) {
    var count = root.querySelector('[data-counter]');
    var body = root.querySelector('#body');
    if (!count || !body) return;
    function show() {
      count.textContent = fill(count.getAttribute('data-counter'), { n: numbers.format(body.value.length) });
    }
    count.hidden = false;
    show();
    body.addEventListener('input', show);
  }

  /* The mobile is required unless the feedback is anonymous (the server's rule): the mark follows the box. */
  function anonymous(root) {
    var box = root.querySelector('#anonymous');
    var mobile = root.querySelector('#mobile');
    var label = root.querySelector('label[for="mobile"]');
    if (!box || !mobile || !label) return;
    function show() {
      label.classList.toggle('required', !box.checked);
      mobile.setAttribute('aria-required', String(!box.checked));
    }
    show();
    box.addEventListener('change', show);
  }

  /*
   * Sends the form in the background: a redirect (accepted) is followed; any other answer is the same page with the
   * server's errors, put in place of this one, keeping the files chosen unless the server refused the files.
   */
  function feedbackForm(root) {
    var form = root.querySelector('[data-feedback-form]');
    if (!form) return;
    counter(root);
    anonymous(root);
    // No check of its own first (not even the sum): the server lists every mistake at once, as without this script,
    // and a right sum keeps its question through a refusal, so the citizen does the sum once (outside review, round 8).
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.FormData || !window.DOMParser) return;
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
        .then(function (response) {
          if (response.redirected) {
            window.location.assign(response.url);
            return;
          }
          return response.text().then(function (html) {
            var next = new DOMParser().parseFromString(html, 'text/html');
            var main = document.getElementById('main');
            var fresh = next.getElementById('main');
            if (!main || !fresh) throw new Error('no page');
            var files = form.querySelector('input[type="file"]');
            var freshFiles = fresh.querySelector('input[type="file"]');
            var filesRefused = fresh.querySelector('#attachments-error');
            if (files && freshFiles && files.files && files.files.length > 0 && !filesRefused) {
              freshFiles.parentNode.replaceChild(files, freshFiles);
              var notice = fresh.querySelector('[data-testid="attachments-notice"]');
              if (notice) notice.textContent = notice.getAttribute('data-kept');
            }
            main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
            document.title = next.title;
            enhance(main);
            var summary = document.getElementById('error-summary');
            if (summary) summary.focus();
          });
        })
        .catch(function () {
          // No answer (connection lost): the browser sends the form itself, and shows what comes of it.
          if (button) button.disabled = false;
          HTMLFormElement.prototype.submit.call(form);
        });
    });
  }

  /* The centre finder: the province or the search fills the centre select from /feedback/centers. */
  function centerFinder(root) {
    var finder = root.querySelector('[data-center-finder]');
    if (!finder) return;
    var province = finder.querySelector('#finderProvince');
    var search = finder.querySelector('#finderQ');
    var select = finder.querySelector('#centerId');
    var status = finder.querySelector('[data-center-count]');
    var show = finder.querySelector('[data-find-centers]');
    var asked = 0;
    var timer = null;
    function render(choices) {
      var chosen = select.value;
      while (select.options.length > 1) select.remove(1);
      while (select.lastElementChild && select.lastElementChild.tagName === 'OPTGROUP') select.removeChild(select.lastElementChild);
      var group = null;
      choices.options.forEach(function (choice) {
        if (!group || group.label !== choice.group) {
          group = document.createElement('optgroup');
          group.label = choice.group;
          select.appendChild(group);
        }
        var option = document.createElement('option');
        option.value = String(choice.id);
        option.textContent = choice.label;
        group.appendChild(option);
      });
      select.value = chosen;
      if (select.value !== chosen) select.value = '';
      var shown = choices.options.length;
      var total = choices.total;
      status.textContent = !choices.province && !choices.q
        ? finder.getAttribute('data-empty')
        : total > shown
          ? fill(finder.getAttribute('data-more'), { n: numbers.format(total), shown: numbers.format(shown) })
          : fill(finder.getAttribute(total === 1 ? 'data-count-one' : 'data-count-other'), { n: numbers.format(total) });
    }
    function ask() {
      var mine = ++asked;
      var params = new URLSearchParams({ province: province.value, q: search.value.trim() });
      if (select.value) params.set('center', select.value);
      fetch(finder.getAttribute('data-center-finder') + '?' + params.toString(), { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (choices) {
          if (mine === asked) render(choices);
        })
        .catch(function () {}); // no answer: "Show centres" still loads them as a page
    }
    province.addEventListener('change', ask);
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 350);
    });
    // "Show centres" (and Enter in the search, which clicks the form's first button) lists them in place; without
    // this script the button posts the form with everything typed (intent=find-centers).
    if (show) {
      show.addEventListener('click', function (event) {
        event.preventDefault();
        ask();
      });
    }
  }

  /* The confirmation's copy and print buttons. */
  function buttons(root) {
    root.querySelectorAll('[data-copy]').forEach(function (button) {
      if (!navigator.clipboard) return;
      var status = button.parentNode.querySelector('[data-copied]');
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
          if (status) status.textContent = status.getAttribute('data-copied');
        });
      });
    });
    root.querySelectorAll('[data-print]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  /* Wide tables: the hint and the shadows follow the real overflow (app/components/table-scroll.tsx). */
  function tables(root) {
    root.querySelectorAll('.table-scroll-wrap > .table-scroll').forEach(function (box) {
      var wrap = box.parentNode;
      var hint = wrap.previousElementSibling && wrap.previousElementSibling.classList.contains('scroll-hint') ? wrap.previousElementSibling : null;
      function measure() {
        // scrollLeft runs from 0 towards the end: positive in LTR, negative in RTL.
        var beyond = box.scrollWidth - box.clientWidth;
        var at = Math.abs(box.scrollLeft);
        var start = at > 1;
        var end = at < beyond - 1;
        wrap.setAttribute('data-measured', '');
        wrap.toggleAttribute('data-more-start', start);
        wrap.toggleAttribute('data-more-end', end);
        if (hint) {
          hint.hidden = !(start || end);
          hint.classList.toggle('is-needed', start || end);
        }
      }
      measure();
      box.addEventListener('scroll', measure, { passive: true });
      if (window.ResizeObserver) new ResizeObserver(measure).observe(box);
    });
  }

  function enhance(root) {
    feedbackForm(root);
    centerFinder(root);
    buttons(root);
    tables(root);
  }
  enhance(document);
})();
