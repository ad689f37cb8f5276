// Working the article with the keyboard alone, the way a person does: where the caret is, and
// marking words by moving to them word by word and selecting with Shift.
import assert from 'node:assert/strict';

/** The caret's offset (UTF-16) in the article's text, and the selection's, if any. */
export function caret(page) {
  return page.locator('article').evaluate((article) => {
    const s = window.getSelection();
    if (!s.rangeCount || !article.contains(s.focusNode)) return null;
    const at = (node, offset) => {
      const r = document.createRange();
      r.setStart(article, 0);
      r.setEnd(node, offset);
      return r.toString().length;
    };
    return { focus: at(s.focusNode, s.focusOffset), anchor: at(s.anchorNode, s.anchorOffset), text: String(s) };
  });
}

/**
 * Opens `file` with "Open file", waits for `title`, then Tabs into the article's text (as a
 * person without a mouse does) and puts the caret at its start. Returns the article's text.
 */
export async function openFileByKeyboard(page, file, title) {
  await page.getByLabel('Open file').setInputFiles(file);
  await page.locator('.doc-title', { hasText: title }).waitFor();
  const text = await page.locator('article').evaluate((el) => el.textContent);
  for (let step = 0; !(await page.evaluate(() => document.activeElement?.closest?.('.doc-text'))); step++) {
    assert.ok(step < 40, 'Tab reaches the article');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Control+Home');
  return text;
}

const between = /^[\s“”‘’"(,:;.]*$/;

/**
 * Marks `needle` (its `occurrence`-th appearance) as a person with only a keyboard does: Ctrl+←/→
 * word by word to it, Shift+Ctrl+→ over it, the label key. Returns the caret after marking.
 */
export async function markByKeyboard(page, text, [key, needle, occurrence = 0]) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `“${needle}” is in the article`);
  const end = start + needle.length;
  for (let step = 0; ; step++) {
    assert.ok(step < 400, `the caret reached “${needle}”`);
    const { focus } = await caret(page);
    if (focus <= start && between.test(text.slice(focus, start))) break;
    await page.keyboard.press(focus < start ? 'Control+ArrowRight' : 'Control+ArrowLeft');
  }
  for (let step = 0; ; step++) {
    assert.ok(step < 80, `the selection reached the end of “${needle}”`);
    const { focus } = await caret(page);
    if (focus >= end) break;
    await page.keyboard.press('Shift+Control+ArrowRight');
  }
  await page.keyboard.press(key);
  const after = await caret(page);
  assert.ok(after && after.focus >= start, `after marking “${needle}” the caret stays there (at ${after?.focus}), not at the top`);
  return after.focus;
}

