"""Accessibility of every page the demo account can reach, at 390 and 1280 px (issue 17):
axe-core with zero violations, WCAG 2.2 target sizes (24×24 px; 44 px for primary actions on a phone),
a visible focus indicator with at least 3:1 contrast on every control reached by Tab, and no text under 12 px."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [pytest.param({"width": 390, "height": 844}, id="390"), pytest.param({"width": 1280, "height": 900}, id="1280")]
# Links that act (sign out, delete, download) or leave the pages a person reads.
SKIP = re.compile(
    r"/logout|/delete|\.(ics|pdf|eml|zip|csv|docx|json|txt)$|/export|/download|/calendar/|/admin|/static/|/media/"
)
MAX_PAGES = 60
TABS = 30

TARGETS = """() => {
  const bad = [];
  const phone = window.innerWidth < 760;
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden'); };
  const inline = (el) => { const block = el.parentElement.closest('p, li, dd, td, span.meta');
    return block && block.textContent.trim().length > el.textContent.trim().length + 2; };
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (!visible(el)) continue;
    let target = el;
    if ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) target = el.closest('label');
    if (el.tagName === 'A' && inline(el)) continue;  // a link inside a sentence: WCAG's inline exception
    const r = target.getBoundingClientRect();
    const name = (el.innerText || el.value || el.name || el.id || el.tagName).trim().slice(0, 40);
    if (r.width < 24 || r.height < 24) bad.push(`${name}: ${Math.round(r.width)}×${Math.round(r.height)}`);
    const primary = el.matches('button:not(.button-secondary):not(.button-link):not(.button-small):not([type=button]), a.button:not(.button-secondary):not(.button-small)');
    if (phone && primary && r.height < 43.5) bad.push(`primary ${name}: ${Math.round(r.height)} px tall`);
  }
  return bad;
}"""

SMALL_TEXT = """(withCharts) => {
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('.visually-hidden, [hidden], script, style, title')) continue;
    const r = el.getBoundingClientRect(); if (!r.width || !r.height) continue;
    if (!withCharts && el instanceof SVGElement) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.ownerSVGElement) size *= el.ownerSVGElement.getScreenCTM().a;
    if (size < 11.95) bad.push(`${node.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
  }
  return bad;
}"""

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
    return .2126 * f(r) + .7152 * f(g) + .0722 * f(b); };
  let bg = [255, 255, 255], node = el.parentElement;
  while (node) { const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) { bg = c.slice(0, 3); break; } node = node.parentElement; }
  const color = rgb(s.outlineColor);
  const alpha = color.length === 4 ? color[3] : 1;
  const mixed = color.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const [a, b] = [lum(mixed), lum(bg)];
  const contrast = (Math.max(a, b) + .05) / (Math.min(a, b) + .05);
  const name = (el.innerText || el.value || el.name || el.id || el.tagName).trim().slice(0, 40);
  return {name, style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast};
}"""


def _pages(page, base: str) -> list[str]:
    """Every page reachable from Today by following links, breadth first."""
    host = urlparse(base).netloc
    seen, queue, skipped = [], ["/today/"], set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path in skipped:
            continue
        skipped.add(path)
        try:
            response = page.goto(base + path)
        except Exception:  # a download, not a page
            continue
        if not response or "text/html" not in response.headers.get("content-type", ""):
            continue
        seen.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != host or SKIP.search(url.path):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen and target not in queue and "next=" not in url.query:
                queue.append(target)
    return seen


@pytest.mark.parametrize("size", SIZES)
def test_every_page_passes_axe_targets_focus_and_text_size(live_server, page, size):
    from lorforge.demo import demo_load

    result = demo_load()
    page.set_viewport_size(size)
    browser_login(page, live_server.url, result.email, result.password)
    axe = Axe()
    pages = _pages(page, live_server.url)
    assert len(pages) >= 15, pages
    problems: dict[str, list[str]] = {}
    for path in pages:
        page.goto(live_server.url + path)
        found = [
            f"axe {v['id']}: {v['help']} ({len(v['nodes'])}×: {v['nodes'][0]['target']})"
            for v in axe.run(page).response["violations"]
        ]
        found += [f"target {t}" for t in page.evaluate(TARGETS)]
        found += [f"text {t}" for t in page.evaluate(SMALL_TEXT, False)]
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(TABS):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            if focus and (focus["style"] == "none" or focus["width"] < 2 or focus["contrast"] < 3):
                found.append(f"focus {focus}")
        if found:
            problems[path] = sorted(set(found))
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(p) for path, p in problems.items())


def test_the_letters_chart_labels_are_at_least_12px(live_server, phone):
    from lorforge.demo import demo_load

    result = demo_load()
    browser_login(phone, live_server.url, result.email, result.password)
    phone.goto(f"{live_server.url}/letters/")
    assert not phone.evaluate(SMALL_TEXT, True)
